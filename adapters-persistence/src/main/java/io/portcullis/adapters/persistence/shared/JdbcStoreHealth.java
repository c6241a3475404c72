package io.portcullis.adapters.persistence.shared;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.portcullis.application.housekeeping.port.out.StoreHealthPort;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * A one-second validity check on a pooled connection. It borrows from the pool itself (not from the
 * contextual data source, which only hands out the connection of a transaction in progress).
 */
@Singleton
public final class JdbcStoreHealth implements StoreHealthPort {
    private final DataSource dataSource;

    public JdbcStoreHealth(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
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
