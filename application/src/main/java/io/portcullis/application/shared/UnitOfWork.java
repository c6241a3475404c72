package io.portcullis.application.shared;

import java.util.function.Supplier;

/** Runs a use case's reads and writes in one transaction; nested calls join the outer one. */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);

    /** Runs without a transaction (for in-memory adapters and tests). */
    UnitOfWork NONE = new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
}
