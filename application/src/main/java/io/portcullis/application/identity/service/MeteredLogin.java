package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;

/** Counts password sign-ins by outcome around the sign-in use case. */
public final class MeteredLogin implements LoginUseCase {
    private final LoginUseCase login;
    private final ProductMetricsPort metrics;

    public MeteredLogin(LoginUseCase login, ProductMetricsPort metrics) {
        this.login = login;
        this.metrics = metrics;
    }

    @Override
    public Result<IssuedApiKey, IdentityError> login(String email, String password, ClientAddress from) {
        Result<IssuedApiKey, IdentityError> result = login.login(email, password, from);
        metrics.signIn("password", result.isOk() ? "success" : outcome(result.error()));
        return result;
    }

    private static String outcome(IdentityError error) {
        if (error instanceof IdentityError.BadCredentials) {
            return "failure";
        }
        return error instanceof IdentityError.Throttled ? "throttled" : "refused";
    }

    @Override
    public void logout(Principal principal) {
        login.logout(principal);
    }
}
