package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /api/v2/audit-logs} (PRODUCT §11): owners only, filters, keyset paging, REST errors for bad filters. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogApiIT extends ServiceTest {
    private String owner;
    private String member;
    private String memberId;

    @BeforeAll
    void signIn() {
        owner = ownerSession();
        member = memberSession(owner, "mallory");
        memberId = field(get("/api/v2/users/me", "Authorization", "Bearer " + member).body(), "id");
        for (int i = 0; i < 3; i++) {
            postJson("/api/v2/users/login", "{\"email\":\"mallory@example.com\",\"password\":\"wrong-" + i + "\"}");
        }
    }

    private List<Map<String, Object>> entries(String query) {
        HttpResponse<String> r = get("/api/v2/audit-logs" + query, "Authorization", "Bearer " + owner);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.objects(r.body());
    }

    @Test
    void listWhenOwnerThenNewestFirstWithEveryField() {
        List<Map<String, Object>> all = entries("");
        assertThat(all).extracting(e -> e.get("action")).startsWith("login.failure", "login.failure", "login.failure",
                "login.success");
        assertThat(all.get(0).keySet()).containsExactly("id", "time", "action", "actor_user_id", "actor_client_id",
                "client_address", "target_type", "target_id", "outcome", "detail");
        assertThat(all.get(0)).containsEntry("outcome", "failure").containsEntry("target_type", "user")
                .containsEntry("target_id", memberId).containsEntry("client_address", "127.0.0.1");
        List<Instant> times = all.stream().map(e -> Instant.parse((String) e.get("time"))).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void listWhenFilteredByActionUserAndTimeThenOnlyThoseEntries() {
        assertThat(entries("?action=login.failure")).hasSize(3).allMatch(e -> e.get("action").equals("login.failure"));
        List<Map<String, Object>> mallory = entries("?user=mallory");
        assertThat(mallory).extracting(e -> e.get("action")).contains("login.failure", "login.success", "user.create");
        assertThat(mallory).allMatch(e -> memberId.equals(e.get("actor_user_id")) || memberId.equals(e.get("target_id")));
        assertThat(entries("?user=" + memberId)).isEqualTo(mallory);
        String newest = (String) entries("?limit=1").get(0).get("time");
        assertThat(entries("?since=" + enc(newest))).hasSize(1);
        assertThat(entries("?until=" + enc(newest) + "&action=login.failure")).hasSize(2);
        assertThat(entries("?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00%2B01:00")).isEmpty();
    }

    @Test
    void listWhenPagedWithAfterThenEveryEntryExactlyOnce() {
        List<Map<String, Object>> all = entries("?limit=500");
        List<Object> paged = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> entries = entries("?limit=2" + after);
            entries.forEach(e -> paged.add(e.get("id")));
            if (entries.size() < 2) {
                break;
            }
            after = "&after=" + entries.get(1).get("id");
        }
        assertThat(all.size()).isGreaterThan(4);
        assertThat(paged).isEqualTo(all.stream().map(e -> e.get("id")).toList());
    }

    @Test
    void listWhenMemberThen403() {
        HttpResponse<String> r = get("/api/v2/audit-logs", "Authorization", "Bearer " + member);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.object(r.body())).containsKey("message");
        assertThat(get("/api/v2/audit-logs").statusCode()).isEqualTo(401);
    }

    @Test
    void listWhenFilterMalformedThen400NamingTheParameter() {
        Map<String, String> bad = Map.of("?since=yesterday", "since", "?until=2026-13-01T00:00:00Z", "until",
                "?limit=0", "limit", "?limit=501", "limit", "?limit=ten", "limit", "?after=42", "after",
                "?action=login.maybe", "action", "?user=nobody", "user",
                "?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "until");
        bad.forEach((query, parameter) -> {
            HttpResponse<String> r = get("/api/v2/audit-logs" + query, "Authorization", "Bearer " + owner);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            Map<String, Object> body = Json.object(r.body());
            assertThat(body).as(query).containsKey("message");
            assertThat(body.get("validations").toString()).as(query).contains("field=" + parameter);
        });
    }
}
