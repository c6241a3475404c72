package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** Counts authorization code grants by outcome. */
public final class MeteredCodeExchange implements ExchangeAuthorizationCodeUseCase {
    private final ExchangeAuthorizationCodeUseCase exchange;
    private final ProductMetricsPort metrics;

    public MeteredCodeExchange(ExchangeAuthorizationCodeUseCase exchange, ProductMetricsPort metrics) {
        this.exchange = exchange;
        this.metrics = metrics;
    }

    @Override
    public Result<TokenResponse, OAuthError> exchange(ExchangeAuthorizationCodeCommand command) {
        Result<TokenResponse, OAuthError> result = exchange.exchange(command);
        metrics.tokenRequest("authorization_code", result.isOk() ? "issued" : result.error().code().wire());
        return result;
    }
}
