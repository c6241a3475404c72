package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OpenID provider people sign in with (PRODUCT §8), as configured under {@code portcullis.oidc.providers.<name>}.
 * {@code allowedEmailDomains} empty means any domain; the client secret is absent for a public client (PKCE only).
 */
public record OidcProvider(String name, String issuer, String clientId, Optional<String> clientSecret, List<String> scopes,
        String displayName, List<String> allowedEmailDomains, boolean autoCreateUsers) {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,31}$");

    public OidcProvider {
        DomainValidationException.require(name != null && NAME.matcher(name).matches(), "name",
                "must be 1-32 of [a-z0-9-], starting with a letter or digit");
        DomainValidationException.require(issuer != null && !issuer.isBlank(), "issuer", "is required");
        DomainValidationException.require(clientId != null && !clientId.isBlank(), "client-id", "is required");
        scopes = List.copyOf(scopes);
        DomainValidationException.require(scopes.contains("openid"), "scopes", "must include openid");
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
        allowedEmailDomains = allowedEmailDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).toList();
    }

    /** True when {@code email}'s domain may sign in here (any domain when no list is configured). */
    public boolean admitsDomainOf(String email) {
        if (allowedEmailDomains.isEmpty()) {
            return true;
        }
        int at = email.lastIndexOf('@');
        return at > 0 && allowedEmailDomains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "OidcProvider[" + name + ", " + issuer + ", " + clientId + "]";
    }
}
