package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Forwarding headers from a socket outside {@code portcullis.trusted-proxies} are ignored: a client cannot escape a
 * limit by claiming another address. (None is trusted by default; here only a range the test socket is not in.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntrustedForwardingIT extends ServiceTest {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.trusted-proxies", "192.0.2.0/24");
        props.put("portcullis.oauth2.registrations-per-hour", "2");
        return props;
    }

    @Test
    void registerWhenSocketNotTrustedThenForwardedAddressesAreIgnored() {
        String client = "{\"client_name\":\"agent\",\"redirect_uris\":[\"http://127.0.0.1:9/cb\"],\"token_endpoint_auth_method\":\"none\"}";
        assertThat(postJson("/oauth2/register", client, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(201);
        assertThat(postJson("/oauth2/register", client, "Forwarded", "for=198.51.100.2").statusCode()).isEqualTo(201);
        assertThat(postJson("/oauth2/register", client, "X-Forwarded-For", "198.51.100.3").statusCode()).isEqualTo(429);
        for (int i = 0; i < 6; i++) {
            assertThat(postJson("/api/v2/users/login", "{\"email\":\"x@example.com\",\"password\":\"wrong-pass\"}",
                    "X-Forwarded-For", "198.51.100." + (10 + i)).statusCode()).isEqualTo(i < 5 ? 401 : 429);
        }
    }
}
