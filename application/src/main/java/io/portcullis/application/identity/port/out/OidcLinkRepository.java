package io.portcullis.application.identity.port.out;

import io.portcullis.domain.identity.OidcLink;
import java.util.Optional;
import java.util.UUID;

/** Users' links to OpenID provider accounts, unique by (issuer, subject) and by (user, issuer); tokens sealed at rest. */
public interface OidcLinkRepository {
    /** Inserts or replaces the link of (issuer, subject). */
    void save(OidcLink link);

    Optional<OidcLink> find(String issuer, String subject);

    /** Like {@link #find}, holding the row's lock until the surrounding transaction ends (one refresh at a time). */
    Optional<OidcLink> findForUpdate(String issuer, String subject);

    /** The link the user signed in with most recently. */
    Optional<OidcLink> latestForUser(UUID userId);
}
