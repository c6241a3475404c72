package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts and finishes sign-in with an OpenID provider: state, nonce and PKCE verifier are drawn here and sealed for
 * the browser; the callback must bring the same state back within ten minutes, and the provider's ID token must
 * carry the same nonce. Who the person is, is decided by {@link OidcAccountLinker}.
 */
public final class OidcSignInService implements OidcSignInUseCase {
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private final OidcSettings settings;
    private final OidcProviderPort providers;
    private final OidcAccountLinker linker;
    private final SecretCipherPort cipher;
    private final RandomSource random;
    private final Clock clock;

    public OidcSignInService(OidcSettings settings, OidcProviderPort providers, OidcAccountLinker linker,
            SecretCipherPort cipher, RandomSource random, Clock clock) {
        this.settings = settings;
        this.providers = providers;
        this.linker = linker;
        this.cipher = cipher;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public List<ProviderChoice> providers() {
        return settings.providers().stream().map(p -> new ProviderChoice(p.name(), p.displayName())).toList();
    }

    @Override
    public boolean passwordLogin() {
        return settings.passwordLogin();
    }

    @Override
    public Result<Started, OidcSignInError> start(String name, String redirect, String callbackUrl) {
        Optional<OidcProvider> provider = settings.provider(name);
        if (provider.isEmpty()) {
            return Result.err(new OidcSignInError.UnknownProvider(name));
        }
        PendingOidcSignIn pending = new PendingOidcSignIn(name, random.alphanumeric(43), random.alphanumeric(43),
                random.alphanumeric(64), redirect, clock.instant().plus(PENDING_LIFETIME));
        Result<String, OidcSignInError.ProviderFailed> url = providers.authorizationUrl(provider.get(), callbackUrl,
                pending.state(), pending.nonce(), PkceChallenge.s256Of(pending.verifier()).value());
        if (!url.isOk()) {
            return Result.err(url.error());
        }
        return Result.ok(new Started(url.value(), pending.seal(cipher)));
    }

    @Override
    public Result<SignedIn, OidcSignInError> finish(String name, String code, String state, String sealedState,
            String callbackUrl) {
        Optional<OidcProvider> provider = settings.provider(name);
        if (provider.isEmpty()) {
            return Result.err(new OidcSignInError.UnknownProvider(name));
        }
        Instant now = clock.instant();
        Optional<PendingOidcSignIn> pending = PendingOidcSignIn.open(cipher, sealedState, name, state, now);
        if (pending.isEmpty() || code == null || code.isEmpty()) {
            return Result.err(new OidcSignInError.InvalidState());
        }
        Result<OidcProviderPort.SignIn, OidcSignInError.ProviderFailed> signIn = providers.exchange(provider.get(), code,
                pending.get().verifier(), callbackUrl, pending.get().nonce());
        if (!signIn.isOk()) {
            return Result.err(signIn.error());
        }
        return linker.signIn(provider.get(), signIn.value())
                .map(session -> new SignedIn(session, pending.get().redirect()));
    }
}
