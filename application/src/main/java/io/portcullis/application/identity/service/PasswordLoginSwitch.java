package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code portcullis.password-login: false} (PRODUCT §8): password sign-in, on the page and the API alike, only for the
 * break-glass account; everyone else is told to use the identity provider. The refusal is the same whether or not
 * the e-mail belongs to an account.
 */
public final class PasswordLoginSwitch implements LoginUseCase {
    private final LoginUseCase login;
    private final OidcSettings settings;
    private final UserRepository users;

    public PasswordLoginSwitch(LoginUseCase login, OidcSettings settings, UserRepository users) {
        this.login = login;
        this.settings = settings;
        this.users = users;
    }

    @Override
    public Result<IssuedApiKey, IdentityError> login(String email, String password, ClientAddress from) {
        if (settings.passwordLogin() || account(email).filter(settings::passwordAllowedFor).isPresent()) {
            return login.login(email, password, from);
        }
        String providers = settings.providers().stream().map(OidcProvider::displayName).collect(Collectors.joining(" or "));
        return Result.err(new IdentityError.Forbidden("password sign-in is switched off"
                + (providers.isEmpty() ? "" : "; sign in with " + providers)));
    }

    private Optional<User> account(String email) {
        try {
            return users.findByEmail(new Email(email));
        } catch (DomainValidationException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public void logout(Principal principal) {
        login.logout(principal);
    }
}
