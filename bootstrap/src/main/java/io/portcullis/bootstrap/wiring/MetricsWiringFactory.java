package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.service.AdmittingRelay;
import io.portcullis.application.gateway.service.MeteredRelay;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.service.MeteredLogin;
import io.portcullis.application.identity.service.SessionService;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeUseCase;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.RegisterClientUseCase;
import io.portcullis.application.oauth.service.ExchangeAuthorizationCodeService;
import io.portcullis.application.oauth.service.MeteredCodeExchange;
import io.portcullis.application.oauth.service.MeteredRefresh;
import io.portcullis.application.oauth.service.MeteredRegistration;
import io.portcullis.application.oauth.service.RefreshAccessTokenService;
import io.portcullis.application.oauth.service.RegisterClientService;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The use cases whose outcomes are product metrics (PRODUCT §11), each wrapped in its metered decorator. The
 * decorators are {@link Primary}, so controllers get them for the use-case interface while the services stay
 * wired as they are.
 */
@Factory
public class MetricsWiringFactory {
    @Singleton
    @Primary
    LoginUseCase meteredLogin(SessionService sessions, ProductMetricsPort metrics,
            io.portcullis.domain.identity.OidcSettings oidc, io.portcullis.application.identity.port.out.UserRepository users) {
        // portcullis.password-login: false leaves password sign-in to the break-glass account, page and API alike
        return new MeteredLogin(new io.portcullis.application.identity.service.PasswordLoginSwitch(sessions, oidc, users),
                metrics);
    }

    @Singleton
    @Primary
    io.portcullis.application.identity.port.in.OidcSignInUseCase meteredOidcSignIn(
            io.portcullis.application.identity.service.OidcSignInService signIn, ProductMetricsPort metrics) {
        return new io.portcullis.application.identity.service.MeteredOidcSignIn(signIn, metrics);
    }

    @Singleton
    @Primary
    ExchangeAuthorizationCodeUseCase meteredCodeExchange(ExchangeAuthorizationCodeService exchange, ProductMetricsPort metrics) {
        return new MeteredCodeExchange(exchange, metrics);
    }

    @Singleton
    @Primary
    RefreshAccessTokenUseCase meteredRefresh(RefreshAccessTokenService refresh, ProductMetricsPort metrics) {
        return new MeteredRefresh(refresh, metrics);
    }

    @Singleton
    @Primary
    RegisterClientUseCase meteredRegistration(RegisterClientService registration, ProductMetricsPort metrics) {
        return new MeteredRegistration(registration, metrics);
    }

    @Singleton
    @Primary
    RelayMcpRequestUseCase meteredRelay(AdmittingRelay relay, ProductMetricsPort metrics, Clock clock) {
        return new MeteredRelay(relay, metrics, clock);
    }
}
