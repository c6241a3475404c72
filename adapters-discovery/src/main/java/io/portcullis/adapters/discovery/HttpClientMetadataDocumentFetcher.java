package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches Client ID Metadata Documents with the JDK client: guarded address, no redirects, 5 s to connect,
 * 10 s in all, at most 64 KiB, JSON only. Reasons for failure are short and never echo the body.
 */
public final class HttpClientMetadataDocumentFetcher implements ClientMetadataDocumentPort {
    static final int MAX_BYTES = 64 * 1024;
    private final OutboundGuard guard;
    private final JsonMapper json;
    private final HttpClient http;

    public HttpClientMetadataDocumentFetcher(OutboundGuard guard, JsonMapper json) {
        this(guard, json, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpClientMetadataDocumentFetcher(OutboundGuard guard, JsonMapper json, HttpClient http) {
        this.guard = guard;
        this.json = json;
        this.http = http;
    }

    @Override
    public Result<Document, String> fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err("the URL is malformed");
        }
        Optional<String> refused = guard.refuse(uri);
        if (refused.isPresent()) {
            return Result.err(refused.get());
        }
        byte[] body;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    return Result.err("the document host answered HTTP " + response.statusCode());
                }
                String type = response.headers().firstValue("content-type").orElse("");
                if (!type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                    return Result.err("the document is not JSON (content type '" + cut(type) + "')");
                }
                body = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (IOException e) {
            return Result.err("the document could not be fetched (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.err("the fetch was interrupted");
        }
        if (body.length > MAX_BYTES) {
            return Result.err("the document is larger than " + MAX_BYTES + " bytes");
        }
        Map<?, ?> doc;
        try {
            doc = json.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            return Result.err("the document is not valid JSON");
        }
        if (doc == null) {
            return Result.err("the document is not a JSON object");
        }
        try {
            ClientMetadata.Raw raw = new ClientMetadata.Raw(text(doc, "client_name"), texts(doc, "redirect_uris"),
                    text(doc, "token_endpoint_auth_method"), texts(doc, "grant_types"), texts(doc, "response_types"),
                    text(doc, "scope"), text(doc, "client_uri"), text(doc, "logo_uri"), text(doc, "tos_uri"),
                    text(doc, "policy_uri"), texts(doc, "contacts"), text(doc, "software_id"), text(doc, "software_version"),
                    null);
            if (raw.clientName() == null) {
                return Result.err("the document has no client_name");
            }
            return Result.ok(new Document(text(doc, "client_id"), raw,
                    doc.containsKey("client_secret") || doc.containsKey("client_secret_expires_at")));
        } catch (IllegalArgumentException e) {
            return Result.err(e.getMessage());
        }
    }

    private static String text(Map<?, ?> doc, String key) {
        Object v = doc.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("the document's " + key + " must be a string");
        }
        return s;
    }

    private static List<String> texts(Map<?, ?> doc, String key) {
        Object v = doc.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(i -> !(i instanceof String))) {
            throw new IllegalArgumentException("the document's " + key + " must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
