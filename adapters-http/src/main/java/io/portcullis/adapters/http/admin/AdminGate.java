package io.portcullis.adapters.http.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.portcullis.adapters.http.pages.CsrfTokens;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.shared.Result;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jakarta.inject.Singleton;

/**
 * The way into every console page: a browser session of an active owner (signed-out browsers go to the sign-in page
 * and come back; members get a 403 page), and for every POST the session-bound CSRF token with the same-origin checks
 * of the login and consent forms ({@link CsrfTokens#valid}). Pages render through {@link PageResponses}, so they carry
 * the one set of CSP and framing headers.
 */
@Singleton
public final class AdminGate {
    private final RequestAuthenticator authenticator;
    private final CsrfTokens csrf;

    public AdminGate(RequestAuthenticator authenticator, CsrfTokens csrf) {
        this.authenticator = authenticator;
        this.csrf = csrf;
    }

    /** What a console request may do: act as {@code owner}, or answer {@code refusal} instead. */
    public record Entry(Principal owner, String csrfToken, MutableHttpResponse<?> refusal) {
        public boolean refused() {
            return refusal != null;
        }

        /** The frame of a console page in {@code section}: this owner's name and CSRF token. */
        public AdminViews.Frame frame(String section) {
            return new AdminViews.Frame(csrfToken, owner.user().username().value(), section);
        }
    }

    /** A list page's rows: the listing's, or none when it was refused (the page says why). */
    public static <T, R> List<R> rows(Result<List<T>, ?> listed, Function<T, R> row) {
        return listed.isOk() ? listed.value().stream().map(row).toList() : List.of();
    }

    /** For a GET: the owner, or a redirect to sign in and back here, or the members' 403 page. */
    public Entry enter(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return admit(request, request.getPath() + (query == null ? "" : "?" + query));
    }

    /**
     * For a POST: as {@link #enter} (a signed-out browser comes back to the console's start, as a POST cannot be
     * repeated), and the form must carry this browser's CSRF token and come from this origin.
     */
    public Entry submit(HttpRequest<?> request, FormBody form) {
        Entry entry = admit(request, "/admin");
        if (entry.refused()) {
            return entry;
        }
        if (!csrf.valid(request, form.single(CsrfTokens.FIELD).orElse(null))) {
            return new Entry(null, null, PageResponses.error(HttpStatus.FORBIDDEN, "Request expired",
                    "Reload the page and try again."));
        }
        return entry;
    }

    private Entry admit(HttpRequest<?> request, String back) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty()) {
            return new Entry(null, null, HttpResponse.status(HttpStatus.SEE_OTHER)
                    .header("Location", "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
                    .header("Cache-Control", "no-store"));
        }
        if (!principal.get().isOwner()) {
            return new Entry(null, null, PageResponses.error(HttpStatus.FORBIDDEN, "Owners only",
                    "The console is for owners of this Portcullis. Ask an owner if you need something changed."));
        }
        return new Entry(principal.get(), csrf.tokenFor(request), null);
    }

    /** A console page with its CSRF cookie. */
    public MutableHttpResponse<?> page(Entry entry, HttpStatus status, String view, Object page) {
        MutableHttpResponse<?> response = PageResponses.page(status, view, page);
        csrf.attach(response, entry.csrfToken());
        return response;
    }

    /** After a change: back to {@code path} with a GET (post/redirect/get). */
    public static MutableHttpResponse<?> seeOther(String path) {
        return HttpResponse.status(HttpStatus.SEE_OTHER).header("Location", path);
    }

    /** The form of a POST, or an empty one when the body cannot be read (the CSRF check then refuses it). */
    public static FormBody form(String body) {
        return FormBody.parse(body).orElseGet(() -> FormBody.of(java.util.Map.of()));
    }

    /** Answers {@code then} for an admitted owner, the refusal otherwise. */
    public static MutableHttpResponse<?> either(Entry entry, Function<Entry, MutableHttpResponse<?>> then) {
        return entry.refused() ? entry.refusal() : then.apply(entry);
    }
}
