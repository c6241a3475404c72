package io.portcullis.domain.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All stored signing keys and the rotation rule (PRODUCT §7): the key that signs is the newest activated one; a new
 * key is published at once and signs after the activation delay; the keys it replaces stay published until the last
 * token they can have signed has expired.
 */
public record SigningKeyRing(List<SigningKey> keys) {
    public SigningKeyRing {
        keys = List.copyOf(keys);
    }

    /** The key that signs at {@code now}: the newest activated, unretired key. */
    public Optional<SigningKey> signingKey(Instant now) {
        return keys.stream().filter(k -> k.isActiveAt(now))
                .max(Comparator.comparing(SigningKey::activatesAt).thenComparing(SigningKey::kid));
    }

    /** What the JWKS shows at {@code now}. */
    public List<SigningKey> published(Instant now) {
        return keys.stream().filter(k -> k.isPublishedAt(now)).sorted(Comparator.comparing(SigningKey::createdAt)).toList();
    }

    /** A published key by its id, for verifying a token; an unknown or retired {@code kid} finds nothing. */
    public Optional<SigningKey> verificationKey(String kid, Instant now) {
        return keys.stream().filter(k -> k.kid().equals(kid) && k.isPublishedAt(now)).findFirst();
    }

    /**
     * Adds {@code fresh} as signing from {@code now + delay}; every key now published but not retiring is set to
     * retire when its last possible token expires ({@code fresh} activation + {@code maxTokenLifetime}).
     * Returns the keys whose retirement changed, then the new key, for the store to save.
     */
    public List<SigningKey> rotate(SigningKey fresh, Duration maxTokenLifetime) {
        Instant handover = fresh.activatesAt();
        List<SigningKey> changed = new ArrayList<>();
        for (SigningKey k : keys) {
            if (k.retiresAt().isEmpty()) {
                changed.add(k.retiringAt(handover.plus(maxTokenLifetime)));
            }
        }
        changed.add(fresh);
        return changed;
    }
}
