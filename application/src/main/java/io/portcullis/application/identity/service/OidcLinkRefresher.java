package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase;
import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Keeps a user's provider link usable (PRODUCT §8): when the provider gave a refresh token and the access token
 * expires within ten minutes, it is refreshed — under the link's row lock, so two requests never both spend a rotating
 * refresh token (the second finds the fresh token and uses it). The refresh and its write run on {@code detached},
 * so a request that is cancelled meanwhile cannot lose a rotated refresh token. A refusal by the provider (or an
 * expired token it cannot be asked about) makes the link unusable: an {@code oidc} session built on it ends. Without a
 * refresh token the provider's expiry ends nothing. Session expiry is never touched here.
 */
public final class OidcLinkRefresher implements ProviderAccessTokenUseCase {
    private final OidcSettings settings;
    private final OidcLinkRepository links;
    private final OidcProviderPort providers;
    private final UnitOfWork unitOfWork;
    private final Executor detached;
    private final Clock clock;

    public OidcLinkRefresher(OidcSettings settings, OidcLinkRepository links, OidcProviderPort providers,
            UnitOfWork unitOfWork, Executor detached, Clock clock) {
        this.settings = settings;
        this.links = links;
        this.providers = providers;
        this.unitOfWork = unitOfWork;
        this.detached = detached;
        this.clock = clock;
    }

    @Override
    public Result<String, NoProviderToken> currentAccessToken(UUID userId) {
        Optional<OidcLink> link = links.latestForUser(userId);
        if (link.isEmpty()) {
            return Result.err(new NoProviderToken.NotLinked(settings.providers().stream().map(OidcProvider::displayName)
                    .collect(Collectors.joining(" or "))));
        }
        Result<OidcLink, NoProviderToken> fresh = fresh(link.get());
        if (fresh.isOk() && fresh.value().expiresAt().filter(e -> !clock.instant().isBefore(e)).isPresent()) {
            // no refresh token (Google-style): the session lives on, but an expired token is not worth forwarding
            return Result.err(new NoProviderToken.Unrefreshable(provider(link.get())));
        }
        return fresh.map(OidcLink::accessToken);
    }

    /** For a session with login type {@code oidc}: empty while its link is usable, else why the session ends. */
    public Optional<String> sessionEnded(UUID userId) {
        Optional<OidcLink> link = links.latestForUser(userId);
        if (link.isEmpty()) {
            return Optional.of("the identity provider link of this session is gone");
        }
        Result<OidcLink, NoProviderToken> fresh = fresh(link.get());
        return fresh.isOk() ? Optional.empty() : Optional.of("the sign-in with " + provider(link.get()) + " has ended");
    }

    private String provider(OidcLink link) {
        return settings.provider(link.provider()).map(OidcProvider::displayName).orElse(link.provider());
    }

    private Result<OidcLink, NoProviderToken> fresh(OidcLink link) {
        Optional<OidcProvider> provider = settings.provider(link.provider());
        if (!link.refreshDue(clock.instant()) || provider.isEmpty()) {
            return Result.ok(link);
        }
        // join() is not interruptible: the caller waits for the outcome, and the work finishes whatever happens to it
        return CompletableFuture.supplyAsync(() -> refreshLocked(provider.get(), link), detached).join();
    }

    private Result<OidcLink, NoProviderToken> refreshLocked(OidcProvider provider, OidcLink seen) {
        return unitOfWork.inTransaction(() -> {
            Optional<OidcLink> locked = links.findForUpdate(seen.issuer(), seen.subject());
            Instant now = clock.instant();
            if (locked.isEmpty()) {
                return Result.err(new NoProviderToken.Unrefreshable(provider.displayName()));
            }
            OidcLink link = locked.get();
            if (!link.refreshDue(now)) {
                return Result.ok(link);
            }
            Result<OidcProviderPort.Tokens, OidcProviderPort.RefreshFailure> refreshed = providers.refresh(provider,
                    link.refreshToken().orElseThrow());
            if (!refreshed.isOk()) {
                boolean stillUsable = refreshed.error() instanceof OidcProviderPort.RefreshFailure.Unreachable
                        && link.expiresAt().orElseThrow().isAfter(now);
                return stillUsable ? Result.ok(link) : Result.err(new NoProviderToken.Unrefreshable(provider.displayName()));
            }
            OidcProviderPort.Tokens t = refreshed.value();
            OidcLink next = link.refreshed(t.accessToken(), t.refreshToken(), t.expiresInSeconds().map(now::plusSeconds), now);
            links.save(next);
            return Result.ok(next);
        });
    }
}
