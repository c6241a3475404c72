package io.portcullis.adapters.persistence.shared;

/** An infrastructure fault in the store; becomes a 500 without detail at the edge. */
public final class PersistenceException extends RuntimeException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
