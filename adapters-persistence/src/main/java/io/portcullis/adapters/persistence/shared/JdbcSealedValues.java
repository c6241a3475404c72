package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-seals every {@code *_sealed} column, table by table, each in its own transaction with the rows locked.
 * {@link #COLUMNS} must name every sealed column in the schema; a test compares it with the catalog.
 * Table and column names vary at run time, so this is plain JDBC on the transaction's connection rather
 * than a data repository.
 */
@Singleton
public final class JdbcSealedValues implements SealedValuesPort {
    /** table, primary-key columns, sealed column. */
    public record SealedColumn(String table, List<String> key, String column) {
    }

    public static final List<SealedColumn> COLUMNS = List.of(
            new SealedColumn("mcp_server", List.of("id"), "oauth2_client_secret_sealed"),
            new SealedColumn("mcp_server", List.of("id"), "api_key_value_sealed"),
            new SealedColumn("mcp_server", List.of("id"), "custom_headers_sealed"),
            new SealedColumn("mcp_server_user_token", List.of("server_id", "user_id"), "access_token_sealed"),
            new SealedColumn("mcp_server_user_token", List.of("server_id", "user_id"), "refresh_token_sealed"),
            new SealedColumn("mcp_oauth_state", List.of("state_digest"), "code_verifier_sealed"),
            new SealedColumn("oauth2_signing_key", List.of("kid"), "private_jwk_sealed"),
            new SealedColumn("user_oidc_link", List.of("issuer", "subject"), "access_token_sealed"),
            new SealedColumn("user_oidc_link", List.of("issuer", "subject"), "refresh_token_sealed"));

    private final JdbcUnitOfWork unitOfWork;
    private final SecretCipherPort cipher;

    public JdbcSealedValues(JdbcUnitOfWork unitOfWork, SecretCipherPort cipher) {
        this.unitOfWork = unitOfWork;
        this.cipher = cipher;
    }

    @Override
    public Map<String, Integer> resealAll() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SealedColumn c : COLUMNS) {
            counts.put(c.table() + "." + c.column(), unitOfWork.withConnection(connection -> reseal(connection, c)));
        }
        return counts;
    }

    @Override
    public List<String> unopenableKeyIds() {
        Set<String> unopenable = new TreeSet<>();
        Set<String> opened = new TreeSet<>();
        for (SealedColumn c : COLUMNS) {
            // one value per key id (the second field of AesGcmSecretCipher's "v1:<key id>:<sealed>")
            Map<String, String> samples = unitOfWork.withConnection(connection -> {
                Map<String, String> byKey = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT ON (key_id) key_id, value FROM"
                        + " (SELECT split_part(" + c.column() + ", ':', 2) AS key_id, " + c.column() + " AS value FROM "
                        + c.table() + " WHERE " + c.column() + " IS NOT NULL) AS sealed"); ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byKey.put(rs.getString(1), rs.getString(2));
                    }
                }
                return byKey;
            });
            samples.forEach((keyId, value) -> {
                if (opened.contains(keyId) || unopenable.contains(keyId)) {
                    return;
                }
                try {
                    cipher.open(value);
                    opened.add(keyId);
                } catch (IllegalStateException e) {
                    unopenable.add(keyId);
                }
            });
        }
        return List.copyOf(unopenable);
    }

    private int reseal(Connection connection, SealedColumn c) throws SQLException {
        String keys = String.join(", ", c.key());
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + keys + ", " + c.column() + " FROM " + c.table()
                + " WHERE " + c.column() + " IS NOT NULL FOR UPDATE"); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[c.key().size() + 1];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        String where = String.join(" AND ", c.key().stream().map(k -> k + " = ?").toList());
        int count = 0;
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE "
                + where)) {
            for (Object[] row : rows) {
                String value = (String) row[row.length - 1];
                if (!cipher.needsReseal(value)) {
                    continue;
                }
                update.setString(1, cipher.seal(cipher.open(value)));
                for (int i = 0; i < row.length - 1; i++) {
                    update.setObject(i + 2, row[i]);
                }
                count += update.executeUpdate();
            }
        }
        return count;
    }
}
