package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.portcullis.domain.shared.ClientAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place that decides which address a request came from (PRODUCT §12); every limit, throttle and audit
 * entry uses its answer. The socket address, unless it lies in {@code portcullis.trusted-proxies}: then the
 * forwarding chain ({@code Forwarded} per RFC 7239 when present, else {@code X-Forwarded-For}) is walked from the
 * right, skipping trusted hops, and the first untrusted address is the client. An entry that is not an address
 * ({@code unknown}, an obfuscated name, garbage) stops the walk at the last trusted hop. Resolved once per request.
 */
public final class ClientAddressResolver {
    static final String ATTRIBUTE = "portcullis.client-address";
    private final List<IpRange> trustedProxies;

    public ClientAddressResolver(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public List<IpRange> trustedProxies() {
        return trustedProxies;
    }

    public ClientAddress resolve(HttpRequest<?> request) {
        // untyped: asking for a type runs the attribute through the conversion service on each call (3 per request)
        if (request.getAttribute(ATTRIBUTE).orElse(null) instanceof ClientAddress known) {
            return known;
        }
        ClientAddress resolved = new ClientAddress(text(walk(request)));
        request.setAttribute(ATTRIBUTE, resolved);
        return resolved;
    }

    private InetAddress walk(HttpRequest<?> request) {
        InetAddress hop = normalised(request.getRemoteAddress().getAddress());
        if (!trusted(hop)) {
            return hop;
        }
        List<String> chain = chain(request);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> previous = forwardedAddress(chain.get(i));
            if (previous.isEmpty()) {
                return hop;
            }
            hop = previous.get();
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hop;
    }

    private boolean trusted(InetAddress address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The forwarding chain, leftmost (the original client as claimed) first. */
    private static List<String> chain(HttpRequest<?> request) {
        List<String> forwarded = request.getHeaders().getAll("Forwarded");
        List<String> out = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : splitOutsideQuotes(header, ',')) {
                    out.add(forParameter(element));
                }
            }
            return out;
        }
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String entry : header.split(",")) {
                out.add(entry.trim());
            }
        }
        return out;
    }

    /** The {@code for=} value of one RFC 7239 element, unquoted; empty when it has none. */
    private static String forParameter(String element) {
        for (String pair : splitOutsideQuotes(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\", "");
                }
                return value;
            }
        }
        return "";
    }

    /** An address from a forwarding entry: {@code 192.0.2.1}, {@code 192.0.2.1:443}, {@code [2001:db8::1]:443}, {@code 2001:db8::1}. */
    static Optional<InetAddress> forwardedAddress(String entry) {
        String e = entry.trim();
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            if (close < 0 || !(close == e.length() - 1 || e.substring(close + 1).matches(":\\d{1,5}"))) {
                return Optional.empty();
            }
            return IpRange.literal(e.substring(1, close));
        }
        int colon = e.indexOf(':');
        if (colon > 0 && colon == e.lastIndexOf(':')) {
            if (!e.substring(colon + 1).matches("\\d{1,5}")) {
                return Optional.empty();
            }
            e = e.substring(0, colon);
        }
        return IpRange.literal(e);
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    /** Without an IPv6 scope, and an IPv4-mapped IPv6 address as IPv4 (per request: no text, no regular expression). */
    private static InetAddress normalised(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address;
        }
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** IPv4 dotted; IPv6 in RFC 5952 form (lower case, no leading zeros, the first longest zero run as {@code ::}). */
    static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        int runStart = -1;
        int runLength = 0;
        for (int i = 0, start = -1; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
            if (groups[i] != 0) {
                start = -1;
                continue;
            }
            start = start < 0 ? i : start;
            if (i - start + 1 > runLength) {
                runStart = start;
                runLength = i - start + 1;
            }
        }
        if (runLength < 2) {
            runStart = -1;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
