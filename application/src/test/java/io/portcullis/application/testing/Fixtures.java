package io.portcullis.application.testing;

import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import java.time.Instant;
import java.util.UUID;

/** Builders for test data shared by application tests and port contracts. */
public final class Fixtures {
    private Fixtures() {
    }

    public static User user(String username, Role role, Instant createdAt) {
        return new User(UUID.nameUUIDFromBytes(username.getBytes()), new Email(username + "@example.com"),
                new Username(username), "test$hash", role, UserStatus.ACTIVE, createdAt, null);
    }
}
