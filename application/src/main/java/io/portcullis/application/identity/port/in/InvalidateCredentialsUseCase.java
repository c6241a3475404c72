package io.portcullis.application.identity.port.in;

import java.util.UUID;

/**
 * Tells this replica's request authentication, right where a credential is revoked, that what it may have cached is
 * no longer valid, so the revocation holds at once here. Other replicas learn it from the store when the
 * revoking transaction commits ({@code CredentialChangesPort}); this call does not replace that.
 */
public interface InvalidateCredentialsUseCase {
    /** An API key, session or OAuth access token was deleted. */
    void keyRevoked(String keyId);

    /** A grant was deleted, and with it its OAuth access tokens. */
    void grantRevoked(UUID grantId);

    /** A user was suspended or changed, or lost some of their credentials (grants of one app, say). */
    void userChanged(UUID userId);

    /** An OAuth client was deleted, and with it every grant and access token issued to it. */
    void clientRevoked(UUID clientId);

    /** For services built without a cache (tests). */
    InvalidateCredentialsUseCase NONE = new InvalidateCredentialsUseCase() {
        @Override
        public void keyRevoked(String keyId) {
        }

        @Override
        public void grantRevoked(UUID grantId) {
        }

        @Override
        public void userChanged(UUID userId) {
        }

        @Override
        public void clientRevoked(UUID clientId) {
        }
    };
}
