package io.portcullis.bootstrap.support;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to one of several replicas started by a test: a JSON body and a bearer credential, both optional. */
public final class ReplicaRequests {
    private ReplicaRequests() {
    }

    public static HttpResponse<String> send(HttpClient http, EmbeddedServer replica, String method, String path, String json,
            String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(replica.getURL() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
