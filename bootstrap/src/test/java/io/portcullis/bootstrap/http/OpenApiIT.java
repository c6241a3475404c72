package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code GET /openapi.yml}: the OpenAPI 3 document generated from the controllers at build time (PRODUCT §11). */
@MicronautTest
class OpenApiIT extends ServiceTest {
    @Test
    @SuppressWarnings("unchecked")
    void documentWhenFetchedThenOpenApi3WithTheRestApiAndNoPages() {
        HttpResponse<String> r = get("/openapi.yml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/yaml");
        Map<String, Object> doc = new Yaml().load(r.body());
        assertThat((String) doc.get("openapi")).startsWith("3.");
        assertThat((Map<String, Object>) doc.get("info")).containsEntry("title", "Portcullis");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertThat(paths.get("/api/v2/users/first")).containsKeys("get", "post");
        assertThat(paths.get("/api/v2/users/{user}/keys/tokens")).containsKeys("get", "post");
        assertThat(paths.get("/api/v2/oauth2-provider/apps/{app}")).containsKeys("get", "put", "delete");
        assertThat(paths.get("/oauth2/token")).containsKey("post");
        assertThat(paths.get("/api/v2/users/{user}/profile")).containsKey("put");
        assertThat(paths).containsKeys("/api/v2/mcp/servers", "/mcp/{slug}", "/metrics")
                .doesNotContainKeys("/", "/login", "/setup", "/openapi.yml");
        Map<String, Object> auditLogs = (Map<String, Object>) paths.get("/api/v2/audit-logs").get("get");
        assertThat((List<Map<String, Object>>) auditLogs.get("parameters")).extracting(p -> p.get("name"))
                .containsExactly("action", "user", "since", "until", "limit", "after");
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        assertThat((Map<String, Object>) components.get("securitySchemes")).containsKey("bearer");
        // the caller is the credential's, never a parameter or a body field (it was both, for some operations)
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                Map<String, Object> op = (Map<String, Object>) operation.getValue();
                List<Map<String, Object>> parameters = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
                assertThat(parameters).as(operation.getKey() + " " + path.getKey()).extracting(p -> p.get("name"))
                        .doesNotContain("principal", "actor", "caller");
            }
        }
        assertThat(r.body()).doesNotContain("principal").doesNotContain("Principal");
    }
}
