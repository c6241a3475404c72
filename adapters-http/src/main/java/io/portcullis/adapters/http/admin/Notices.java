package io.portcullis.adapters.http.admin;

import io.portcullis.domain.shared.DomainValidationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The console's words: what a change did (after its redirect), refusals as sentences, and times. */
final class Notices {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, String> DONE = Map.ofEntries(
            Map.entry("user-created", "User created."),
            Map.entry("user-suspended", "User suspended; their sessions and keys stop working."),
            Map.entry("user-activated", "User activated."),
            Map.entry("role-changed", "Role changed."),
            Map.entry("password-reset", "Password reset."),
            Map.entry("profile-updated", "Profile saved."),
            Map.entry("user-deleted", "User deleted, with every key, session, grant and upstream token of theirs."),
            Map.entry("app-saved", "App saved."),
            Map.entry("app-deleted", "App deleted, with its grants and tokens."),
            Map.entry("secret-deleted", "Secret deleted."),
            Map.entry("resource-saved", "Resource saved."),
            Map.entry("resource-deleted", "Resource deleted, with its introspection client and tokens."),
            Map.entry("server-saved", "MCP server saved."),
            Map.entry("server-enabled", "MCP server enabled."),
            Map.entry("server-disabled", "MCP server disabled."),
            Map.entry("server-deleted", "MCP server deleted."),
            Map.entry("grant-revoked", "Grant revoked; its tokens no longer work."));

    private Notices() {
    }

    /** The sentence for a {@code done} code from a redirect, or null: nothing from the URL is echoed. */
    static String text(String done) {
        return done == null ? null : DONE.get(done);
    }

    /** A use case's refusal as a sentence. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "That did not work.";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    static String invalid(DomainValidationException e) {
        return sentence(e.field().replace('_', ' ') + " " + e.getMessage());
    }

    static String date(Instant at) {
        return at == null ? null : TIME.format(at);
    }
}
