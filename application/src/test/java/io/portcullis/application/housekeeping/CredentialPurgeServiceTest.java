package io.portcullis.application.housekeeping;

import io.portcullis.application.registry.InMemoryRegistryStore;
import io.portcullis.application.registry.service.ConnectStatePurgeService;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.shared.SecretDigest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.oauth.InMemoryOAuthStore;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.application.shared.InMemoryAuditLog;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.application.housekeeping.port.in.PurgeExpiredCredentialsUseCase.PurgeReport;
import io.portcullis.application.housekeeping.service.CredentialPurgeService;
import io.portcullis.application.identity.service.ApiKeyPurgeService;
import io.portcullis.application.oauth.service.OAuthArtefactPurgeService;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase.OAuthPurgeCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialPurgeServiceTest {
    @Test
    void purgeWhenKeysExpiredLessOrMoreThanAWeekAgoThenOnlyOlderGo() {
        MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
        InMemoryOAuthStore store = new InMemoryOAuthStore(keys);
        User alice = Fixtures.user("alice", Role.MEMBER, clock.instant());
        users.insert(alice);
        ApiKeyFactory factory = new ApiKeyFactory(new SeededRandom(3));
        IssuedApiKey old = factory.mint(alice.id(), LoginType.TOKEN, clock.instant(), Duration.ofHours(1), "old", ScopeSet.ALL,
                AllowList.ANY, Optional.empty());
        keys.insert(old.key());
        clock.advance(Duration.ofDays(2));
        IssuedApiKey recent = factory.mint(alice.id(), LoginType.TOKEN, clock.instant(), Duration.ofHours(1), "recent",
                ScopeSet.ALL, AllowList.ANY, Optional.empty());
        keys.insert(recent.key());
        clock.advance(Duration.ofDays(6));
        CredentialPurgeService purge = new CredentialPurgeService(new ApiKeyPurgeService(keys),
                new OAuthArtefactPurgeService(store.codes, store.refreshTokens, store.grants, store.clients),
                now -> 0, new InMemoryAttemptCounters(), clock, new InMemoryAuditLog(), Duration.ofDays(90));
        assertThat(purge.purge()).isEqualTo(new PurgeReport(1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(keys.findById(old.key().id())).isEmpty();
        assertThat(keys.findById(recent.key().id())).isPresent();
    }

    @Test
    void purgeWhenRunThenKeysThenOAuthArtefactsArePurgedAtOneInstantAndCountsCombined() {
        MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
        List<String> calls = new ArrayList<>();
        InMemoryAttemptCounters counters = new InMemoryAttemptCounters();
        counters.count("login-address", "198.51.100.1", Duration.ofMinutes(15), clock.instant().minus(Duration.ofHours(1)));
        counters.count("login-address", "198.51.100.2", Duration.ofMinutes(15), clock.instant());
        CredentialPurgeService purge = new CredentialPurgeService(now -> {
            calls.add("keys@" + now);
            return 2;
        }, now -> {
            calls.add("oauth@" + now);
            return new OAuthPurgeCounts(3, 4, 5, 6);
        }, now -> {
            calls.add("states@" + now);
            return 7;
        }, counters, clock, new InMemoryAuditLog(), Duration.ofDays(90));
        assertThat(purge.purge()).isEqualTo(new PurgeReport(2, 3, 4, 5, 6, 7, 1, 0));
        assertThat(calls).containsExactly("keys@2026-03-01T12:00:00Z", "oauth@2026-03-01T12:00:00Z",
                "states@2026-03-01T12:00:00Z");
    }

    @Test
    void purgeWhenConnectStatesExpiredThenTheyGoAndLiveOnesStay() {
        MutableClock clock = MutableClock.startingAt("2026-04-01T00:00:00Z");
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
        InMemoryOAuthStore store = new InMemoryOAuthStore(keys);
        InMemoryRegistryStore registry = new InMemoryRegistryStore();
        UUID server = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID user = UUID.fromString("00000000-0000-4000-8000-000000000002");
        registry.states.insert(new UpstreamAuthState(SecretDigest.of("abandoned"), server, user, "v".repeat(64),
                clock.instant().plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(11));
        registry.states.insert(new UpstreamAuthState(SecretDigest.of("pending"), server, user, "v".repeat(64),
                clock.instant().plus(Duration.ofMinutes(10))));
        CredentialPurgeService purge = new CredentialPurgeService(new ApiKeyPurgeService(keys),
                new OAuthArtefactPurgeService(store.codes, store.refreshTokens, store.grants, store.clients),
                new ConnectStatePurgeService(registry.states), new InMemoryAttemptCounters(), clock,
                new InMemoryAuditLog(), Duration.ofDays(90));
        assertThat(purge.purge().connectStates()).isEqualTo(1);
        assertThat(registry.states.take(SecretDigest.of("abandoned"))).isEmpty();
        assertThat(registry.states.take(SecretDigest.of("pending"))).isPresent();
    }

    @Test
    void purgeWhenAuditEntriesOlderThanRetentionThenOnlyThoseGo() {
        MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        InMemoryAuditLog log = new InMemoryAuditLog();
        AuditTrail audit = new AuditTrail(log, clock, new SeededRandom(4));
        AuditEntry old = audit.record(AuditEvent.of(AuditAction.KEYS_REENCRYPT, AuditActor.SYSTEM));
        clock.advance(Duration.ofDays(60));
        AuditEntry recent = audit.record(AuditEvent.of(AuditAction.SIGNING_KEY_ROTATE, AuditActor.SYSTEM));
        clock.advance(Duration.ofDays(31));
        CredentialPurgeService purge = new CredentialPurgeService(now -> 0, now -> new OAuthPurgeCounts(0, 0, 0, 0),
                now -> 0, new InMemoryAttemptCounters(), clock, log, Duration.ofDays(90));
        assertThat(purge.purge().auditEntries()).isEqualTo(1);
        assertThat(log.all()).containsExactly(recent).doesNotContain(old);
    }
}
