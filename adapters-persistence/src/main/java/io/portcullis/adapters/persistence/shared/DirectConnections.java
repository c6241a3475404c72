package io.portcullis.adapters.persistence.shared;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Connections like the pool's (same URL, user and driver properties) opened with the driver itself, outside the pool:
 * for a connection that must never be a pooled one (LISTEN) and for probing the database while the pool is not used.
 */
public final class DirectConnections {
    private DirectConnections() {
    }

    /** An opener of direct connections for the Hikari pool behind {@code dataSource}, if it is one (also wrapped). */
    public static Optional<PostgresNotifications.ConnectionOpener> of(DataSource dataSource) {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("connectTimeout", "2");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        });
    }

    /** The Hikari pool, also from inside a wrapper (micronaut-data's, the fail-fast one). */
    static HikariDataSource hikari(DataSource dataSource) {
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        try {
            return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
