package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.RegisterClientUseCase;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;

/** Counts dynamic client registrations by outcome; the RFC 7592 management calls pass through. */
public final class MeteredRegistration implements RegisterClientUseCase {
    private final RegisterClientUseCase registration;
    private final ProductMetricsPort metrics;

    public MeteredRegistration(RegisterClientUseCase registration, ProductMetricsPort metrics) {
        this.registration = registration;
        this.metrics = metrics;
    }

    @Override
    public Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw metadata, ClientAddress from) {
        Result<RegisteredClient, OAuthError> result = registration.register(metadata, from);
        metrics.clientRegistration(result.isOk() ? "registered" : result.error().code().wire());
        return result;
    }

    @Override
    public Result<OAuthClient, OAuthError> read(String clientId, String registrationAccessToken) {
        return registration.read(clientId, registrationAccessToken);
    }

    @Override
    public Result<OAuthClient, OAuthError> update(String clientId, String registrationAccessToken, ClientMetadata.Raw metadata,
            ClientAddress from) {
        return registration.update(clientId, registrationAccessToken, metadata, from);
    }

    @Override
    public Result<Void, OAuthError> delete(String clientId, String registrationAccessToken, ClientAddress from) {
        return registration.delete(clientId, registrationAccessToken, from);
    }
}
