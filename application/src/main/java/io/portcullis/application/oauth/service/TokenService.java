package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.IssueTokensUseCase;
import io.portcullis.application.oauth.port.in.RevokeTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.ApiKeyCredential;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The token and revocation endpoints: client authentication, code exchange, refresh rotation with reuse
 * detection, and revocation. Codes and refresh tokens are always checked against the authenticated client.
 */
public final class TokenService implements IssueTokensUseCase, RevokeTokenUseCase {
    private static final OAuthError BAD_CLIENT = OAuthError.invalidClient("client authentication failed");
    private final ClientDirectory clients;
    private final ClientSecretRepository secrets;
    private final AuthorizationCodeRepository codes;
    private final GrantRepository grants;
    private final RefreshTokenRepository refreshTokens;
    private final ApiKeyRepository keys;
    private final ApiKeyFactory keyFactory;
    private final OAuthPolicy policy;
    private final ProtectedResourcesPort resources;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;

    public TokenService(ClientDirectory clients, ClientSecretRepository secrets, AuthorizationCodeRepository codes,
            GrantRepository grants, RefreshTokenRepository refreshTokens, ApiKeyRepository keys, ApiKeyFactory keyFactory,
            OAuthPolicy policy, ProtectedResourcesPort resources, UnitOfWork unitOfWork, RandomSource random, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.codes = codes;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.keyFactory = keyFactory;
        this.policy = policy;
        this.resources = resources;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<OAuthClient, OAuthError> authenticateClient(ClientCredentials credentials) {
        if (credentials.clientId() == null) {
            return Result.err(OAuthError.invalidClient("client_id is required"));
        }
        Result<OAuthClient, String> found = clients.resolve(credentials.clientId());
        if (!found.isOk()) {
            return Result.err(OAuthError.invalidClient(found.error().startsWith("No application")
                    ? "unknown client" : found.error()));
        }
        Optional<OAuthClient> client = Optional.of(found.value());
        if (client.get().clientType() == ClientType.PUBLIC) {
            return credentials.clientSecret() == null ? Result.ok(client.get())
                    : Result.err(OAuthError.invalidClient("this is a public client: send client_id only, no secret"));
        }
        if (credentials.clientSecret() == null) {
            return Result.err(OAuthError.invalidClient("this client must authenticate with its client secret"));
        }
        Optional<PrefixedSecret> presented = PrefixedSecret.parse(credentials.clientSecret());
        Optional<ClientSecret> stored = presented.flatMap(p -> secrets.findByPrefix(p.prefix()));
        if (stored.isEmpty() || !stored.get().clientId().equals(client.get().id())
                || !stored.get().digest().matches(presented.get().secret())) {
            return Result.err(BAD_CLIENT);
        }
        secrets.touch(stored.get().id(), clock.instant());
        return Result.ok(client.get());
    }

    @Override
    public Result<TokenResponse, OAuthError> exchangeCode(OAuthClient client, ExchangeCodeCommand command) {
        if (command.code() == null) {
            return Result.err(OAuthError.invalidRequest("code is required"));
        }
        if (command.codeVerifier() == null) {
            return Result.err(OAuthError.invalidRequest("code_verifier is required (PKCE)"));
        }
        return unitOfWork.inTransaction(() -> {
            Optional<PrefixedSecret> presented = PrefixedSecret.parse(command.code());
            Optional<AuthorizationCode> found = presented.flatMap(p -> codes.findByPrefix(p.prefix()));
            if (found.isEmpty() || !found.get().digest().matches(presented.get().secret())) {
                return Result.err(OAuthError.invalidGrant("the authorization code is invalid"));
            }
            AuthorizationCode code = found.get();
            if (!code.clientId().equals(client.id())) {
                return Result.err(OAuthError.invalidGrant("the authorization code was issued to another client"));
            }
            Instant now = clock.instant();
            if (code.usedAt().isPresent()) {
                return replayed(code);
            }
            if (code.isExpired(now)) {
                return Result.err(OAuthError.invalidGrant("the authorization code has expired"));
            }
            if (code.redirectUri().isPresent() && !code.redirectUri().get().equals(command.redirectUri())) {
                return Result.err(OAuthError.invalidGrant("redirect_uri must be the one sent to the authorization endpoint"));
            }
            if (code.redirectUri().isEmpty() && command.redirectUri() != null
                    && client.metadata().resolveRedirect(command.redirectUri()).isEmpty()) {
                return Result.err(OAuthError.invalidGrant("redirect_uri is not registered for this client"));
            }
            if (!code.challenge().verifies(command.codeVerifier())) {
                return Result.err(OAuthError.invalidGrant("code_verifier does not match the code_challenge"));
            }
            ResourceUri audience = code.resource();
            if (command.resource() != null) {
                Optional<ResourceUri> requested = parseResource(command.resource());
                if (requested.isEmpty() || (code.resourceSent() ? !requested.get().equals(code.resource())
                        : !code.resource().covers(requested.get()) || !resources.isProtectedResource(requested.get()))) {
                    return Result.err(OAuthError.invalidTarget("resource does not match the authorization request"));
                }
                audience = requested.get();
            }
            if (!codes.markUsed(code.prefix(), now)) {
                return replayed(code);
            }
            Grant grant = new Grant(random.uuid(), client.id(), code.userId(), code.scope(), audience, code.prefix(), now);
            grants.insert(grant);
            return Result.ok(issue(client, grant, grant.scope(), audience, now));
        });
    }

    private Result<TokenResponse, OAuthError> replayed(AuthorizationCode code) {
        grants.deleteByCodePrefix(code.prefix());
        return Result.err(OAuthError.invalidGrant(
                "the authorization code was already used; tokens issued from it have been revoked"));
    }

    @Override
    public Result<TokenResponse, OAuthError> refresh(OAuthClient client, RefreshCommand command) {
        if (command.refreshToken() == null) {
            return Result.err(OAuthError.invalidRequest("refresh_token is required"));
        }
        if (!client.allowsRefresh()) {
            return Result.err(new OAuthError(OAuthErrorCode.UNAUTHORIZED_CLIENT, "this client may not use refresh_token"));
        }
        return unitOfWork.inTransaction(() -> {
            Optional<PrefixedSecret> presented = PrefixedSecret.parse(command.refreshToken());
            Optional<RefreshToken> found = presented.flatMap(p -> refreshTokens.findByPrefix(p.prefix()));
            if (found.isEmpty() || !found.get().digest().matches(presented.get().secret())) {
                return Result.err(OAuthError.invalidGrant("the refresh token is invalid or has been revoked"));
            }
            RefreshToken token = found.get();
            Optional<Grant> grant = grants.findById(token.grantId());
            if (grant.isEmpty()) {
                return Result.err(OAuthError.invalidGrant("the refresh token is invalid or has been revoked"));
            }
            if (!grant.get().clientId().equals(client.id())) {
                return Result.err(OAuthError.invalidGrant("the refresh token was issued to another client"));
            }
            Instant now = clock.instant();
            if (token.rotatedAt().isPresent()) {
                return reused(grant.get());
            }
            if (token.isExpired(now)) {
                return Result.err(OAuthError.invalidGrant("the refresh token has expired"));
            }
            ScopeSet scope = grant.get().scope();
            if (command.scope() != null) {
                try {
                    scope = ScopeSet.parseSpaceDelimited(command.scope());
                } catch (DomainValidationException e) {
                    return Result.err(OAuthError.invalidScope(e.getMessage()));
                }
                if (!grant.get().scope().covers(scope)) {
                    return Result.err(OAuthError.invalidScope("a refresh may narrow the granted scope, never widen it"));
                }
            }
            ResourceUri audience = grant.get().resource();
            if (command.resource() != null) {
                Optional<ResourceUri> requested = parseResource(command.resource());
                if (requested.isEmpty() || !grant.get().resource().covers(requested.get())
                        || !resources.isProtectedResource(requested.get())) {
                    return Result.err(OAuthError.invalidTarget("a refresh may narrow the resource, never widen it"));
                }
                audience = requested.get();
            }
            if (!refreshTokens.markRotated(token.prefix(), now)) {
                return reused(grant.get());
            }
            return Result.ok(issue(client, grant.get(), scope, audience, now));
        });
    }

    private Result<TokenResponse, OAuthError> reused(Grant grant) {
        grants.delete(grant.id());
        return Result.err(OAuthError.invalidGrant("the refresh token was already used; the whole grant has been revoked"));
    }

    private TokenResponse issue(OAuthClient client, Grant grant, ScopeSet scope, ResourceUri audience, Instant now) {
        IssuedApiKey access = keyFactory.mintAccessToken(grant.userId(), now, policy.accessTokenLifetime(), scope, audience,
                grant.id());
        keys.insert(access.key());
        String refresh = null;
        if (client.allowsRefresh()) {
            PrefixedSecret token = PrefixedSecret.mint(random);
            refreshTokens.insert(new RefreshToken(token.prefix(), token.digest(), grant.id(), now,
                    now.plus(policy.refreshTokenLifetime()), Optional.empty()));
            refresh = token.presentable();
        }
        return new TokenResponse(access.plaintext(), policy.accessTokenLifetime().toSeconds(), refresh, scope.spaceDelimited());
    }

    private static Optional<ResourceUri> parseResource(String raw) {
        try {
            return Optional.of(ResourceUri.parse(raw));
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }

    @Override
    public void revoke(OAuthClient client, String token, String tokenTypeHint) {
        if (token == null) {
            return;
        }
        unitOfWork.inTransaction(() -> {
            // the hint only orders the look-ups (RFC 7009 §2.1); both kinds are tried
            Optional<PrefixedSecret> refresh = PrefixedSecret.parse(token);
            if (refresh.isPresent()) {
                refreshTokens.findByPrefix(refresh.get().prefix())
                        .filter(t -> t.digest().matches(refresh.get().secret()))
                        .flatMap(t -> grants.findById(t.grantId()))
                        .filter(g -> g.clientId().equals(client.id()))
                        .ifPresent(g -> grants.delete(g.id()));
                return null;
            }
            Optional<ApiKeyCredential> access = ApiKeyCredential.parse(token);
            if (access.isPresent()) {
                Optional<ApiKey> key = keys.findById(access.get().id()).filter(k -> k.verifies(access.get()))
                        .filter(k -> k.loginType() == LoginType.OAUTH2_PROVIDER_APP && k.grantId().isPresent());
                if (key.isPresent() && grants.findById(key.get().grantId().get())
                        .map(g -> g.clientId().equals(client.id())).orElse(false)) {
                    keys.delete(key.get().id());
                }
            }
            return null;
        });
    }
}
