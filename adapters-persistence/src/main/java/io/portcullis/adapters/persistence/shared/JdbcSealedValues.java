package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-seals every {@code *_sealed} column, table by table, each in its own transaction with the rows locked.
 * {@link #COLUMNS} must name every sealed column in the schema; a test compares it with the catalog.
 */
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
            new SealedColumn("mcp_oauth_state", List.of("state_digest"), "code_verifier_sealed"));

    private final Sql sql;
    private final JdbcUnitOfWork unitOfWork;
    private final SecretCipherPort cipher;

    public JdbcSealedValues(Sql sql, JdbcUnitOfWork unitOfWork, SecretCipherPort cipher) {
        this.sql = sql;
        this.unitOfWork = unitOfWork;
        this.cipher = cipher;
    }

    @Override
    public Map<String, Integer> resealAll() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SealedColumn c : COLUMNS) {
            counts.put(c.table() + "." + c.column(), unitOfWork.inTransaction(() -> reseal(c)));
        }
        return counts;
    }

    private int reseal(SealedColumn c) {
        String keys = String.join(", ", c.key());
        List<Object[]> rows = sql.list("SELECT " + keys + ", " + c.column() + " FROM " + c.table() + " WHERE " + c.column()
                + " IS NOT NULL FOR UPDATE", rs -> {
                    Object[] row = new Object[c.key().size() + 1];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    return row;
                });
        String where = String.join(" AND ", c.key().stream().map(k -> k + " = ?").toList());
        int count = 0;
        for (Object[] row : rows) {
            String value = (String) row[row.length - 1];
            if (!cipher.needsReseal(value)) {
                continue;
            }
            Object[] params = new Object[row.length];
            params[0] = cipher.seal(cipher.open(value));
            System.arraycopy(row, 0, params, 1, row.length - 1);
            count += sql.update("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE " + where, params);
        }
        return count;
    }
}
