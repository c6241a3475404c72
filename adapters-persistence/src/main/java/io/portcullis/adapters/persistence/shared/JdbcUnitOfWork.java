package io.portcullis.adapters.persistence.shared;

import io.micronaut.transaction.TransactionOperations;
import io.portcullis.application.shared.UnitOfWork;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Transactions from Micronaut's transaction manager: {@link #inTransaction} begins one or joins the one in
 * progress (propagation REQUIRED), and the data repositories run their statements on its connection. A transaction
 * that PostgreSQL aborted as a deadlock victim or for a serialization failure is run again from the start, a bounded
 * number of times (PRODUCT §12: no 500 from a race).
 */
@Singleton
public final class JdbcUnitOfWork implements UnitOfWork {
    /** PostgreSQL's code for a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's codes for the failures a retry can cure: serialization_failure and deadlock_detected. */
    static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 5;
    private final TransactionOperations<Connection> transactions;

    public JdbcUnitOfWork(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            // joins the transaction in progress; only its outermost unit of work can run it again
            return transactions.executeWrite(status -> work.get());
        }
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !hasState(e, RETRYABLE)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** A short, growing, jittered pause, so the transactions that collided do not collide again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted before retrying a transaction", e);
        }
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
        return hasState(e, Set.of(UNIQUE_VIOLATION));
    }

    private static boolean hasState(Throwable e, Set<String> states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && states.contains(sql.getSQLState())) {
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
