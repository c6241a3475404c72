package io.portcullis.domain.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * External sign-in settings (PRODUCT §8): the configured providers, whether password sign-in is on, and the
 * break-glass account (username or e-mail) that keeps password sign-in when it is off.
 */
public record OidcSettings(List<OidcProvider> providers, boolean passwordLogin, Optional<String> breakGlassUser) {
    public static final OidcSettings NONE = new OidcSettings(List.of(), true, Optional.empty());

    public OidcSettings {
        providers = List.copyOf(providers);
        breakGlassUser = breakGlassUser.map(b -> b.trim().toLowerCase(Locale.ROOT)).filter(b -> !b.isEmpty());
    }

    public Optional<OidcProvider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether {@code user} may sign in with a password. */
    public boolean passwordAllowedFor(User user) {
        return passwordLogin || breakGlassUser.filter(b -> b.equals(user.username().value())
                || b.equals(user.email().value())).isPresent();
    }
}
