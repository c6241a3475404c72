package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Password;
import io.portcullis.domain.identity.Username;

/** Input for creating a user; values validate themselves on construction. */
public record CreateUserCommand(Email email, Username username, Password password) {
    public static CreateUserCommand of(String email, String username, String password) {
        return new CreateUserCommand(new Email(email), new Username(username), new Password(password));
    }
}
