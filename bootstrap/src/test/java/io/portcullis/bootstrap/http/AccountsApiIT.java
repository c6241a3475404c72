package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Account operations (PRODUCT §8 "Accounts"): passwords, roles, deletion and the last-owner rule. */
@MicronautTest
class AccountsApiIT extends ServiceTest {
    private String owner;

    @BeforeAll
    void owner() {
        owner = ownerSession();
    }

    private HttpResponse<String> put(String path, String json, String bearer) {
        return putJson(path, json, "Authorization", "Bearer " + bearer);
    }

    @Test
    void changeOwnPasswordWhenOldPasswordWrongOrMissingThen400AndOnlyTheRightOneWorks() {
        String member = memberSession(owner, "pw-self");
        HttpResponse<String> wrong = put("/api/v2/users/me/password",
                "{\"old_password\":\"not-my-password\",\"password\":\"new-password-1\"}", member);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("old_password").doesNotContain("new-password-1");
        assertThat(put("/api/v2/users/me/password", "{\"password\":\"new-password-1\"}", member).statusCode()).isEqualTo(400);
        assertThat(login("pw-self@example.com", "member-password-1")).isNotBlank();

        HttpResponse<String> right = put("/api/v2/users/me/password",
                "{\"old_password\":\"member-password-1\",\"password\":\"new-password-1\"}", member);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(204);
        assertThat(login("pw-self@example.com", "new-password-1")).isNotBlank();
        assertThat(postJson("/api/v2/users/login", "{\"email\":\"pw-self@example.com\",\"password\":\"member-password-1\"}")
                .statusCode()).isEqualTo(401);
    }

