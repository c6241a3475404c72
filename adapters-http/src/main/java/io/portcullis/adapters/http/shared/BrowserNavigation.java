package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;

/** Whether a request is a browser loading a page (a top-level navigation) rather than an API client's call. */
public final class BrowserNavigation {
    private BrowserNavigation() {
    }

    /** A GET marked {@code Sec-Fetch-Mode: navigate}, or, from browsers without Fetch Metadata, asking for HTML. */
    public static boolean of(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET) {
            return false;
        }
        String mode = request.getHeaders().get("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equals("navigate");
        }
        String accept = request.getHeaders().get("Accept");
        return accept != null && accept.contains("text/html");
    }
}
