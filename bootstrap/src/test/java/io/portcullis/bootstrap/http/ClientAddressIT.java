package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behind a trusted reverse proxy (PRODUCT §12, issue 7 finding 5) the registration limit keys on the client
 * address from {@code Forwarded} / {@code X-Forwarded-For}, so one organisation behind the proxy is not one caller.
 * The loopback socket is the proxy here; the limit is two registrations per address per hour.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressIT extends ServiceTest {
    private static final String CLIENT = "{\"client_name\":\"agent\",\"redirect_uris\":[\"http://127.0.0.1:9/cb\"],"
            + "\"token_endpoint_auth_method\":\"none\"}";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.trusted-proxies", "127.0.0.0/8, ::1/128, 10.0.0.0/8");
        props.put("portcullis.oauth2.registrations-per-hour", "2");
        return props;
    }

    private int register(String... headers) {
        return postJson("/oauth2/register", CLIENT, headers).statusCode();
    }

    @Test
    void registerWhenForwardedForDiffersThenEachClientAddressHasItsOwnAllowance() {
        assertThat(register("X-Forwarded-For", "198.51.100.1")).isEqualTo(201);
        assertThat(register("X-Forwarded-For", "198.51.100.1")).isEqualTo(201);
        HttpResponse<String> third = postJson("/oauth2/register", CLIENT, "X-Forwarded-For", "198.51.100.1");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("\"error\"");
        assertThat(register("X-Forwarded-For", "198.51.100.2")).isEqualTo(201);
    }

    @Test
    void registerWhenChainHasTrustedHopsThenTheRightmostUntrustedAddressCounts() {
        // the client claims to be 198.51.100.1 (spent above or not); the hops the proxies appended decide
        assertThat(register("X-Forwarded-For", "198.51.100.1, 203.0.113.50, 10.1.2.3")).isEqualTo(201);
        assertThat(register("X-Forwarded-For", "198.51.100.9, 203.0.113.50")).isEqualTo(201);
        assertThat(register("X-Forwarded-For", "203.0.113.50")).isEqualTo(429);
    }

    @Test
    void registerWhenForwardedHeaderNamesIpv6ClientThenItsSlash64CountsSeparately() {
        String forwarded = "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.1";
        assertThat(register("Forwarded", forwarded)).isEqualTo(201);
        assertThat(register("Forwarded", "for=\"[2001:db8:cafe::17]\"")).isEqualTo(201);
        assertThat(register("Forwarded", forwarded)).isEqualTo(429);
        // another address of the same /64 is the same subscriber; another /64 is not
        assertThat(register("Forwarded", "for=\"[2001:db8:cafe:0:abcd::18]\"")).isEqualTo(429);
        assertThat(register("Forwarded", "for=\"[2001:db8:cafe:1::18]\"")).isEqualTo(201);
    }
}
