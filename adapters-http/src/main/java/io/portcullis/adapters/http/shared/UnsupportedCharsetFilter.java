package io.portcullis.adapters.http.shared;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.portcullis.adapters.http.pages.PageResponses;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request body declared in a {@code charset} the JVM cannot decode is refused with 415 before any body is read (reading
 * it would fail deep in the body binder): OAuth JSON on the OAuth endpoints, an HTML page on the browser forms, the REST
 * shape everywhere else. Runs inside the pages' rendering filter so the HTML answer is rendered like any page, and only
 * on the paths whose routes read a body (not on {@code /healthz} and the other hot read-only paths): {@code /api/**},
 * {@code /oauth2/**}, {@code /mcp/**}, {@code /account/**}, {@code /login}, {@code /setup}, {@code /logout}
 * ({@link #isEnabled}; registered for every path, see {@link Paths}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class UnsupportedCharsetFilter implements Ordered, ConditionalFilter {
    /** The paths whose routes read a request body. */
    static boolean readsBodies(String path) {
        return Paths.within(path, "/api") || Paths.within(path, "/oauth2") || Paths.within(path, "/mcp")
                || Paths.within(path, "/account") || path.equals("/login") || path.equals("/setup") || path.equals("/logout");
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return readsBodies(request.getPath());
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUnknownCharset(HttpRequest<?> request) {
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return null;
        }
        Optional<String> charset = unsupportedCharset(type);
        return charset.map(name -> refusal(request, name)).orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after();
    }

    /** The {@code charset} parameter of a Content-Type value when present and not one this JVM decodes. */
    static Optional<String> unsupportedCharset(String contentType) {
        for (String parameter : contentType.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
                continue;
            }
            String name = parameter.substring(eq + 1).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            try {
                if (!name.isEmpty() && Charset.isSupported(name)) {
                    continue;
                }
            } catch (IllegalCharsetNameException illegal) {
                // not even a valid name: refused below
            }
            return Optional.of(name.length() > 40 ? name.substring(0, 40) + "…" : name);
        }
        return Optional.empty();
    }

    private static HttpResponse<?> refusal(HttpRequest<?> request, String charset) {
        String path = request.getPath();
        String detail = "the request body's charset \"" + charset + "\" is not supported; send UTF-8";
        if (isPage(path)) {
            MutableHttpResponse<?> page = PageResponses.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported character set",
                    "The form was sent in a character set this server cannot read. Reload the page and send it again.");
            // the rendering filter renders a view only for a response that carries its route
            RouteAttributes.getRouteMatch(request).ifPresent(route -> RouteAttributes.setRouteMatch(page, route));
            return page;
        }
        if (path.startsWith("/oauth2/")) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", "invalid_request");
            body.put("error_description", detail);
            return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store").body(body);
        }
        return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError("Unsupported media type.", detail));
    }

    /** The browser forms: the sign-in, setup and consent pages and the signed-in account pages. */
    private static boolean isPage(String path) {
        return path.equals("/login") || path.equals("/setup") || path.equals("/logout") || path.equals("/oauth2/authorize")
                || path.startsWith("/account/");
    }
}
