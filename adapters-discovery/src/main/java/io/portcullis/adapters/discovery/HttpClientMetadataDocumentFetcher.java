package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Fetches Client ID Metadata Documents over the {@link GuardedHttpClient}: guarded and pinned address, no
 * redirects, 5 s to connect, 10 s in all, at most 64 KiB, JSON only. Reasons for failure are short and never
 * echo the body.
 */
public final class HttpClientMetadataDocumentFetcher implements ClientMetadataDocumentPort {
    static final int MAX_BYTES = 64 * 1024;
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(5),
            Duration.ofSeconds(10), MAX_BYTES);
    private final GuardedHttpClient http;
    private final JsonMapper json;

    public HttpClientMetadataDocumentFetcher(OutboundGuard guard, JsonMapper json) {
        this(new GuardedHttpClient(guard), json);
    }

    public HttpClientMetadataDocumentFetcher(GuardedHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public Result<Document, FetchFailure> fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err(new Unfit("the URL is malformed"));
        }
        Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> fetched =
                http.send(GuardedHttpClient.Request.get(uri, Map.of("Accept", "application/json")), LIMITS);
        if (!fetched.isOk()) {
            GuardedHttpClient.Failure f = fetched.error();
            if (f instanceof GuardedHttpClient.TooLarge) {
                return Result.err(new Unfit("the document is larger than " + MAX_BYTES + " bytes"));
            }
            return Result.err(new Unreachable(f instanceof GuardedHttpClient.Unreachable
                    ? "the document could not be fetched (" + f.reason() + ")" : f.reason()));
        }
        GuardedHttpClient.Response response = fetched.value();
        if (response.status() != 200) {
            return Result.err(new Unfit("the document host answered HTTP " + response.status()));
        }
        String type = response.header("content-type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return Result.err(new Unfit("the document is not JSON (content type '" + cut(type) + "')"));
        }
        Map<?, ?> doc;
        try {
            doc = json.readValue(response.body(), Map.class);
        } catch (IOException | RuntimeException e) {
            return Result.err(new Unfit("the document is not valid JSON"));
        }
        if (doc == null) {
            return Result.err(new Unfit("the document is not a JSON object"));
        }
        try {
            ClientMetadata.Raw raw = new ClientMetadata.Raw(text(doc, "client_name"), texts(doc, "redirect_uris"),
                    text(doc, "token_endpoint_auth_method"), texts(doc, "grant_types"), texts(doc, "response_types"),
                    text(doc, "scope"), text(doc, "client_uri"), text(doc, "logo_uri"), text(doc, "tos_uri"),
                    text(doc, "policy_uri"), texts(doc, "contacts"), text(doc, "software_id"), text(doc, "software_version"),
                    null);
            if (raw.clientName() == null) {
                return Result.err(new Unfit("the document has no client_name"));
            }
            return Result.ok(new Document(text(doc, "client_id"), raw,
                    doc.containsKey("client_secret") || doc.containsKey("client_secret_expires_at")));
        } catch (IllegalArgumentException e) {
            return Result.err(new Unfit(e.getMessage()));
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
