package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The authorization code grant: the code's row is locked first, {@link AuthorizationCode#redeem} checks the request,
 * and one store statement marks the code used (exactly one caller wins) and stores the grant it becomes with its first
 * refresh token; then the access token is issued.
 */
public final class ExchangeAuthorizationCodeService implements ExchangeAuthorizationCodeUseCase {
    private final AuthorizationCodeRepository codes;
    private final GrantRepository grants;
    private final ProtectedResourcesPort resources;
    private final TokenIssuer issuer;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;
    private final InvalidateCredentialsUseCase credentials;

    public ExchangeAuthorizationCodeService(AuthorizationCodeRepository codes, GrantRepository grants,
            ProtectedResourcesPort resources, TokenIssuer issuer, UnitOfWork unitOfWork, RandomSource random, Clock clock,
            InvalidateCredentialsUseCase credentials) {
        this.credentials = credentials;
        this.codes = codes;
        this.grants = grants;
        this.resources = resources;
        this.issuer = issuer;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<TokenResponse, OAuthError> exchange(ExchangeAuthorizationCodeCommand command) {
        return unitOfWork.inTransaction(() -> {
            Optional<PrefixedSecret> presented = PrefixedSecret.parse(command.code());
            Optional<AuthorizationCode> found = presented.flatMap(p -> codes.findLocking(p.prefix()));
            if (found.isEmpty()) {
                return Result.err(new OAuthError.InvalidGrant("the authorization code is invalid"));
            }
            AuthorizationCode code = found.get();
            OAuthClient client = command.client();
            Instant now = clock.instant();
            Result<ResourceUri, OAuthError> audience = code.redeem(client, new AuthorizationCode.Presentation(presented.get(),
                    command.codeVerifier(), command.redirectUri(), command.resource()), resources::isProtectedResource, now);
            if (!audience.isOk()) {
                return audience.error() instanceof OAuthError.CodeReplayed ? replayed(code) : Result.err(audience.error());
            }
            Grant grant = new Grant(random.uuid(), client.id(), code.userId(), code.scope(), audience.value(), code.prefix(),
                    now);
            Optional<TokenIssuer.Minted> refresh = client.allowsRefresh() ? Optional.of(issuer.mintRefreshToken(grant.id(), now))
                    : Optional.empty();
            if (!codes.redeem(code.prefix(), now, grant, refresh.map(TokenIssuer.Minted::token))) {
                return replayed(code);
            }
            return Result.ok(issuer.respond(client, grant, grant.scope(), audience.value(), refresh, now,
                    "authorization_code", command.from()));
        });
    }

    /** RFC 6749 §4.1.2: a code used twice revokes every token it minted. */
    private Result<TokenResponse, OAuthError> replayed(AuthorizationCode code) {
        grants.deleteByCodePrefix(code.prefix());
        credentials.userChanged(code.userId());
        return Result.err(new OAuthError.CodeReplayed());
    }
}
