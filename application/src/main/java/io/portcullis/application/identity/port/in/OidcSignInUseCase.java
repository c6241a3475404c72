package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/**
 * Sign-in with a configured OpenID provider (PRODUCT §8). {@link #start} gives the provider's authorization URL and a
 * sealed value the browser keeps (a cookie) holding state, nonce and PKCE verifier; {@link #finish} checks the
 * callback against it and signs the person in: by link, else verified e-mail, else a new member when allowed.
 */
public interface OidcSignInUseCase {
    /** The providers to offer on the sign-in page, in configuration order. */
    List<ProviderChoice> providers();

    /** Whether the password form is offered (off leaves it to the break-glass account). */
    boolean passwordLogin();

    Result<Started, OidcSignInError> start(String provider, String redirect, String callbackUrl);

    Result<SignedIn, OidcSignInError> finish(String provider, String code, String state, String sealedState,
            String callbackUrl);

    record ProviderChoice(String name, String displayName) {
    }

    /** Where to send the browser, and what it must keep until the callback. */
    record Started(String authorizationUrl, String sealedState) {
    }

    /** The new session (login type {@code oidc}) and where the person was going. */
    record SignedIn(IssuedApiKey session, String redirect) {
    }
}
