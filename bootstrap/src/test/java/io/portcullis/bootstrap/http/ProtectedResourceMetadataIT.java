package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** RFC 9728 documents. */
@MicronautTest
class ProtectedResourceMetadataIT extends ServiceTest {
    @Test
    void rootWhenFetchedThenDescribesApiAtAccessUrl() {
        HttpResponse<String> r = get("/.well-known/oauth-protected-resource");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"resource\":\"http://portcullis.test\"")
                .contains("\"authorization_servers\":[\"http://portcullis.test\"]")
                .contains("\"bearer_methods_supported\":[\"header\",\"query\"]").contains("\"scopes_supported\":[\"all\"")
                .contains("\"resource_name\":\"Portcullis API\"");
    }

    @Test
    void pathWhenNotAProtectedResourceThen404() {
        assertThat(get("/.well-known/oauth-protected-resource/api/v2/users/me").statusCode()).isEqualTo(404);
        assertThat(get("/.well-known/oauth-protected-resource/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void healthWhenCalledThenOkWithoutCredentials() {
        assertThat(get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }
}
