package io.portcullis.adapters.persistence.identity;

import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.identity.OidcLink;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** {@code user_oidc_link}: the provider's access and refresh tokens sealed, never stored in clear. */
@Singleton
public final class JdbcOidcLinkRepository implements OidcLinkRepository {
    private final OidcLinkRows.LinkRowRepository rows;
    private final SecretCipherPort cipher;

    JdbcOidcLinkRepository(OidcLinkRows.LinkRowRepository rows, SecretCipherPort cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public void save(OidcLink l) {
        // callers save inside their unit of work, so the replacement and the write commit together
        rows.deleteOtherSubject(l.userId(), l.issuer(), l.subject());
        rows.upsert(new OidcLinkRows.LinkRow(l.issuer(), l.subject(), l.userId(), l.provider(), l.email(),
                cipher.seal(l.accessToken()), l.refreshToken().map(cipher::seal).orElse(null), l.expiresAt().orElse(null),
                l.signedInAt(), l.updatedAt()));
    }

    @Override
    public Optional<OidcLink> find(String issuer, String subject) {
        return rows.find(issuer, subject).map(this::link);
    }

    @Override
    public Optional<OidcLink> findForUpdate(String issuer, String subject) {
        return rows.findForUpdate(issuer, subject).map(this::link);
    }

    @Override
    public Optional<OidcLink> latestForUser(UUID userId) {
        return rows.latestForUser(userId).map(this::link);
    }

    private OidcLink link(OidcLinkRows.LinkRow r) {
        return new OidcLink(r.userId(), r.provider(), r.issuer(), r.subject(), r.email(), cipher.open(r.accessTokenSealed()),
                Optional.ofNullable(r.refreshTokenSealed()).map(cipher::open), Optional.ofNullable(r.expiresAt()),
                r.signedInAt(), r.updatedAt());
    }
}
