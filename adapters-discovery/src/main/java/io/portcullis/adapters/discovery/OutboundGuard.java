package io.portcullis.adapters.discovery;

import io.portcullis.domain.shared.Result;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Server-side request forgery guard for outbound fetches (PRODUCT §5): https only, and no loopback, private,
 * link-local, CGNAT, multicast or cloud-metadata addresses — unless the deployment allows private addresses
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

    static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
