package io.portcullis.application.oauth.port.in;

import java.time.Instant;

/** Adds a signing key, published at once and signing after the activation delay; older keys retire when their tokens expire. */
public interface RotateSigningKeyUseCase {
    Rotation rotate();

    /** The new key's id and when it starts signing. */
    record Rotation(String kid, Instant activatesAt) {
    }
}
