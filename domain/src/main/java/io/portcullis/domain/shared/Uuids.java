package io.portcullis.domain.shared;

import java.util.Optional;
import java.util.UUID;

/** Reading ids that arrive as text (paths, client_id): anything but the canonical 36-character form is absent. */
public final class Uuids {
    private Uuids() {
    }

    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
