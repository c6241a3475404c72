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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Re-seals every {@code *_sealed} column, table by table, each in its own transaction with the rows locked; stores
 * them in clear again ({@code decrypt-secrets}) or drops what no configured key opens ({@code delete-secrets}), each
 * of those in one transaction.
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
        for (SealedColumn c : COLUMNS) {
            unopenable.addAll(unitOfWork.withConnection(connection -> unopenable(connection, c)));
        }
        return List.copyOf(unopenable);
    }

    @Override
    public Map<String, Integer> unsealAll() {
        return unitOfWork.withConnection(connection -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SealedColumn c : COLUMNS) {
                counts.put(c.table() + "." + c.column(), rewrite(connection, c, cipher::isSealed,
                        value -> cipher.inClear(cipher.open(value))));
            }
            return counts;
        });
    }

    @Override
    public Map<String, Integer> deleteUnopenable() {
        return unitOfWork.withConnection(connection -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SealedColumn c : COLUMNS) {
                List<String> lost = unopenable(connection, c);
                int n = 0;
                if (!lost.isEmpty()) {
                    // a nullable column loses just the value (a registration's secret); otherwise the row goes with it
                    String where = " WHERE " + c.column() + " LIKE 'v1:%' AND split_part(" + c.column() + ", ':', 2) = ANY (?)";
                    String sql = nullable(connection, c) ? "UPDATE " + c.table() + " SET " + c.column() + " = NULL" + where
                            : "DELETE FROM " + c.table() + where;
                    try (PreparedStatement s = connection.prepareStatement(sql)) {
                        s.setArray(1, connection.createArrayOf("text", lost.toArray()));
                        n = s.executeUpdate();
                    }
                }
                counts.put(c.table() + "." + c.column(), n);
            }
            return counts;
        });
    }

    /** Key ids of {@code c}'s sealed values that the configured keys cannot open, trying one value per key id. */
    private List<String> unopenable(Connection connection, SealedColumn c) throws SQLException {
        Map<String, String> samples = new LinkedHashMap<>();
        // one value per key id (the second field of AesGcmSecretCipher's "v1:<key id>:<sealed>"); values kept in clear aside
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT ON (key_id) key_id, value FROM"
                + " (SELECT split_part(" + c.column() + ", ':', 2) AS key_id, " + c.column() + " AS value FROM "
                + c.table() + " WHERE " + c.column() + " LIKE 'v1:%') AS sealed"); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                samples.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> unopenable = new ArrayList<>();
        samples.forEach((keyId, value) -> {
            try {
                cipher.open(value);
            } catch (IllegalStateException e) {
                unopenable.add(keyId);
            }
        });
        return unopenable;
    }

    private static boolean nullable(Connection connection, SealedColumn c) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT is_nullable = 'YES' FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?")) {
            s.setString(1, c.table());
            s.setString(2, c.column());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private int reseal(Connection connection, SealedColumn c) throws SQLException {
        return rewrite(connection, c, cipher::needsReseal, value -> cipher.seal(cipher.open(value)));
    }

    /** Rewrites, with the rows locked, every stored value of {@code c} that {@code which} selects. */
    private int rewrite(Connection connection, SealedColumn c, Predicate<String> which, UnaryOperator<String> how)
            throws SQLException {
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
                if (!which.test(value)) {
                    continue;
                }
                update.setString(1, how.apply(value));
                for (int i = 0; i < row.length - 1; i++) {
                    update.setObject(i + 2, row[i]);
                }
                count += update.executeUpdate();
            }
        }
        return count;
    }
}
