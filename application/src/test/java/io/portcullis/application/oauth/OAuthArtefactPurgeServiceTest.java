package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase.OAuthPurgeCounts;
import io.portcullis.application.oauth.service.OAuthArtefactPurgeService;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthArtefactPurgeServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResourceUri RESOURCE = ResourceUri.parse("https://auth.example/mcp");
    private final SeededRandom random = new SeededRandom(11);
    private final UUID alice = UUID.randomUUID();
    private InMemoryOAuthStore store;
    private OAuthArtefactPurgeService purge;
    private OAuthClient managed;
    private OAuthClient unusedSelfRegistered;
    private AuthorizationCode code;
    private Grant deadGrant;
    private Grant liveGrant;
    private RefreshToken expiredToken;
    private RefreshToken rotatedLiveToken;

    @BeforeEach
    void setUp() {
        store = new InMemoryOAuthStore(new InMemoryApiKeyRepository(new InMemoryUserRepository()));
        purge = new OAuthArtefactPurgeService(store.codes, store.refreshTokens, store.grants, store.clients);
        managed = OAuthRepositoriesContract.client(UUID.randomUUID(), null, false);
        unusedSelfRegistered = OAuthRepositoriesContract.client(UUID.randomUUID(), null, true);
        store.clients.insert(managed);
        store.clients.insert(unusedSelfRegistered);
        PrefixedSecret c = PrefixedSecret.mint(random);
        code = new AuthorizationCode(c.prefix(), c.digest(), managed.id(), alice, Optional.of("https://app.example/cb"),
                PkceChallenge.s256Of("v".repeat(43)), ScopeSet.of(List.of("user:read")), RESOURCE, true, T0,
                T0.plus(Duration.ofMinutes(10)), Optional.empty());
        store.codes.insert(code);
        deadGrant = new Grant(UUID.randomUUID(), managed.id(), alice, ScopeSet.of(List.of("user:read")), RESOURCE,
                "deadgrant1", T0);
        liveGrant = new Grant(UUID.randomUUID(), managed.id(), alice, ScopeSet.of(List.of("user:read")), RESOURCE,
                "livegrant1", T0);
        store.grants.insert(deadGrant);
        store.grants.insert(liveGrant);
        PrefixedSecret old = PrefixedSecret.mint(random);
        expiredToken = new RefreshToken(old.prefix(), old.digest(), deadGrant.id(), T0, T0.plusSeconds(60), Optional.empty());
        store.refreshTokens.insert(expiredToken);
        PrefixedSecret live = PrefixedSecret.mint(random);
        rotatedLiveToken = new RefreshToken(live.prefix(), live.digest(), liveGrant.id(), T0, T0.plus(Duration.ofDays(30)),
                Optional.of(T0));
        store.refreshTokens.insert(rotatedLiveToken);
    }

    @Test
    void purgeStaleArtefactsWhenExpiredLessThanADayAgoThenNothingGoes() {
        assertThat(purge.purgeStaleArtefacts(T0.plus(Duration.ofDays(1)))).isEqualTo(new OAuthPurgeCounts(0, 0, 0, 0));
        assertThat(store.codes.findByPrefix(code.prefix())).isPresent();
        assertThat(store.refreshTokens.findByPrefix(expiredToken.prefix())).isPresent();
        assertThat(store.grants.findById(deadGrant.id())).isPresent();
        assertThat(store.clients.findById(unusedSelfRegistered.id())).isPresent();
    }

    @Test
    void purgeStaleArtefactsWhenExpiredMoreThanADayAgoThenCodesTokensAndExhaustedGrantsGo() {
        assertThat(purge.purgeStaleArtefacts(T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(11))))
                .isEqualTo(new OAuthPurgeCounts(1, 1, 1, 0));
        assertThat(store.codes.findByPrefix(code.prefix())).isEmpty();
        assertThat(store.refreshTokens.findByPrefix(expiredToken.prefix())).isEmpty();
        assertThat(store.grants.findById(deadGrant.id())).isEmpty();
        assertThat(store.refreshTokens.findByPrefix(rotatedLiveToken.prefix())).isPresent();
        assertThat(store.grants.findById(liveGrant.id())).isPresent();
        assertThat(store.clients.findById(unusedSelfRegistered.id())).isPresent();
    }

    @Test
    void purgeStaleArtefactsWhenSelfRegisteredClientUnusedForThirtyDaysThenOnlyItGoes() {
        assertThat(purge.purgeStaleArtefacts(T0.plus(Duration.ofDays(30)))).isEqualTo(new OAuthPurgeCounts(1, 1, 1, 0));
        assertThat(purge.purgeStaleArtefacts(T0.plus(Duration.ofDays(31)))).isEqualTo(new OAuthPurgeCounts(0, 0, 0, 1));
        assertThat(store.clients.findById(unusedSelfRegistered.id())).isEmpty();
        assertThat(store.clients.findById(managed.id())).isPresent();
        assertThat(store.refreshTokens.findByPrefix(rotatedLiveToken.prefix())).isPresent();
        assertThat(store.grants.findById(liveGrant.id())).isPresent();
    }
}
