package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.DomainValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A registered redirect URI. Registration admits https, http only on loopback (RFC 8252 §7.3), and
 * private-use schemes for native apps (RFC 8252 §7.1); never fragments or script/data/file schemes.
 * Matching is exact string comparison, except that a loopback URI may use any port.
 */
public record RedirectUri(String value) {
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "file", "vbscript", "blob", "about");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    public RedirectUri {
        DomainValidationException.require(value != null && !value.isBlank() && value.length() <= 2000, "redirect_uris",
                "redirect URI must be present and at most 2000 characters");
        URI uri = parse(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        DomainValidationException.require(uri.isAbsolute(), "redirect_uris", "redirect URI must be absolute: " + value);
        DomainValidationException.require(uri.getRawFragment() == null && !value.contains("#"), "redirect_uris",
                "redirect URI must not contain a fragment: " + value);
        DomainValidationException.require(!FORBIDDEN_SCHEMES.contains(scheme), "redirect_uris",
                "redirect URI scheme '" + scheme + "' is not allowed");
        DomainValidationException.require(uri.getRawUserInfo() == null, "redirect_uris",
                "redirect URI must not carry user information");
        if (scheme.equals("http")) {
            DomainValidationException.require(isLoopbackHost(uri.getHost()), "redirect_uris",
                    "http redirect URIs are allowed only on loopback (127.0.0.1, [::1], localhost): " + value);
        } else if (scheme.equals("https")) {
            DomainValidationException.require(uri.getHost() != null && !uri.getHost().isEmpty(), "redirect_uris",
                    "https redirect URI must name a host");
        } else {
            // private-use scheme (RFC 8252 §7.1): reverse domain name, e.g. com.example.app:/callback
            DomainValidationException.require(scheme.contains("."), "redirect_uris",
                    "custom URI schemes must be reverse domain names (e.g. com.example.app): " + value);
        }
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new DomainValidationException("redirect_uris", "redirect URI is not a valid URI: " + value);
        }
    }

    private static boolean isLoopbackHost(String host) {
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** RFC 6749 §3.1.2.3 exact match, with the RFC 8252 §7.3 loopback port exception. */
    public boolean matches(String requested) {
        if (requested == null) {
            return false;
        }
        if (value.equals(requested)) {
            return true;
        }
        URI registered = URI.create(value);
        URI candidate;
        try {
            candidate = new URI(requested);
        } catch (URISyntaxException e) {
            return false;
        }
        return "http".equals(registered.getScheme()) && "http".equals(candidate.getScheme())
                && isLoopbackHost(registered.getHost()) && Objects.equals(registered.getHost(), candidate.getHost())
                && Objects.equals(registered.getRawPath(), candidate.getRawPath())
                && Objects.equals(registered.getRawQuery(), candidate.getRawQuery())
                && candidate.getRawFragment() == null && candidate.getRawUserInfo() == null;
    }

    public String host() {
        URI uri = URI.create(value);
        return uri.getHost() != null ? uri.getHost() : uri.getScheme() + ":";
    }

    /** Origin for a Content-Security-Policy form-action source (scheme for private-use schemes). */
    public String cspSource() {
        URI uri = URI.create(value);
        if (uri.getHost() == null) {
            return uri.getScheme() + ":";
        }
        return uri.getScheme() + "://" + uri.getHost() + (isLoopbackHost(uri.getHost()) ? ":*" : (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }
}
