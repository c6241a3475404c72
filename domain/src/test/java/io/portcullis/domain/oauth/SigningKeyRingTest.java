package io.portcullis.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeyRingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SigningKey key(String kid, Instant created, Instant activates) {
        return new SigningKey(kid, "{\"kid\":\"" + kid + "\"}", "private-" + kid, created, activates, Optional.empty());
    }

    @Test
    void rotateThenNewKeyPublishedAtOnceButSignsOnlyAfterTheDelay() {
        SigningKeyRing ring = new SigningKeyRing(List.of(key("old", T0, T0)));
        Instant rotation = T0.plus(Duration.ofDays(3));
        SigningKey fresh = key("new", rotation, rotation.plus(Duration.ofMinutes(10)));
        SigningKeyRing next = new SigningKeyRing(merge(ring, ring.rotate(fresh, Duration.ofDays(1))));

        assertThat(next.published(rotation).stream().map(SigningKey::kid)).containsExactly("old", "new");
        assertThat(next.signingKey(rotation.plus(Duration.ofMinutes(9))).orElseThrow().kid()).isEqualTo("old");
        assertThat(next.signingKey(rotation.plus(Duration.ofMinutes(10))).orElseThrow().kid()).isEqualTo("new");
    }

    @Test
    void rotateThenOldKeyVerifiesUntilItsLastTokenExpiresAndNotAfter() {
        SigningKeyRing ring = new SigningKeyRing(List.of(key("old", T0, T0)));
        SigningKey fresh = key("new", T0, T0.plus(Duration.ofMinutes(10)));
        SigningKeyRing next = new SigningKeyRing(merge(ring, ring.rotate(fresh, Duration.ofDays(1))));
        // a token signed by "old" just before the handover lives at most a day
        Instant lastExpiry = T0.plus(Duration.ofMinutes(10)).plus(Duration.ofDays(1));
        assertThat(next.verificationKey("old", lastExpiry.minusSeconds(1))).isPresent();
        assertThat(next.verificationKey("old", lastExpiry)).isEmpty();
        assertThat(next.published(lastExpiry).stream().map(SigningKey::kid)).containsExactly("new");
    }

    @Test
    void verificationKeyWhenUnknownKidThenEmpty() {
        SigningKeyRing ring = new SigningKeyRing(List.of(key("a", T0, T0)));
        assertThat(ring.verificationKey("b", T0)).isEmpty();
        assertThat(ring.verificationKey("a", T0)).isPresent();
    }

    @Test
    void rotateTwiceThenAlreadyRetiringKeysKeepTheirEarlierRetirement() {
        SigningKeyRing ring = new SigningKeyRing(List.of(key("k1", T0, T0)));
        ring = new SigningKeyRing(merge(ring, ring.rotate(key("k2", T0, T0.plusSeconds(600)), Duration.ofDays(1))));
        Instant k1Retires = ring.keys().stream().filter(k -> k.kid().equals("k1")).findFirst().orElseThrow().retiresAt()
                .orElseThrow();
        Instant later = T0.plus(Duration.ofHours(2));
        List<SigningKey> changed = ring.rotate(key("k3", later, later.plusSeconds(600)), Duration.ofDays(1));
        assertThat(changed.stream().map(SigningKey::kid)).containsExactly("k2", "k3");
        assertThat(k1Retires).isEqualTo(T0.plusSeconds(600).plus(Duration.ofDays(1)));
    }

    private static List<SigningKey> merge(SigningKeyRing ring, List<SigningKey> changed) {
        java.util.Map<String, SigningKey> byKid = new java.util.LinkedHashMap<>();
        ring.keys().forEach(k -> byKid.put(k.kid(), k));
        changed.forEach(k -> byKid.put(k.kid(), k));
        return List.copyOf(byKid.values());
    }
}
