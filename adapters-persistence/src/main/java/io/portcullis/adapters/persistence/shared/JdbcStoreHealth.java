package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.housekeeping.port.out.StoreHealthPort;
import javax.sql.DataSource;

/** A one-second validity check on a pooled connection. */
public final class JdbcStoreHealth implements StoreHealthPort {
    private final DataSource dataSource;

    public JdbcStoreHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean reachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
