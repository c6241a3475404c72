package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7 finding 8: a {@code charset} the server cannot decode is 415 in the endpoint's own error format — OAuth JSON
 * on the OAuth endpoints, the REST shape on the API, an HTML page on the forms — on every endpoint that reads a body;
 * and a client that hangs up in the middle of its body is one log line, not an ERROR with a stack trace.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsupportedCharsetIT extends ServiceTest {
    private static final List<String> BAD = List.of("bogus", "\"x-nothing\"", "utf-9", "???");
    private String auth;
    private String appId;
    private String serverId;

    @BeforeAll
    void setUp() {
        auth = "Bearer " + ownerSession();
        appId = field(postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"Charset\",\"callback_url\":\"https://c.example/cb\"}",
                "Authorization", auth).body(), "id");
        serverId = field(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Charset\",\"slug\":\"charset\","
                + "\"url\":\"https://charset.example/mcp\",\"enabled\":true}", "Authorization", auth).body(), "id");
    }

    private HttpResponse<String> send(String method, String path, String type, String body) {
        return send(request(path, "Content-Type", type, "Authorization", auth, "Accept", "*/*")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void oauthEndpointsWhenCharsetUnknownThen415InvalidRequest() {
        List<String[]> endpoints = List.of(new String[] {"POST", "/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=x"}, new String[] {"POST", "/oauth2/revoke",
                "application/x-www-form-urlencoded", "token=x"}, new String[] {"POST", "/oauth2/register", "application/json",
                "{\"redirect_uris\":[\"https://c.example/cb\"]}"}, new String[] {"PUT", "/oauth2/clients/" + appId,
                "application/json", "{\"redirect_uris\":[\"https://c.example/cb\"]}"});
        for (String[] e : endpoints) {
            for (String charset : BAD) {
                HttpResponse<String> r = send(e[0], e[1], e[2] + "; charset=" + charset, e[3]);
                assertThat(r.statusCode()).as(e[1] + " " + charset + ": " + r.body()).isEqualTo(415);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                Map<String, Object> body = Json.object(r.body());
                assertThat(body).containsEntry("error", "invalid_request");
                assertThat((String) body.get("error_description")).contains("charset");
            }
        }
    }

    @Test
    void restEndpointsWhenCharsetUnknownThen415RestError() {
        List<String[]> endpoints = List.of(new String[] {"POST", "/api/v2/users/login"}, new String[] {"POST", "/api/v2/users/first"},
                new String[] {"POST", "/api/v2/users"}, new String[] {"POST", "/api/v2/users/me/keys/tokens"},
                new String[] {"POST", "/api/v2/oauth2-provider/apps"}, new String[] {"PUT", "/api/v2/oauth2-provider/apps/" + appId},
                new String[] {"POST", "/api/v2/oauth2-provider/apps/" + appId + "/secrets"},
                new String[] {"POST", "/api/v2/mcp/servers"}, new String[] {"PATCH", "/api/v2/mcp/servers/" + serverId});
        for (String[] e : endpoints) {
            for (String charset : BAD) {
                HttpResponse<String> r = send(e[0], e[1], "application/json; charset=" + charset, "{\"email\":\"a@b.c\"}");
                assertThat(r.statusCode()).as(e[1] + " " + charset + ": " + r.body()).isEqualTo(415);
                Map<String, Object> body = Json.object(r.body());
                assertThat(Json.firstField(r.body())).isEqualTo("message");
                assertThat((String) body.get("detail")).contains("charset");
            }
        }
    }

    @Test
    void formPagesWhenCharsetUnknownThen415HtmlPage() {
        List<String> paths = List.of("/login", "/setup", "/logout", "/oauth2/authorize", "/account/servers/" + serverId + "/disconnect",
                "/account/apps/" + appId + "/revoke");
        for (String path : paths) {
            HttpResponse<String> r = send(request(path, "Content-Type", "application/x-www-form-urlencoded; charset=bogus",
                    "Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("email=a&password=b")).build());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("<!doctype html>").contains("character set").doesNotContain("Exception");
        }
    }

    @Test
    void endpointsWhenCharsetKnownThenStillAnswered() {
        HttpResponse<String> login = send("POST", "/api/v2/users/login", "application/json; charset=UTF-8",
                "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        HttpResponse<String> token = send("POST", "/oauth2/token", "application/x-www-form-urlencoded;charset=utf-8",
                "grant_type=refresh_token&refresh_token=x&client_id=nobody");
        assertThat(token.statusCode()).as(token.body()).isBetween(400, 401);
        // only routes that read a body are checked
        assertThat(get("/healthz", "Content-Type", "application/json; charset=bogus").statusCode()).isEqualTo(200);
    }

    @Test
    void clientHangsUpMidBodyThenNoErrorWithStackTrace() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            for (String path : List.of("/api/v2/users/login", "/oauth2/token", "/oauth2/register", "/login")) {
                try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                            + (path.equals("/oauth2/token") || path.equals("/login") ? "application/x-www-form-urlencoded"
                            : "application/json") + "\r\nContent-Length: 100000\r\n\r\n{\"email\":\"a").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200);
                }
            }
            Thread.sleep(1500); // the server notices the closed connections
            // the service still answers, and the log has no ERROR and no stack trace for the hang-ups
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(" ERROR ").doesNotContain("\tat ").doesNotContain("Exception:");
    }

    /** Writes to two streams: the test keeps its console output and sees what was logged. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
