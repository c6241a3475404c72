package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.shared.Result;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7 finding 10: every block of the IANA IPv4 and IPv6 special-purpose address registries is refused, IPv4 written
 * inside IPv6 (mapped, compatible) is judged by the IPv4 it carries, and the address handed back is the one checked.
 */
class OutboundGuardTest {
    private static Result<InetAddress, GuardedHttpClient.Refused> vet(InetAddress address) {
        return new OutboundGuard(false, host -> new InetAddress[] {address}).vet(URI.create("https://upstream.test/x"));
    }

    /** An IPv6 address kept as IPv6 even when it embeds IPv4 (the JDK's parser would turn ::ffff:a.b.c.d into IPv4). */
    private static InetAddress v6(String literal) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(literal);
        byte[] bytes = parsed.getAddress();
        if (bytes.length == 4) { // ::ffff:a.b.c.d: rebuild the 16 bytes
            byte[] full = new byte[16];
            full[10] = (byte) 0xff;
            full[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, full, 12, 4);
            bytes = full;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1",
            "127.1.2.3", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.9", "192.0.0.170", "192.0.2.1",
            "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.19.255.254",
            "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255"})
    void vetWhenIpv4SpecialPurposeThenRefused(String literal) throws Exception {
        assertThat(vet(InetAddress.getByName(literal)).isOk()).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:198.18.0.1",
            "::10.0.0.1", "::127.0.0.1", "::ffff:0:8.8.8.8", "64:ff9b::8.8.8.8", "64:ff9b::a00:1", "64:ff9b:1::808:808",
            "100::1", "100:0:0:1::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:2::1", "2001:3::1", "2001:4:112::1",
            "2001:10::1", "2001:20::1", "2001:30::1", "2001:db8::1", "2002::1", "2002:808:808::1", "2620:4f:8000::1", "3fff::1",
            "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1", "400::1", "4000::1",
            "8000::1", "e000::1"})
    void vetWhenIpv6SpecialPurposeThenRefused(String literal) throws Exception {
        assertThat(vet(v6(literal)).isOk()).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.0.1.1", "192.88.98.1", "198.17.255.255", "198.20.0.1", "223.255.255.254"})
    void vetWhenIpv4PublicThenAllowed(String literal) throws Exception {
        assertThat(vet(InetAddress.getByName(literal)).isOk()).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "2001:4860:4860::8888", "2001:200::1",
            "::ffff:8.8.8.8", "::8.8.8.8", "2003::1"})
    void vetWhenIpv6PublicThenAllowed(String literal) throws Exception {
        assertThat(vet(v6(literal)).isOk()).as(literal).isTrue();
    }

    @Test
    void vetWhenAnyAddressOfTheHostIsInternalThenRefused() throws Exception {
        OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getByName("8.8.8.8"),
                InetAddress.getByName("198.18.0.1")});
        assertThat(guard.vet(URI.create("https://two.test/")).error().reason()).contains("private or internal");
    }

    @Test
    void vetWhenPassedThenReturnsTheCheckedAddressAfterOneLookup() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress checked = InetAddress.getByName("93.184.216.34");
        OutboundGuard guard = new OutboundGuard(false, host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {checked};
        });
        assertThat(guard.vet(URI.create("https://one.test/")).value()).isSameAs(checked);
        assertThat(lookups).hasValue(1);
    }
}
