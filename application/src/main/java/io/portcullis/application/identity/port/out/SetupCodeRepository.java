package io.portcullis.application.identity.port.out;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;

/** The one stored setup code digest, shared by every replica on the database. */
public interface SetupCodeRepository {
    /** Stores {@code digest} unless a code is stored already; true when this call stored it. */
    boolean insertIfAbsent(SecretDigest digest, Instant createdAt);

    /** Stores {@code digest} in place of any earlier code (a database only this process uses). */
    void replace(SecretDigest digest, Instant createdAt);

    Optional<SecretDigest> find();
}
