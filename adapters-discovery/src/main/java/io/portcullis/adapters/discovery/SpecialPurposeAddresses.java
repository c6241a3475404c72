package io.portcullis.adapters.discovery;

import java.util.List;

/**
 * The address blocks outbound fetches may not reach, from the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (RFC 6890 and its updates) plus multicast and reserved space. Blocks the registry marks globally reachable (AS112,
 * AMT, PCP/TURN anycast, ORCHIDv2) are refused too: none of them is where an MCP server or authorization server lives.
 */
final class SpecialPurposeAddresses {
    private record Block(byte[] prefix, int bits) {
        static Block of(int bits, int... prefix) {
            byte[] bytes = new byte[prefix.length];
            for (int i = 0; i < prefix.length; i++) {
                bytes[i] = (byte) prefix[i];
            }
            return new Block(bytes, bits);
        }

        boolean contains(byte[] address) {
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                int have = bit / 8 < address.length ? address[bit / 8] & mask : 0;
                int want = bit / 8 < prefix.length ? prefix[bit / 8] & mask : 0;
                if (have != want) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> IPV4 = List.of(
            Block.of(8, 0),                    // 0.0.0.0/8 "this network"
            Block.of(8, 10),                   // 10.0.0.0/8 private
            Block.of(10, 100, 64),             // 100.64.0.0/10 shared address space (CGNAT)
            Block.of(8, 127),                  // 127.0.0.0/8 loopback
            Block.of(16, 169, 254),            // 169.254.0.0/16 link local (cloud metadata)
            Block.of(12, 172, 16),             // 172.16.0.0/12 private
            Block.of(24, 192, 0, 0),           // 192.0.0.0/24 IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
            Block.of(24, 192, 0, 2),           // 192.0.2.0/24 documentation (TEST-NET-1)
            Block.of(24, 192, 31, 196),        // 192.31.196.0/24 AS112-v4
            Block.of(24, 192, 52, 193),        // 192.52.193.0/24 AMT
            Block.of(24, 192, 88, 99),         // 192.88.99.0/24 deprecated 6to4 relay anycast
            Block.of(16, 192, 168),            // 192.168.0.0/16 private
            Block.of(24, 192, 175, 48),        // 192.175.48.0/24 direct delegation AS112
            Block.of(15, 198, 18),             // 198.18.0.0/15 benchmarking
            Block.of(24, 198, 51, 100),        // 198.51.100.0/24 documentation (TEST-NET-2)
            Block.of(24, 203, 0, 113),         // 203.0.113.0/24 documentation (TEST-NET-3)
            Block.of(4, 224),                  // 224.0.0.0/4 multicast
            Block.of(4, 240));                 // 240.0.0.0/4 reserved, and 255.255.255.255 broadcast

    private static final Block GLOBAL_UNICAST = Block.of(3, 0x20); // 2000::/3; everything else in IPv6 is refused
    private static final Block IPV4_COMPATIBLE = Block.of(96);     // ::/96 (deprecated): judged by the IPv4 it carries
    private static final Block IPV4_MAPPED = Block.of(96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff); // ::ffff:0:0/96

    private static final List<Block> IPV6_INSIDE_GLOBAL_UNICAST = List.of(
            Block.of(23, 0x20, 0x01),                          // 2001::/23 IETF protocol assignments (Teredo 2001::/32,
                                                               // benchmarking, AMT, AS112, ORCHIDv2, drone remote ID)
            Block.of(32, 0x20, 0x01, 0x0d, 0xb8),              // 2001:db8::/32 documentation
            Block.of(16, 0x20, 0x02),                          // 2002::/16 6to4
            Block.of(48, 0x26, 0x20, 0x00, 0x4f, 0x80, 0x00),  // 2620:4f:8000::/48 direct delegation AS112
            Block.of(20, 0x3f, 0xff),                          // 3fff::/20 documentation
            Block.of(16, 0x5f, 0x00));                         // 5f00::/16 segment routing (SRv6) SIDs
    // outside 2000::/3 and therefore refused as a whole: ::/128, ::1/128, 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64),
    // 100::/64 (discard), fc00::/7 (unique local), fe80::/10 (link local), fec0::/10 (site local), ff00::/8 (multicast)

    private SpecialPurposeAddresses() {
    }

    static boolean ipv4(byte[] address) {
        return IPV4.stream().anyMatch(block -> block.contains(address));
    }

    static boolean ipv6(byte[] address) {
        if (IPV4_MAPPED.contains(address) || IPV4_COMPATIBLE.contains(address)) {
            return ipv4(java.util.Arrays.copyOfRange(address, 12, 16));
        }
        return !GLOBAL_UNICAST.contains(address) || IPV6_INSIDE_GLOBAL_UNICAST.stream().anyMatch(block -> block.contains(address));
    }
}
