package io.portcullis.bootstrap.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Base of HTTP tests: the whole service on a fresh PostgreSQL database per test class, driven by the
 * JDK's HTTP client so status, headers and bodies are asserted exactly as sent. PER_CLASS is required:
 * Micronaut reads {@link TestPropertyProvider} only then (without it the service would quietly fall back
 * to its embedded default database).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    protected static final String ACCESS_URL = "http://portcullis.test";
    protected static final String OWNER_EMAIL = "owner@example.com";
    protected static final String PASSWORD = "owner-password-1";
    /** An external database needs configured sealing keys (no generated key): 32 bytes of 0x07, base64. */
    public static final String TEST_ENCRYPTION_KEY = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";
    /** {@code portcullis.setup-code} of every test server (PRODUCT §11: the first user needs it). */
    public static final String SETUP_CODE = "test-setup-code-1";
    protected final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("datasources.default.url", TestPostgres.newDatabaseUrl(), "datasources.default.username", "postgres",
                "datasources.default.password", "postgres", "portcullis.data-dir", "target/unused-data-dir",
                "portcullis.encryption-keys", TEST_ENCRYPTION_KEY,
                "portcullis.setup-code", SETUP_CODE);
    }

    protected URI uri(String path) {
        return URI.create(server.getURL().toString() + path);
    }

    protected HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    protected HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected HttpResponse<String> putJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Creates the first user (once per class) and returns a session token for them. */
    protected String ownerSession() {
        postJson("/api/v2/users/first", "{\"email\":\"" + OWNER_EMAIL + "\",\"username\":\"owner\",\"password\":\"" + PASSWORD
                + "\",\"setup_code\":\"" + SETUP_CODE + "\"}");
        return login(OWNER_EMAIL, PASSWORD);
    }

    protected String login(String email, String password) {
        HttpResponse<String> r = postJson("/api/v2/users/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return field(r.body(), "session_token");
    }

    /** Creates a member (as the owner) and returns their session token. */
    protected String memberSession(String ownerToken, String username) {
        String email = username + "@example.com";
        HttpResponse<String> r = postJson("/api/v2/users", "{\"email\":\"" + email + "\",\"username\":\"" + username
                + "\",\"password\":\"member-password-1\"}", "Authorization", "Bearer " + ownerToken);
        if (r.statusCode() != 201) {
            throw new AssertionError("create member failed: " + r.statusCode() + " " + r.body());
        }
        return login(email, "member-password-1");
    }

    protected String createToken(String bearer, String name, String extraJson) {
        HttpResponse<String> r = postJson("/api/v2/users/me/keys/tokens", "{\"token_name\":\"" + name + "\""
                + (extraJson == null ? "" : "," + extraJson) + "}", "Authorization", "Bearer " + bearer);
        if (r.statusCode() != 201) {
            throw new AssertionError("create token failed: " + r.statusCode() + " " + r.body());
        }
        return field(r.body(), "key");
    }

    /** The string value of a top-level field of a JSON object body, read with a JSON parser. */
    protected static String field(String json, String name) {
        return Json.text(json, name);
    }
}
