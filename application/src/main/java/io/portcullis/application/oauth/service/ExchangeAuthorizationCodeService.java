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
 * The authorization code grant: {@link AuthorizationCode#redeem} checks the request, the store marks the code
 * used atomically (exactly one caller wins), and the code becomes a grant with its first tokens.
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
            Optional<AuthorizationCode> found = presented.flatMap(p -> codes.findByPrefix(p.prefix()));
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
            if (!codes.markUsed(code.prefix(), now)) {
                return replayed(code);
            }
            Grant grant = new Grant(random.uuid(), client.id(), code.userId(), code.scope(), audience.value(), code.prefix(),
                    now);
            grants.insert(grant);
            return Result.ok(issuer.issue(client, grant, grant.scope(), audience.value(), now));
        });
    }

    /** RFC 6749 §4.1.2: a code used twice revokes every token it minted. */
    private Result<TokenResponse, OAuthError> replayed(AuthorizationCode code) {
        grants.deleteByCodePrefix(code.prefix());
        credentials.userChanged(code.userId());
        return Result.err(new OAuthError.CodeReplayed());
    }
}
