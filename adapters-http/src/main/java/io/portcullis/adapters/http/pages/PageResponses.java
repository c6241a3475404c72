package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import java.util.Map;

/**
 * How every HTML page is answered: a JTE view from {@code src/main/resources/views} (rendered by micronaut-views),
 * its view model bound to the template's {@code page} parameter, and the one set of strict security headers
 * (CSP, no framing, no sniffing, same-origin referrer, no caching). No other class writes these headers.
 */
public final class PageResponses {
    /** What every page route produces: micronaut-views answers with the route's type, charset included. */
    public static final String HTML = "text/html;charset=utf-8";

    private PageResponses() {
    }

    /** A page whose forms submit only to this server. */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpStatus status, String view, Object page) {
        return page(status, view, page, null);
    }

    /**
     * A page whose forms may also submit, or be redirected, to {@code formActionSource} (a CSP source expression such
     * as the client's redirect origin on the consent page).
     */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpStatus status, String view, Object page,
            @Nullable String formActionSource) {
        return secured(HttpResponse.<ModelAndView<Map<String, Object>>>status(status)
                .body(new ModelAndView<>(view, Map.of("page", page))), formActionSource);
    }

    /** The pages' security headers on {@code response} (also used for error pages rendered outside a page route). */
    static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response, @Nullable String formActionSource) {
        return response
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' https: data:;"
                        + " form-action 'self'" + (formActionSource == null ? "" : " " + formActionSource)
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    /** The error page: a heading and one sentence saying what to do. */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> error(HttpStatus status, String title, String message) {
        return page(status, "error", new MessagePage(title, message));
    }
}
