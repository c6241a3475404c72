package io.portcullis.application.identity.port.out;

import io.portcullis.domain.identity.Password;

/** Slow password hashing (Argon2id or similar), producing self-describing hash strings. */
public interface PasswordHashingPort {
    String hash(Password password);

    boolean verify(String hash, String candidate);

    /** Spends the time of one verification, so unknown accounts answer as slowly as known ones. */
    void decoyVerify(String candidate);
}
