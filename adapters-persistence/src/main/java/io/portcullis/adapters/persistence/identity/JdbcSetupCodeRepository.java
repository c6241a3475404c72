package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.SetupCodeRepository;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The setup code digest in the one-row table {@code setup_code}; insert-if-absent is one atomic statement. */
@Singleton
public final class JdbcSetupCodeRepository implements SetupCodeRepository {
    private static final String INSERT = "INSERT INTO setup_code (code_digest, created_at) VALUES (?, ?)";
    private final JdbcUnitOfWork unitOfWork;

    JdbcSetupCodeRepository(JdbcUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public boolean insertIfAbsent(SecretDigest digest, Instant createdAt) {
        return write(INSERT + " ON CONFLICT (singleton) DO NOTHING", digest, createdAt) == 1;
    }

    @Override
    public void replace(SecretDigest digest, Instant createdAt) {
        write(INSERT + " ON CONFLICT (singleton) DO UPDATE SET code_digest = EXCLUDED.code_digest,"
                + " created_at = EXCLUDED.created_at", digest, createdAt);
    }

    @Override
    public Optional<SecretDigest> find() {
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT code_digest FROM setup_code");
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new SecretDigest(rs.getBytes(1))) : Optional.<SecretDigest>empty();
            }
        });
    }

    private int write(String sql, SecretDigest digest, Instant createdAt) {
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setBytes(1, digest.bytes());
                s.setTimestamp(2, Timestamp.from(createdAt));
                return s.executeUpdate();
            }
        });
    }
}
