package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.shared.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Transactions over a plain {@link DataSource}: the outermost {@link #inTransaction} binds one connection
 * to the thread; repositories borrow it through {@link #withConnection}, or get an auto-commit one outside.
 */
public final class JdbcUnitOfWork implements UnitOfWork {
    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public JdbcUnitOfWork(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                current.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceException("transaction failed", e);
        }
    }

    /** Runs {@code work} on the transaction's connection, or on a fresh auto-commit connection. */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        Connection bound = current.get();
        try {
            if (bound != null) {
                return work.apply(bound);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.apply(connection);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}
