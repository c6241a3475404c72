package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.MutableHttpRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressResolverTest {
    private final ClientAddressResolver behindProxies = new ClientAddressResolver(
            Stream.of("10.0.0.0/8", "2001:db8:ffff::/48", "127.0.0.1").map(IpRange::parse).toList());

    private static HttpRequest<?> from(String socket, String... headers) {
        MutableHttpRequest<Object> request = HttpRequest.GET("/x");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        InetSocketAddress remote = new InetSocketAddress(socket, 50000);
        return new HttpRequestWrapper<>(request) {
            @Override
            public InetSocketAddress getRemoteAddress() {
                return remote;
            }
        };
    }

    private String resolve(ClientAddressResolver resolver, HttpRequest<?> request) {
        return resolver.resolve(request).value();
    }

    @Test
    void resolveWhenSocketIsScopedIpv6OrIpv4MappedThenPlainAddressText() {
        ClientAddressResolver none = new ClientAddressResolver(List.of());
        assertThat(resolve(none, from("fe80::1%1"))).isEqualTo("fe80::1");
        assertThat(resolve(none, from("::FFFF:10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(resolve(behindProxies, from("2001:DB8:FFFF::1", "X-Forwarded-For", "198.51.100.9"))).isEqualTo("198.51.100.9");
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups (the first on a tie) as ::. */
    @ParameterizedTest
    @CsvSource({"0:0:0:0:0:0:0:1, ::1", "::, ::", "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
            "1:0:0:0:0:0:0:0, 1::", "fe80:0:0:0:1:0:0:0, fe80::1:0:0:0", "2001:db8:a:b:c:d:e:0, 2001:db8:a:b:c:d:e:0"})
    void resolveWhenIpv6ThenWrittenInRfc5952Form(String socket, String expected) {
        assertThat(resolve(new ClientAddressResolver(List.of()), from(socket))).isEqualTo(expected);
    }

    @Test
    void resolveWhenNoProxyIsTrustedThenTheSocketAddressWhateverTheHeadersSay() {
        ClientAddressResolver none = new ClientAddressResolver(List.of());
        assertThat(resolve(none, from("10.1.1.1", "X-Forwarded-For", "198.51.100.1", "Forwarded", "for=198.51.100.2")))
                .isEqualTo("10.1.1.1");
    }

    @Test
    void resolveWhenSocketIsNotTrustedThenForwardingHeadersAreIgnored() {
        assertThat(resolve(behindProxies, from("192.0.2.50", "X-Forwarded-For", "198.51.100.1"))).isEqualTo("192.0.2.50");
    }

    @Test
    void resolveWhenChainPassesTrustedHopsThenTheRightmostUntrustedEntry() {
        assertThat(resolve(behindProxies, from("10.0.0.2", "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 10.9.9.9")))
                .isEqualTo("198.51.100.1");
        assertThat(resolve(behindProxies, from("10.0.0.2", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "198.51.100.3:8443")))
                .isEqualTo("198.51.100.3");
        assertThat(resolve(behindProxies, from("10.0.0.2", "X-Forwarded-For", "10.3.3.3, 10.4.4.4"))).isEqualTo("10.3.3.3");
    }

    @Test
    void resolveWhenForwardedHeaderThenItWinsAndIpv6AndPortsAreRead() {
        assertThat(resolve(behindProxies, from("10.0.0.2", "Forwarded",
                "for=192.0.2.43, for=\"[2001:DB8:cafe::17]:4711\";proto=https;by=10.0.0.2", "X-Forwarded-For", "203.0.113.1")))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(resolve(behindProxies, from("127.0.0.1", "Forwarded", "for=198.51.100.9", "Forwarded", "For=\"10.0.0.7\"")))
                .isEqualTo("198.51.100.9");
        assertThat(resolve(behindProxies, from("2001:db8:ffff::1", "Forwarded", "for=\"[2001:db8:ffff::2]\", for=\"[::ffff:198.51.100.4]\"")))
                .isEqualTo("198.51.100.4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "evil.example", "", "999.1.1.1", "[2001:db8::1", "1.2.3.4:http", "fe80::1%eth0"})
    void resolveWhenAnEntryIsNotAnAddressThenTheLastTrustedHop(String entry) {
        assertThat(resolve(behindProxies, from("10.0.0.2", "X-Forwarded-For", "198.51.100.1, " + entry))).isEqualTo("10.0.0.2");
        assertThat(resolve(behindProxies, from("10.0.0.2", "Forwarded", "for=\"" + entry + "\""))).isEqualTo("10.0.0.2");
    }

    @Test
    void resolveWhenCalledTwiceThenTheSameAnswerFromTheRequest() {
        HttpRequest<?> request = from("10.0.0.2", "X-Forwarded-For", "198.51.100.1");
        assertThat(behindProxies.resolve(request)).isSameAs(behindProxies.resolve(request));
    }

    @Test
    void ipRangeWhenParsedThenMatchesByPrefixForBothFamilies() {
        IpRange v4 = IpRange.parse(" 192.168.4.0/22 ");
        assertThat(v4.contains(IpRange.literal("192.168.7.255").orElseThrow())).isTrue();
        assertThat(v4.contains(IpRange.literal("192.168.8.0").orElseThrow())).isFalse();
        assertThat(v4.contains(IpRange.literal("::1").orElseThrow())).isFalse();
        IpRange v6 = IpRange.parse("fd00::/8");
        assertThat(v6.contains(IpRange.literal("fdff:1::2").orElseThrow())).isTrue();
        assertThat(v6.contains(IpRange.literal("fe00::1").orElseThrow())).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("203.0.113.1").orElseThrow())).isTrue();
        assertThat(IpRange.parse("2001:db8::1")).hasToString("2001:db8:0:0:0:0:0:1/128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/-1", "10.0.0.0/", "*", "localhost"})
    void ipRangeWhenNotACidrThenAClearMessage(String bad) {
        assertThatThrownBy(() -> IpRange.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
}
