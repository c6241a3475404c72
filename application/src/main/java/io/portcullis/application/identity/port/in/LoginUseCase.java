package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.shared.Result;

/** Password sign-in, yielding a sliding session key; and sign-out. */
public interface LoginUseCase {
    /** Same refusal for an unknown e-mail and a wrong password, in about the same time. */
    Result<IssuedApiKey, IdentityError> login(String email, String password);

    void logout(Principal principal);
}
