package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.BusyHandlers;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the intended endpoints answer (PRODUCT §11): Micronaut's built-in management endpoints, which arrive with
 * micronaut-management through Flyway, answer like any unknown path; the health probes stay.
 */
@MicronautTest
class ExposedEndpointsIT extends ServiceTest {
    static final List<String> MANAGEMENT = List.of("/beans", "/routes", "/flyway", "/env", "/env/portcullis", "/loggers",
            "/loggers/ROOT", "/health", "/health/liveness", "/info", "/refresh", "/stop", "/threaddump", "/caches",
            "/prometheus", "/metrics/jvm.memory.used", "/liquibase", "/swagger-ui", "/rapidoc");

    @Test
    void managementEndpointsWhenRequestedThenAnswerLikeUnknownPaths() {
        for (String path : MANAGEMENT) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> r = send(request(path, "Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
                assertThat(r.statusCode()).as(method + " " + path + " " + r.body()).isEqualTo(404);
                assertThat(Json.firstField(r.body())).as(method + " " + path).isEqualTo("message");
            }
        }
    }

    @Test
    void probesWhenRequestedThenAnswer() {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Inject
    ApplicationContext context;

    /** Liveness runs on the network thread: with every handler thread busy, {@code /healthz} still answers at once. */
    @Test
    void livenessWhenEveryHandlerThreadIsBusyThenStillAnswers() throws Exception {
        try (BusyHandlers busy = BusyHandlers.occupy(context)) {
            HttpResponse<String> health = send(request("/healthz").timeout(Duration.ofSeconds(3)).build());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }
}
