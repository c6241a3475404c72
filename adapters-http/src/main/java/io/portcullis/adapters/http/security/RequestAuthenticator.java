package io.portcullis.adapters.http.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.portcullis.adapters.http.shared.Paths;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.AuthenticateRequestUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Reads the credential from the first present source — cookie, {@code Portcullis-Session-Token},
 * {@code Authorization: Bearer}, {@code access_token} query — and authenticates it. A present but bad
 * credential is refused, never skipped in favour of a later source. The MCP gateway refuses query tokens.
 */
@Singleton
public final class RequestAuthenticator {
    public static final String COOKIE = "portcullis_session_token";
    public static final String SESSION_HEADER = "Portcullis-Session-Token";
    private static final String BEARER = "bearer";
    private final AuthenticateRequestUseCase authenticate;
    private final ServerUrls urls;

    public RequestAuthenticator(AuthenticateRequestUseCase authenticate, ServerUrls urls) {
        this.authenticate = authenticate;
        this.urls = urls;
    }

    /** Where a credential came from; cookies need cross-site protection on writes. */
    public enum Source { COOKIE, HEADER, BEARER, QUERY }

    public record Presented(String token, Source source) {
    }

    /**
     * Authenticates the request's credential for {@code resource}. A session cookie is refused for unsafe
     * cross-site requests even when valid (the cookie is sent by browsers whoever made the page).
     */
    public Result<Principal, AuthenticationFailure> authenticate(HttpRequest<?> request, ResourceUri resource) {
        Optional<Presented> presented = credential(request);
        Optional<Result<Principal, AuthenticationFailure>> refused = queryTokenOnGateway(request, presented);
        if (refused.isPresent()) {
            return refused.get();
        }
        return sameSite(request, presented,
                authenticate.authenticate(presented.map(Presented::token).orElse(null), resource));
    }

    /**
     * {@link #authenticate} when the answer needs no store access (no credential, a malformed one, one validated
     * recently); empty when the store must be read. Cheap enough for the event loop.
     */
    public Optional<Result<Principal, AuthenticationFailure>> authenticateFromMemory(HttpRequest<?> request,
            ResourceUri resource) {
        Optional<Presented> presented = credential(request);
        Optional<Result<Principal, AuthenticationFailure>> refused = queryTokenOnGateway(request, presented);
        if (refused.isPresent()) {
            return refused;
        }
        return authenticate.authenticateFromMemory(presented.map(Presented::token).orElse(null), resource)
                .map(result -> sameSite(request, presented, result));
    }

    /** MCP forbids access tokens in the query string: on the gateway such a token is refused, whatever it is. */
    private static Optional<Result<Principal, AuthenticationFailure>> queryTokenOnGateway(HttpRequest<?> request,
            Optional<Presented> presented) {
        if (presented.isPresent() && presented.get().source() == Source.QUERY && isGateway(request)) {
            return Optional.of(Result.err(new AuthenticationFailure.InvalidToken(
                    "the MCP gateway takes no access token in the query (MCP forbids it); send Authorization: Bearer")));
        }
        return Optional.empty();
    }

    private Result<Principal, AuthenticationFailure> sameSite(HttpRequest<?> request, Optional<Presented> presented,
            Result<Principal, AuthenticationFailure> result) {
        if (result.isOk() && presented.get().source() == Source.COOKIE && !safeMethod(request) && crossSite(request)) {
            return Result.err(new AuthenticationFailure.Forbidden("cross-site requests may not use the session cookie"));
        }
        return result;
    }

    /** The caller for the REST API, or empty instead of a refusal (pages that work signed out). */
    public Optional<Principal> optional(HttpRequest<?> request) {
        Optional<Presented> presented = credential(request);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Result<Principal, AuthenticationFailure> result = authenticate.authenticate(presented.get().token(),
                urls.apiResource());
        // pages and the consent flow act for users: a client's own token is nobody signed in there
        return result.isOk() && !result.value().isClient() ? Optional.of(result.value()) : Optional.empty();
    }

    /** The signed-in user when the session cookie is what authenticated them (pages never act for bearer tokens). */
    public Optional<Principal> browserSession(HttpRequest<?> request) {
        boolean cookie = credential(request).map(c -> c.source() == Source.COOKIE).orElse(false);
        return cookie ? optional(request) : Optional.empty();
    }

    public static Optional<Presented> credential(HttpRequest<?> request) {
        Optional<Cookie> cookie = request.getCookies().findCookie(COOKIE);
        if (cookie.isPresent() && !cookie.get().getValue().isEmpty()) {
            return Optional.of(new Presented(cookie.get().getValue(), Source.COOKIE));
        }
        String header = request.getHeaders().get(SESSION_HEADER);
        if (header != null) {
            return Optional.of(new Presented(header.trim(), Source.HEADER));
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null) {
            // another scheme (or a bare word) is a credential we cannot accept, not an absent one
            return Optional.of(new Presented(bearerToken(authorization), Source.BEARER));
        }
        List<String> query = request.getParameters().getAll("access_token");
        if (!query.isEmpty()) {
            return Optional.of(new Presented(query.get(0), Source.QUERY));
        }
        return Optional.empty();
    }

    /**
     * The token of {@code Bearer <token>} (scheme case-insensitive, spaces around and between ignored), or "" for another
     * scheme or a bare word. Scanned by hand: a regular-expression split compiled a pattern on every request.
     */
    static String bearerToken(String authorization) {
        int end = authorization.length();
        int start = 0;
        while (start < end && authorization.charAt(start) <= ' ') {
            start++;
        }
        int schemeEnd = start;
        while (schemeEnd < end && authorization.charAt(schemeEnd) != ' ') {
            schemeEnd++;
        }
        if (schemeEnd == end || !isBearer(authorization, start, schemeEnd)) {
            return "";
        }
        return authorization.substring(schemeEnd).trim();
    }

    /** ASCII only, as {@code toLowerCase(Locale.ROOT).equals("bearer")} was: no Unicode case folding onto "bearer". */
    private static boolean isBearer(String s, int from, int to) {
        if (to - from != BEARER.length()) {
            return false;
        }
        for (int i = 0; i < BEARER.length(); i++) {
            char c = s.charAt(from + i);
            if (c != BEARER.charAt(i) && c != Character.toUpperCase(BEARER.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code /mcp} and below: MCP clients must send tokens in the Authorization header (MCP authorization). */
    private static boolean isGateway(HttpRequest<?> request) {
        return Paths.within(request.getPath(), ProtectedResources.AGGREGATE);
    }

    private static boolean safeMethod(HttpRequest<?> request) {
        HttpMethod m = request.getMethod();
        return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
    }

    private boolean crossSite(HttpRequest<?> request) {
        return crossSite(request, urls.origin());
    }

    /** Fetch Metadata first; without it, an Origin that is not {@code ours}. Requests sending neither are not cross-site. */
    public static boolean crossSite(HttpRequest<?> request, String ours) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null) {
            return !(site.equals("same-origin") || site.equals("none"));
        }
        String origin = request.getHeaders().get("Origin");
        return origin != null && !origin.equals(ours);
    }
}
