package io.portcullis.domain.identity;

import java.util.Optional;

/**
 * Who the provider says signed in: from a checked ID token, completed from the userinfo endpoint when the ID token
 * carries no e-mail (OIDC Core §5.4). {@code email} is lower-cased; {@code emailVerified} is false when the provider
 * did not say {@code email_verified: true}.
 */
public record OidcIdentity(String issuer, String subject, Optional<String> email, boolean emailVerified,
        Optional<String> preferredUsername) {
}
