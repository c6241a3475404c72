package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.service.ApiKeyPurgeService;
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
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyPurgeServiceTest {
    @Test
    void purgeExpiredApiKeysWhenKeysExpiredLessOrMoreThanAWeekAgoThenOnlyOlderGo() {
        MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
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
        ApiKeyPurgeService purge = new ApiKeyPurgeService(keys);
        assertThat(purge.purgeExpiredApiKeys(clock.instant())).isEqualTo(1);
        assertThat(keys.findById(old.key().id())).isEmpty();
        assertThat(keys.findById(recent.key().id())).isPresent();
    }

    @Test
    void purgeExpiredApiKeysWhenKeyExpiredExactlyAWeekAgoThenItStays() {
        MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
        User alice = Fixtures.user("alice", Role.MEMBER, clock.instant());
        users.insert(alice);
        IssuedApiKey key = new ApiKeyFactory(new SeededRandom(5)).mint(alice.id(), LoginType.TOKEN, clock.instant(),
                Duration.ofHours(1), "edge", ScopeSet.ALL, AllowList.ANY, Optional.empty());
        keys.insert(key.key());
        clock.advance(Duration.ofHours(1).plus(Duration.ofDays(7)));
        ApiKeyPurgeService purge = new ApiKeyPurgeService(keys);
        assertThat(purge.purgeExpiredApiKeys(clock.instant())).isZero();
        assertThat(purge.purgeExpiredApiKeys(clock.instant().plusSeconds(1))).isEqualTo(1);
        assertThat(keys.findById(key.key().id())).isEmpty();
    }
}
