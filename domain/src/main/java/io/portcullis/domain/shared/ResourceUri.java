package io.portcullis.domain.shared;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Canonical resource URI (RFC 8707 §2, RFC 3986 §6): scheme and host lower-cased, IDN hosts in
 * punycode, default port dropped, dot segments resolved, an empty path made {@code /}, trailing
 * slashes otherwise removed, the fragment dropped and the query kept. Only canonical forms are compared.
 */
public record ResourceUri(String value) {
    public ResourceUri {
        DomainValidationException.require(value != null && value.equals(canonicalize(value)), "resource",
                "resource URI is not in canonical form");
    }

    /** Parses and canonicalizes; throws {@link DomainValidationException} for anything not an absolute http(s) URI. */
    public static ResourceUri parse(String raw) {
        return new ResourceUri(canonicalize(raw));
    }

    static String canonicalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2048) {
            throw new DomainValidationException("resource", "resource must be an absolute URI");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new DomainValidationException("resource", "resource is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new DomainValidationException("resource", "resource must be an http or https URI");
        }
        if (uri.getRawUserInfo() != null) {
            throw new DomainValidationException("resource", "resource must not carry user information");
        }
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI leaves non-ASCII hosts in the authority only
            String authority = uri.getRawAuthority();
            if (authority == null || authority.isEmpty()) {
                throw new DomainValidationException("resource", "resource must name a host");
            }
            int colon = authority.lastIndexOf(':');
            host = colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
        }
        String asciiHost;
        try {
            asciiHost = host.startsWith("[") ? host : IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("resource", "resource host is not a valid name");
        }
        asciiHost = asciiHost.toLowerCase(Locale.ROOT);
        if (asciiHost.isEmpty()) {
            throw new DomainValidationException("resource", "resource must name a host");
        }
        int port = uri.getPort();
        if (port == -1 && uri.getRawAuthority() != null && uri.getHost() == null) {
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            if (colon > 0 && !authority.endsWith("]")) {
                try {
                    port = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new DomainValidationException("resource", "resource port is not a number");
                }
            }
        }
        if (("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80)) {
            port = -1;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = removeDotSegments(path);
        if (path.isEmpty()) {
            path = "/";
        } else {
            // repeated so that canonicalization is idempotent ("/mcp//" and "/mcp/" both become "/mcp")
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(asciiHost);
        if (port != -1) {
            out.append(':').append(port);
        }
        out.append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        return out.toString();
    }

    /** RFC 3986 §5.2.4. */
    private static String removeDotSegments(String input) {
        StringBuilder output = new StringBuilder();
        String in = input;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                trimLastSegment(output);
            } else if (in.equals("/..")) {
                in = "/";
                trimLastSegment(output);
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int start = in.startsWith("/") ? 1 : 0;
                int next = in.indexOf('/', start);
                if (next == -1) {
                    next = in.length();
                }
                output.append(in, 0, next);
                in = in.substring(next);
            }
        }
        return output.toString();
    }

    private static void trimLastSegment(StringBuilder output) {
        int slash = output.lastIndexOf("/");
        output.setLength(Math.max(slash, 0));
    }

    private URI uri() {
        return URI.create(value);
    }

    public String path() {
        return uri().getRawPath();
    }

    /**
     * True when a token whose audience is this URI may be used at {@code requested}: same origin and
     * query, and the requested path equals this path or lies below it at a path boundary.
     */
    public boolean covers(ResourceUri requested) {
        URI mine = uri();
        URI theirs = requested.uri();
        if (!mine.getScheme().equals(theirs.getScheme()) || !mine.getHost().equals(theirs.getHost())
                || mine.getPort() != theirs.getPort()) {
            return false;
        }
        if (mine.getRawQuery() != null && !mine.getRawQuery().equals(theirs.getRawQuery())) {
            return false;
        }
        String base = mine.getRawPath();
        String path = theirs.getRawPath();
        return base.equals("/") || path.equals(base) || path.startsWith(base + "/");
    }

    /** Resolves a path below this URI (used to name protected resources under the access URL). */
    public ResourceUri child(String relativePath) {
        String base = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        String rel = relativePath.startsWith("/") ? relativePath : "/" + relativePath;
        return parse(base + rel);
    }

    @Override
    public String toString() {
        return value;
    }
}
