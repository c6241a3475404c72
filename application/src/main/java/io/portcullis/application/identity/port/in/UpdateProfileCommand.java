package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Username;
import java.util.Objects;
import java.util.Optional;

/** Whose profile ({@code user}: id, username or {@code me}), the username it should have and, when given, the e-mail. */
public record UpdateProfileCommand(String user, Username username, Optional<Email> email) {
    public UpdateProfileCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
    }

    /** Validates as at creation: a missing or malformed username or e-mail is refused naming the field. */
    public static UpdateProfileCommand of(String user, String username, String email) {
        return new UpdateProfileCommand(user, new Username(username),
                email == null ? Optional.empty() : Optional.of(new Email(email)));
    }
}
