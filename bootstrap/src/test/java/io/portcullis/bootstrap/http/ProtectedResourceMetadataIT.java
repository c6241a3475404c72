package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9728 documents. */
@MicronautTest
class ProtectedResourceMetadataIT extends ServiceTest {
    @Test
    void rootWhenFetchedThenDescribesApiAtAccessUrl() {
        HttpResponse<String> r = get("/.well-known/oauth-protected-resource");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.object(r.body())).containsEntry("resource", "http://portcullis.test")
                .containsEntry("authorization_servers", List.of("http://portcullis.test"))
                .containsEntry("bearer_methods_supported", List.of("header", "query"))
                .containsEntry("resource_name", "Portcullis API");
        assertThat(Json.object(r.body())).extractingByKey("scopes_supported", LIST).first().isEqualTo("all");
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
