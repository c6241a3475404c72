package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;
import io.portcullis.application.identity.port.in.OidcSignInUseCase.ProviderChoice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * View model of {@code login.jte}; {@code error} is shown above the form when present. {@code providers} get a
 * "Sign in with …" button each; with {@code passwordLogin} off the password form is left to the break-glass account.
 */
public record LoginPage(String csrfToken, String redirect, @Nullable String error, String email, List<ProviderChoice> providers,
        boolean passwordLogin) {

    public LoginPage(String csrfToken, String redirect, @Nullable String error, String email) {
        this(csrfToken, redirect, error, email, List.of(), true);
    }

    /** Where the button of {@code provider} starts its sign-in, carrying on to the same place afterwards. */
    public String startUrl(ProviderChoice provider) {
        return "/login/oidc/" + provider.name() + "?redirect=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    }
}