    /** A password change ends the user's other sessions (a self-change keeps its own); an owner's reset ends them all. */
    @Test
    void changePasswordWhenSelfOrResetThenOtherSessionsGet401() {
        String first = memberSession(owner, "pw-sessions");
        String second = login("pw-sessions@example.com", "member-password-1");
        String token = createToken(first, "ci", null);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + second).statusCode()).isEqualTo(200);
        HttpResponse<String> change = put("/api/v2/users/me/password",
                "{\"old_password\":\"member-password-1\",\"password\":\"new-password-2\"}", first);
        assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + second).statusCode()).isEqualTo(401);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + first).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        assertThat(put("/api/v2/users/pw-sessions/password", "{\"password\":\"reset-password-2\"}", owner).statusCode())
                .isEqualTo(204);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + first).statusCode()).isEqualTo(401);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(200);
    }

    /** PUT /users/{user}/profile: members their own, owners anyone's; creation's rules; 409 on a taken name; audited. */
    @Test
    void updateProfileWhenValidInvalidTakenOrSomeoneElsesThenTheMatchingAnswer() {
        String member = memberSession(owner, "profile-self");
        memberSession(owner, "profile-other");
        HttpResponse<String> own = put("/api/v2/users/me/profile", "{\"username\":\"profile-renamed\"}", member);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(Json.text(own.body(), "username")).isEqualTo("profile-renamed");
        assertThat(Json.text(own.body(), "email")).isEqualTo("profile-self@example.com");
        assertThat(Json.text(get("/api/v2/users/me", "Authorization", "Bearer " + member).body(), "username"))
                .isEqualTo("profile-renamed");

        HttpResponse<String> others = put("/api/v2/users/profile-other/profile", "{\"username\":\"taken-over\"}", member);
        assertThat(others.statusCode()).isEqualTo(403);
        assertThat(Json.object(others.body())).containsKey("message");
        HttpResponse<String> invalid = put("/api/v2/users/me/profile", "{\"username\":\"Not Valid!\"}", member);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Json.object(invalid.body())).containsKeys("message", "validations");
        assertThat(invalid.body()).contains("username");
        assertThat(put("/api/v2/users/me/profile", "{\"email\":\"x@example.com\"}", member).statusCode()).isEqualTo(400);
        assertThat(put("/api/v2/users/me/profile", "{\"username\":\"ok\",\"email\":\"not-an-address\"}", member)
                .body()).contains("email");
        HttpResponse<String> taken = put("/api/v2/users/me/profile", "{\"username\":\"profile-other\"}", member);
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(Json.object(taken.body())).containsKey("message");
        assertThat(put("/api/v2/users/me/profile", "{\"username\":\"profile-renamed\",\"email\":\"PROFILE-OTHER@example.com\"}",
                member).statusCode()).isEqualTo(409);

        HttpResponse<String> byOwner = put("/api/v2/users/profile-other/profile",
                "{\"username\":\"profile-other-2\",\"email\":\"Other2@Example.com\"}", owner);
        assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(200);
        assertThat(Json.text(byOwner.body(), "email")).isEqualTo("other2@example.com");
        assertThat(login("other2@example.com", "member-password-1")).isNotBlank();

        List<Map<String, Object>> audit = Json.objects(get("/api/v2/audit-logs?action=user.update&limit=10",
                "Authorization", "Bearer " + owner).body());
        assertThat(audit).extracting(e -> e.get("detail")).contains("username=profile-self->profile-renamed",
                "username=profile-other->profile-other-2 email changed");
        assertThat(audit.toString()).doesNotContain("other2@example.com").doesNotContain("member-password-1");
    }

    @Test
    void changePasswordWhenTooShortThen400WithValidation() {
        HttpResponse<String> r = put("/api/v2/users/me/password", "{\"old_password\":\"" + PASSWORD + "\",\"password\":\"short\"}",
                owner);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.object(r.body())).containsKeys("message", "validations");
        assertThat(r.body()).contains("password");
    }

    @Test
    void resetMemberPasswordWhenOwnerThenNoOldPasswordNeeded() {
        memberSession(owner, "pw-reset");
        HttpResponse<String> r = put("/api/v2/users/pw-reset/password", "{\"password\":\"reset-password-1\"}", owner);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(login("pw-reset@example.com", "reset-password-1")).isNotBlank();
    }

    @Test
    void changeOthersPasswordOrRolesWhenMemberThen403() {
        String member = memberSession(owner, "pw-member");
        memberSession(owner, "pw-other");
        assertThat(put("/api/v2/users/pw-other/password", "{\"password\":\"hijacked-password\"}", member).statusCode())
                .isEqualTo(403);
        assertThat(put("/api/v2/users/owner/password", "{\"password\":\"hijacked-password\"}", member).statusCode())
                .isEqualTo(403);
        HttpResponse<String> roles = put("/api/v2/users/pw-other/roles", "{\"roles\":[\"owner\"]}", member);
        assertThat(roles.statusCode()).isEqualTo(403);
        assertThat(Json.object(roles.body())).containsKey("message");
        assertThat(put("/api/v2/users/me/roles", "{\"roles\":[\"owner\"]}", member).statusCode()).isEqualTo(403);
        assertThat(delete("/api/v2/users/pw-other", "Authorization", "Bearer " + member).statusCode()).isEqualTo(403);
        assertThat(Json.text(get("/api/v2/users/pw-other", "Authorization", "Bearer " + owner).body(), "username"))
                .isEqualTo("pw-other");
    }

    @Test
    void changeRolesWhenOwnerThenPromotesAndDemotes() {
        memberSession(owner, "role-change");
        HttpResponse<String> up = put("/api/v2/users/role-change/roles", "{\"roles\":[\"owner\"]}", owner);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.body()).contains("\"roles\":[\"owner\"]");
        HttpResponse<String> down = put("/api/v2/users/role-change/roles", "{\"roles\":[]}", owner);
        assertThat(down.body()).contains("\"roles\":[]");
        HttpResponse<String> bad = put("/api/v2/users/role-change/roles", "{\"roles\":[\"admin\"]}", owner);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("validations");
    }

    @Test
    void lastActiveOwnerWhenDemotedSuspendedOrDeletedThen409() {
        assertThat(put("/api/v2/users/me/roles", "{\"roles\":[]}", owner).statusCode()).isEqualTo(409);
        assertThat(delete("/api/v2/users/me", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(409);
        // a second owner who is suspended does not count: the first stays the last active one
        String second = memberSession(owner, "owner-suspended");
        assertThat(put("/api/v2/users/owner-suspended/roles", "{\"roles\":[\"owner\"]}", owner).statusCode()).isEqualTo(200);
        assertThat(put("/api/v2/users/owner-suspended/status/suspend", "", owner).statusCode()).isEqualTo(200);
        HttpResponse<String> demote = put("/api/v2/users/me/roles", "{\"roles\":[]}", owner);
        assertThat(demote.statusCode()).isEqualTo(409);
        assertThat(demote.body()).contains("last active owner");
        assertThat(second).isNotBlank();
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + owner).body()).contains("\"roles\":[\"owner\"]");
    }

    @Test
    void deleteUserWhenOwnerThenEveryKeyAndSessionOfTheUserEnds() {
        String member = memberSession(owner, "to-delete");
        String key = createToken(member, "ci", null);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        HttpResponse<String> r = delete("/api/v2/users/to-delete", "Authorization", "Bearer " + owner);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + member).statusCode()).isEqualTo(401);
        assertThat(get("/api/v2/users/to-delete", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(404);
        assertThat(delete("/api/v2/users/to-delete", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(404);
    }

    /** Two owners demoting (or deleting) each other at the same moment, twenty times: never zero owners. */
    @Test
    void twoOwnersDemotingEachOtherAtOnceThenOneOwnerAlwaysRemains() throws Exception {
        String a = memberSession(owner, "race-a");
        String b = memberSession(owner, "race-b");
        for (int round = 0; round < 20; round++) {
            // only race-a and race-b are owners at the start of each round
            assertThat(put("/api/v2/users/race-a/roles", "{\"roles\":[\"owner\"]}", owner).statusCode()).isEqualTo(200);
            assertThat(put("/api/v2/users/race-b/roles", "{\"roles\":[\"owner\"]}", owner).statusCode()).isEqualTo(200);
            assertThat(put("/api/v2/users/owner/roles", "{\"roles\":[]}", owner).statusCode()).isEqualTo(200);
            CyclicBarrier start = new CyclicBarrier(2);
            boolean deleting = round % 2 == 1;
            String fa = a;
            String fb = b;
            CompletableFuture<HttpResponse<String>> ab = CompletableFuture.supplyAsync(() -> race(start, fa, "race-b", deleting));
            CompletableFuture<HttpResponse<String>> ba = CompletableFuture.supplyAsync(() -> race(start, fb, "race-a", deleting));
            List<Integer> statuses = List.of(ab.get().statusCode(), ba.get().statusCode());
            assertThat(statuses).as(ab.get().body() + " / " + ba.get().body()).containsAnyOf(200, 204)
                    .doesNotContain(500)
                    // the loser is refused (409), no longer an owner (403), or already deleted (401)
                    .allMatch(s -> s == 200 || s == 204 || s == 401 || s == 403 || s == 409);
            String survivor = statuses.get(0) == 200 || statuses.get(0) == 204 ? a : b;
            List<Map<String, Object>> users = Json.objects(get("/api/v2/users", "Authorization", "Bearer " + survivor).body());
            long owners = users.stream().filter(u -> "active".equals(u.get("status"))
                    && ((List<?>) u.get("roles")).contains("owner")).count();
            assertThat(owners).as("round %d: %s", round, statuses).isEqualTo(1);
            // give the first owner back the role, and the deleted racer back its account
            assertThat(put("/api/v2/users/owner/roles", "{\"roles\":[\"owner\"]}", survivor).statusCode()).isEqualTo(200);
            if (deleting) {
                String lost = survivor.equals(a) ? "race-b" : "race-a";
                String fresh = memberSession(owner, lost);
                if (lost.equals("race-a")) {
                    a = fresh;
                } else {
                    b = fresh;
                }
            }
        }
        // leave the first owner as the only active one for the other tests
        put("/api/v2/users/race-a/roles", "{\"roles\":[]}", owner);
        put("/api/v2/users/race-b/roles", "{\"roles\":[]}", owner);
    }

    private HttpResponse<String> race(CyclicBarrier start, String bearer, String target, boolean deleting) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return deleting ? delete("/api/v2/users/" + target, "Authorization", "Bearer " + bearer)
                : put("/api/v2/users/" + target + "/roles", "{\"roles\":[]}", bearer);
    }
}
