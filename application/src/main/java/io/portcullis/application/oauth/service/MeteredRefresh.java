package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** Counts refresh token grants by outcome, and the reuse detections among them. */
public final class MeteredRefresh implements RefreshAccessTokenUseCase {
    private final RefreshAccessTokenUseCase refresh;
    private final ProductMetricsPort metrics;

    public MeteredRefresh(RefreshAccessTokenUseCase refresh, ProductMetricsPort metrics) {
        this.refresh = refresh;
        this.metrics = metrics;
    }

    @Override
    public Result<TokenResponse, OAuthError> refresh(RefreshAccessTokenCommand command) {
        Result<TokenResponse, OAuthError> result = refresh.refresh(command);
        metrics.tokenRequest("refresh_token", result.isOk() ? "issued" : result.error().code().wire());
        if (!result.isOk() && result.error() instanceof OAuthError.RefreshTokenReused) {
            metrics.refreshReuseDetected();
        }
        return result;
    }
}
