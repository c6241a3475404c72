package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The MCP server registry API (PRODUCT §5): validation, owners-only writes, redaction, secrets never returned. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServersIT extends ServiceTest {
    private String owner;
    private String member;

    @BeforeAll
    void setUp() {
        owner = "Bearer " + ownerSession();
        member = "Bearer " + memberSession(ownerSession(), "registry-member");
    }

    private HttpResponse<String> patch(String path, String json, String auth) {
        return send(request(path, "Authorization", auth, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void createWhenApiKeyServerThenSecretHiddenAndMembersSeeRedactedEnabledOnly() {
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Search\",\"slug\":\"search\","
                + "\"url\":\"https://search.example/mcp\",\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\","
                + "\"api_key_value\":\"top-secret-value\",\"enabled\":true,\"availability\":\"default_on\",\"tool_allow_list\":[\"find\"]}",
                "Authorization", owner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("has_api_key", true).containsEntry("api_key_header", "X-Api-Key")
                .containsEntry("auth_connected", true).containsEntry("transport", "streamable_http");
        assertThat(created.body()).doesNotContain("top-secret-value");
        String id = field(created.body(), "id");
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Hidden\",\"slug\":\"hidden\",\"url\":\"https://h.example/mcp\"}",
                "Authorization", owner);
        HttpResponse<String> memberList = get("/api/v2/mcp/servers", "Authorization", member);
        assertThat(Json.objects(memberList.body())).extracting(s -> s.get("slug")).contains("search").doesNotContain("hidden");
        assertThat(Json.element(memberList.body(), "slug", "search")).containsEntry("url", "").containsEntry("api_key_header", "");
        assertThat(memberList.body()).doesNotContain("search.example");
        assertThat(get("/api/v2/mcp/servers/" + id, "Authorization", owner).body()).contains("https://search.example/mcp")
                .doesNotContain("top-secret-value");
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"X\",\"slug\":\"x\",\"url\":\"https://x.example\"}",
                "Authorization", member).statusCode()).isEqualTo(403);
        assertThat(delete("/api/v2/mcp/servers/" + id, "Authorization", member).statusCode()).isEqualTo(403);
    }

    @Test
    void createWhenInvalidPerAuthTypeOrSlugTakenThenRefusedAndNothingStored() {
        String[][] cases = {
            {"{\"display_name\":\"A\",\"slug\":\"Bad Slug\",\"url\":\"https://a.example\"}", "slug"},
            {"{\"display_name\":\"A\",\"slug\":\"a1\",\"url\":\"ftp://a.example\"}", "url"},
            {"{\"display_name\":\"A\",\"slug\":\"a2\",\"url\":\"https://a.example\",\"auth_type\":\"api_key\",\"api_key_header\":\"X\"}", "api_key"},
            {"{\"display_name\":\"A\",\"slug\":\"a3\",\"url\":\"https://a.example\",\"auth_type\":\"custom_headers\"}", "custom_headers"},
            {"{\"display_name\":\"A\",\"slug\":\"a4\",\"url\":\"https://a.example\",\"auth_type\":\"oauth2\",\"oauth2_client_id\":\"c\"}", "oauth2"},
            {"{\"display_name\":\"A\",\"slug\":\"a5\",\"url\":\"https://a.example\",\"auth_type\":\"kerberos\"}", "auth_type"},
            {"{\"display_name\":\"A\",\"slug\":\"a6\",\"url\":\"https://a.example\",\"api_key_value\":\"v\"}", "api_key"},
            {"{\"display_name\":5,\"slug\":\"a7\",\"url\":\"https://a.example\"}", "display_name"},
            {"{\"slug\":\"a8\",\"url\":\"https://a.example\"}", "display_name"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = postJson("/api/v2/mcp/servers", c[0], "Authorization", owner);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.body()).as(c[0]).contains(c[1]);
        }
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Dup\",\"slug\":\"dup\",\"url\":\"https://d.example\"}",
                "Authorization", owner).statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Dup 2\",\"slug\":\"dup\",\"url\":\"https://d2.example\"}",
                "Authorization", owner).statusCode()).isEqualTo(409);
        String listed = get("/api/v2/mcp/servers", "Authorization", owner).body();
        assertThat(Json.objects(listed)).extracting(s -> s.get("slug")).doesNotContain("a1");
        assertThat(listed).doesNotContain("Dup 2");
    }

    @Test
    void patchWhenFieldsAbsentThenUnchangedAndSwitchingAuthTypeClearsOtherSecrets() {
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Hdr\",\"slug\":\"hdr\","
                + "\"url\":\"https://hdr.example/mcp\",\"auth_type\":\"custom_headers\",\"custom_headers\":{\"X-Team\":\"blue\"}}",
                "Authorization", owner);
        String id = field(created.body(), "id");
        HttpResponse<String> renamed = patch("/api/v2/mcp/servers/" + id, "{\"description\":\"now described\"}", owner);
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(Json.object(renamed.body())).containsEntry("has_custom_headers", true)
                .containsEntry("description", "now described").containsEntry("display_name", "Hdr");
        HttpResponse<String> switched = patch("/api/v2/mcp/servers/" + id, "{\"auth_type\":\"api_key\",\"api_key_header\":\"X-Key\","
                + "\"api_key_value\":\"k\"}", owner);
        assertThat(Json.object(switched.body())).containsEntry("has_custom_headers", false).containsEntry("has_api_key", true);
        assertThat(patch("/api/v2/mcp/servers/" + id, "{\"slug\":\"dup-target\"}", owner).statusCode()).isEqualTo(200);
        assertThat(patch("/api/v2/mcp/servers/00000000-0000-4000-8000-000000000000", "{}", owner).statusCode()).isEqualTo(404);
        assertThat(patch("/api/v2/mcp/servers/" + id, "{\"enabled\":\"yes\"}", owner).statusCode()).isEqualTo(400);
        assertThat(delete("/api/v2/mcp/servers/" + id, "Authorization", owner).statusCode()).isEqualTo(204);
        assertThat(get("/api/v2/mcp/servers/" + id, "Authorization", owner).statusCode()).isEqualTo(404);
    }

    @Test
    void oauth2WhenDiscoveryImpossibleThen400WithReasonAndNothingStored() {
        HttpResponse<String> r = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Nope\",\"slug\":\"nope\","
                + "\"url\":\"https://127.0.0.1:9/mcp\",\"auth_type\":\"oauth2\"}", "Authorization", owner);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("auto-discovery failed").contains("private or internal address");
        assertThat(Json.objects(get("/api/v2/mcp/servers", "Authorization", owner).body())).extracting(s -> s.get("slug"))
                .doesNotContain("nope");
    }
}
