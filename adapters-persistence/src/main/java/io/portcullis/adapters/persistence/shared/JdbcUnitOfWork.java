package io.portcullis.adapters.persistence.shared;

import io.micronaut.transaction.TransactionOperations;
import io.portcullis.application.shared.UnitOfWork;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Transactions from Micronaut's transaction manager: {@link #inTransaction} begins one or joins the one in
 * progress (propagation REQUIRED), and the data repositories run their statements on its connection.
 */
@Singleton
public final class JdbcUnitOfWork implements UnitOfWork {
    /** PostgreSQL's code for a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";
    private final TransactionOperations<Connection> transactions;

    public JdbcUnitOfWork(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    /** Runs an insert; false when a unique constraint refused it (the transaction, if any, goes on). */
    public boolean insertUnlessDuplicate(Runnable insert) {
        return updateUnlessDuplicate(() -> {
            insert.run();
            return 1;
        }) >= 0;
    }

    /**
     * Runs a write and returns the rows it wrote, or -1 when a unique constraint refused it. Inside a transaction
     * the write runs behind a savepoint that is rolled back on refusal, so the transaction stays usable.
     */
    public int updateUnlessDuplicate(IntSupplier write) {
        if (transactions.findTransactionStatus().isEmpty()) {
            try {
                return write.getAsInt();
            } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                    return -1;
                }
                throw e;
            }
        }
        return withConnection(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                int rows = write.getAsInt();
                connection.releaseSavepoint(savepoint);
                return rows;
            } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                    connection.rollback(savepoint);
                    return -1;
                }
                throw e;
            }
        });
    }

    /** Runs {@code work} on the connection of the transaction in progress, or of a new one. */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        return transactions.executeWrite(status -> {
            try {
                return work.apply(status.getConnection());
            } catch (SQLException e) {
                throw new PersistenceException(e.getMessage(), e);
            }
        });
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    public interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}
