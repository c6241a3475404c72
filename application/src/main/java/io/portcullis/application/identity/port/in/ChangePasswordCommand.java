package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.Password;

/** Whose password ({@code user}: id, username or {@code me}), the old one when changing one's own, and the new one. */
public record ChangePasswordCommand(String user, String oldPassword, Password newPassword) {
    @Override
    public String toString() {
        return "ChangePasswordCommand[" + user + "]";
    }
}
