package io.portcullis.adapters.persistence.shared;

import io.micronaut.transaction.TransactionOperations;
import io.portcullis.application.shared.UnitOfWork;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Transactions from Micronaut's transaction manager: {@link #inTransaction} begins one or joins the one in
 * progress (propagation REQUIRED), and the data repositories run their statements on its connection. A transaction
 * that PostgreSQL aborted as a deadlock victim or for a serialization failure is run again from the start, a bounded
 * number of times (PRODUCT §12: no 500 from a race). Writes given to {@link #atCommit} inside the outermost unit of
 * work are sent at its end together with its COMMIT, in one round trip.
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
    /** The writes waiting for the end of the outermost unit of work running on this thread; null outside one. */
    private final ThreadLocal<List<Deferred>> atCommit = new ThreadLocal<>();

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
                return transactions.executeWrite(status -> {
                    List<Deferred> writes = new ArrayList<>(2);
                    atCommit.set(writes);
                    T result;
                    try {
                        result = work.get();
                    } finally {
                        atCommit.remove();
                    }
                    flush(status.getConnection(), writes, !status.isRollbackOnly());
                    return result;
                });
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !hasState(e, RETRYABLE)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Runs the write {@code sql} ({@code binder} sets its parameters) at the end of the outermost unit of work in
     * progress, sent in one round trip with the COMMIT; at once outside one. Only for writes that nothing in the
     * transaction reads back and that conflict with nothing (an append): a failure still rolls back the whole
     * transaction, but shows at its end.
     */
    public void atCommit(String sql, SqlBinder binder) {
        List<Deferred> writes = atCommit.get();
        if (writes != null) {
            writes.add(new Deferred(sql, binder));
            return;
        }
        withConnection(connection -> {
            flush(connection, List.of(new Deferred(sql, binder)), false);
            return null;
        });
    }

    /**
     * Sends {@code writes} as one statement list, ending with COMMIT when {@code commit}: PostgreSQL runs them in
     * order and skips the rest after an error (the transaction manager then rolls back); after the COMMIT the
     * driver knows the transaction ended, so the manager's own commit sends nothing.
     */
    private static void flush(Connection connection, List<Deferred> writes, boolean commit) {
        if (writes.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (Deferred w : writes) {
            sql.append(w.sql()).append(';');
        }
        if (commit) {
            sql.append("COMMIT");
        }
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (Deferred w : writes) {
                next = w.binder().bind(s, next);
            }
            s.execute();
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
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

    /** Sets a statement's parameters from index {@code from} on; returns the index after the last one set. */
    @FunctionalInterface
    public interface SqlBinder {
        int bind(PreparedStatement statement, int from) throws SQLException;
    }

    private record Deferred(String sql, SqlBinder binder) {
    }

    @FunctionalInterface
    public interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}
