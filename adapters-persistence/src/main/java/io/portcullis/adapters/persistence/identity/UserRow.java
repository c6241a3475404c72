package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code app_user}. */
@MappedEntity("app_user")
record UserRow(@Id UUID id, String email, String username, String passwordHash, String role, String status,
        Instant createdAt, @Nullable Instant lastSeenAt) {
}
