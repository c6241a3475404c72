package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** One log line per request: method, route template, status, ms, client address; never a credential (PRODUCT §11). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogIT extends ServiceTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    void capture() {
        captured.start();
        root.addAppender(captured);
        // tests log at WARN (logback-test.xml); the service's logback.xml logs INFO
        ((Logger) LoggerFactory.getLogger("portcullis.request")).setLevel(Level.INFO);
    }

    @AfterAll
    void release() {
        root.detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("portcullis.request")).setLevel(null);
    }

    @Test
    void requestsWhenCarryingCredentialsThenLoggedByTemplateWithoutThem() throws Exception {
        String session = ownerSession();
        String id = UUID.randomUUID().toString();
        captured.list.clear();
        get("/api/v2/users/owner?access_token=query-secret-1", "Authorization", "Bearer " + session, "Cookie",
                "portcullis_session_token=cookie-secret-2");
        get("/api/v2/users/" + id, "Portcullis-Session-Token", session);
        get("/healthz");
        List<String> lines = lines();
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("GET /api/v2/users/\\{user} 401 \\d+ms 127\\.0\\.0\\.1"))
                .anySatisfy(l -> assertThat(l).matches("GET /api/v2/users/\\{user} 404 \\d+ms 127\\.0\\.0\\.1"))
                .anySatisfy(l -> assertThat(l).matches("GET /healthz 200 \\d+ms 127\\.0\\.0\\.1"));
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(session).doesNotContain("query-secret-1").doesNotContain("cookie-secret-2")
                .doesNotContain(id).doesNotContain("access_token");
    }

    /** IPv6 loopback is written as RFC 5952 has it, {@code ::1}, in the request log and in the audit log. */
    @Test
    void requestsWhenFromIpv6LoopbackThenAddressWrittenCompressedInLogAndAudit() {
        String owner = ownerSession();
        captured.list.clear();
        java.net.URI v6 = java.net.URI.create("http://[::1]:" + server.getPort() + "/api/v2/users/login");
        java.net.http.HttpResponse<String> signIn = send(java.net.http.HttpRequest.newBuilder(v6)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + OWNER_EMAIL
                        + "\",\"password\":\"" + PASSWORD + "\"}")).build());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(201);
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("POST /api/v2/users/login 201 \\d+ms ::1"));
        List<java.util.Map<String, Object>> entries = io.portcullis.bootstrap.support.Json.objects(
                get("/api/v2/audit-logs?action=login.success&limit=1", "Authorization", "Bearer " + owner).body());
        assertThat(entries.get(0).get("client_address")).isEqualTo("::1");
    }

    @Test
    void clientWhenHangingUpThenNoErrorLogged() throws Exception {
        captured.list.clear();
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 1000\r\n\r\ngrant_type=").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        Thread.sleep(500);
        assertThat(events()).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
    }

    /** What was captured so far; requests still finishing append concurrently (under the appender's lock). */
    private List<ILoggingEvent> events() {
        synchronized (captured) {
            return new java.util.ArrayList<>(captured.list);
        }
    }

    private List<String> lines() {
        return events().stream().filter(e -> e.getLoggerName().equals("portcullis.request"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
