package io.portcullis.application.oauth.port.out;

import java.util.Optional;
import java.util.UUID;

/** The username of a user, for introspection answers (RFC 7662 §2.2 {@code username}). */
public interface UserNamesPort {
    Optional<String> username(UUID userId);
}
