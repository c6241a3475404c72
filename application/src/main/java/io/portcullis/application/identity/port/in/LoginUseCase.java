package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;

/** Password sign-in, yielding a sliding session key; and sign-out. */
public interface LoginUseCase {
    /**
     * Same refusal for an unknown e-mail and a wrong password, in about the same time. Failures are throttled per
     * (account, {@code from}) and per {@code from}; a throttled attempt takes as long as a checked one.
     */
    Result<IssuedApiKey, IdentityError> login(String email, String password, ClientAddress from);

    void logout(Principal principal);
}
