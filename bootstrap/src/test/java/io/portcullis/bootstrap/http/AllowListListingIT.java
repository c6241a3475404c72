package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A key's allow list narrows list endpoints too (PRODUCT §3, issue 7 finding 13): it sees only what it names. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowListListingIT extends ServiceTest {
    private String owner;
    private String ownerId;
    private String bobId;

    @BeforeAll
    void users() {
        owner = ownerSession();
        memberSession(owner, "alice");
        memberSession(owner, "bob");
        ownerId = field(get("/api/v2/users/me", "Authorization", "Bearer " + owner).body(), "id");
        bobId = field(get("/api/v2/users/bob", "Authorization", "Bearer " + owner).body(), "id");
    }

    @Test
    void listUsersWhenKeyAllowsOneUserThenOnlyThatUserIsListed() {
        String key = createToken(owner, "only-bob", "\"allow_list\":[\"user:" + bobId + "\"]");
        HttpResponse<String> list = get("/api/v2/users", "Authorization", "Bearer " + key);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Json.objects(list.body())).extracting(u -> u.get("username")).containsExactly("bob");
        HttpResponse<String> all = get("/api/v2/users", "Authorization", "Bearer " + owner);
        assertThat(Json.objects(all.body())).extracting(u -> u.get("username")).contains("owner", "alice", "bob");
    }

    @Test
    void listKeysWhenKeyAllowsOneKeyThenOnlyThatKeyIsListed() {
        String first = createToken(owner, "first", null);
        createToken(owner, "second", null);
        String firstId = first.substring(0, 10);
        String key = createToken(owner, "narrow", "\"allow_list\":[\"user:" + ownerId + "\",\"api_key:" + firstId + "\"]");
        HttpResponse<String> list = get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + key);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Json.objects(list.body())).extracting(k -> k.get("id")).containsExactly(firstId);
        HttpResponse<String> all = get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + owner);
        assertThat(Json.objects(all.body())).extracting(k -> k.get("token_name")).contains("first", "second", "narrow");
    }
}
