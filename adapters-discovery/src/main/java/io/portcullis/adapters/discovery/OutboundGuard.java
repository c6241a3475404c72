package io.portcullis.adapters.discovery;

import io.portcullis.domain.shared.Result;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Server-side request forgery guard for outbound fetches (PRODUCT §5, §12): https only, and no address from the IANA
 * special-purpose registries ({@link SpecialPurposeAddresses}: loopback, private, link-local and cloud metadata, CGNAT,
 * benchmarking, NAT64, 6to4, Teredo, documentation, multicast, ...) — unless the deployment allows private addresses
 * (tests, development), which also admits plain http to loopback. {@link #vet} returns the address it checked,
 * so the caller connects there instead of resolving the name again (no DNS-rebinding window).
 */
public final class OutboundGuard {
    /** Resolves a host name to all its addresses; the JDK resolver in production, a script in tests. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateAddresses;
    private final HostResolver resolver;

    public OutboundGuard(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, InetAddress::getAllByName);
    }

    public OutboundGuard(boolean allowPrivateAddresses, HostResolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /** Why {@code uri} may not be fetched, or empty when it may. Resolves the host to check every address. */
    public Optional<String> refuse(URI uri) {
        Result<InetAddress, GuardedHttpClient.Refused> vetted = vet(uri);
        return vetted.isOk() ? Optional.empty() : Optional.of(vetted.error().reason());
    }

    /** The address to connect to for {@code uri}, after every address of its host passed; or why none may be used. */
    public Result<InetAddress, GuardedHttpClient.Refused> vet(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null) {
            return Result.err(new GuardedHttpClient.Refused("the URL has no host"));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Result.err(new GuardedHttpClient.Refused("the host " + host + " does not resolve"));
        }
        if (addresses == null || addresses.length == 0) {
            return Result.err(new GuardedHttpClient.Refused("the host " + host + " does not resolve"));
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            allLoopback &= address.isLoopbackAddress();
            if (!allowPrivateAddresses && isInternal(address)) {
                return Result.err(new GuardedHttpClient.Refused("the host " + host + " resolves to a private or internal address"));
            }
        }
        if (scheme.equals("https") || (scheme.equals("http") && allowPrivateAddresses && allLoopback)) {
            return Result.ok(addresses[0]);
        }
        return Result.err(new GuardedHttpClient.Refused("only https URLs may be fetched"));
    }

    /**
     * True for every address outside ordinary global unicast: the blocks of the IANA IPv4 and IPv6 special-purpose
     * address registries (loopback, private, shared, link-local, documentation, benchmarking, protocol assignments,
     * AS112, AMT, 6to4 relay, NAT64, Teredo, ORCHID, SRv6 SIDs, discard), multicast, reserved, and every IPv6 address
     * outside 2000::/3. IPv4-mapped and IPv4-compatible IPv6 addresses are judged by the IPv4 address they carry.
     */
    static boolean isInternal(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return SpecialPurposeAddresses.ipv4(b);
        }
        return SpecialPurposeAddresses.ipv6(b);
    }
}
