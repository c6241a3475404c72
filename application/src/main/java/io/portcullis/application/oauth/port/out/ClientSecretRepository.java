package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.ClientSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of client secrets (digests only), found by prefix. */
public interface ClientSecretRepository {
    void insert(ClientSecret secret);

    Optional<ClientSecret> findByPrefix(String prefix);

    List<ClientSecret> listByClient(UUID clientId);

    boolean delete(UUID clientId, UUID secretId);

    void touch(UUID secretId, Instant at);
}
