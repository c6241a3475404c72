package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/**
 * Counts OIDC sign-ins by outcome (method {@code oidc}) where they end, at the callback: {@code success}; {@code failure}
 * for a forged, stale or failed callback (state, provider exchange, ID token); {@code refused} when the person may not
 * sign in (suspended, no account, unverified e-mail, domain not allowed, unknown provider).
 */
public final class MeteredOidcSignIn implements OidcSignInUseCase {
    private final OidcSignInUseCase signIn;
    private final ProductMetricsPort metrics;

    public MeteredOidcSignIn(OidcSignInUseCase signIn, ProductMetricsPort metrics) {
        this.signIn = signIn;
        this.metrics = metrics;
    }

    @Override
    public List<ProviderChoice> providers() {
        return signIn.providers();
    }

    @Override
    public boolean passwordLogin() {
        return signIn.passwordLogin();
    }

    @Override
    public Result<Started, OidcSignInError> start(String provider, String redirect, String callbackUrl) {
        return signIn.start(provider, redirect, callbackUrl);
    }

    @Override
    public Result<SignedIn, OidcSignInError> finish(String provider, String code, String state, String sealedState,
            String callbackUrl) {
        Result<SignedIn, OidcSignInError> result = signIn.finish(provider, code, state, sealedState, callbackUrl);
        metrics.signIn("oidc", result.isOk() ? "success" : outcome(result.error()));
        return result;
    }

    private static String outcome(OidcSignInError error) {
        return error instanceof OidcSignInError.InvalidState || error instanceof OidcSignInError.ProviderFailed
                ? "failure" : "refused";
    }
}
