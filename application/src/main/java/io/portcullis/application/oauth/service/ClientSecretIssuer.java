package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.ManageClientsUseCase.IssuedSecret;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.RandomSource;
import java.time.Clock;
import java.util.UUID;

/** Mints a client secret, stores only its digest and last six characters, and returns the plaintext once. */
public final class ClientSecretIssuer {
    private final ClientSecretRepository secrets;
    private final RandomSource random;
    private final Clock clock;

    public ClientSecretIssuer(ClientSecretRepository secrets, RandomSource random, Clock clock) {
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    IssuedSecret issue(UUID clientId) {
        PrefixedSecret secret = PrefixedSecret.mint(random);
        String plaintext = secret.presentable();
        ClientSecret stored = new ClientSecret(random.uuid(), clientId, secret.prefix(), secret.digest(),
                plaintext.substring(plaintext.length() - 6), clock.instant(), null);
        secrets.insert(stored);
        return new IssuedSecret(stored, plaintext);
    }
}
