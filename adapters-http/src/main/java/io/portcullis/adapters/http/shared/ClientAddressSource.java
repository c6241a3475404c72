package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;

/** The address a request is attributed to in the request log. */
@FunctionalInterface
public interface ClientAddressSource {
    String of(HttpRequest<?> request);
}
