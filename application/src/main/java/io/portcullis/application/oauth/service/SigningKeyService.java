package io.portcullis.application.oauth.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;
import io.portcullis.application.oauth.port.in.RotateSigningKeyUseCase;
import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.SigningKey;
import io.portcullis.domain.oauth.SigningKeyRing;
import io.portcullis.domain.shared.RandomSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys shared by every replica through the database. The first key is generated at start-up, or on first
 * use (a replica that loses the race uses the winner's). Each replica re-reads the keys at most every {@link #REFRESH}, which is far
 * shorter than the activation delay, so a rotated key is known everywhere before it signs.
 */
public final class SigningKeyService implements PublishSigningKeysUseCase, RotateSigningKeyUseCase {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private final SigningKeyRepository keys;
    private final AccessTokenJwtPort jwt;
    private final Duration activationDelay;
    private final RandomSource random;
    private final Clock clock;
    private final AuditTrail audit;
    private volatile SigningKeyRing ring;
    private volatile Instant loadedAt = Instant.MIN;

    public SigningKeyService(SigningKeyRepository keys, AccessTokenJwtPort jwt, Duration activationDelay,
            RandomSource random, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.keys = keys;
        this.jwt = jwt;
        this.activationDelay = activationDelay;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public List<String> publishedKeys() {
        return ring().published(clock.instant()).stream().map(SigningKey::publicJwk).toList();
    }

    /** The key that signs now. */
    SigningKey signingKey() {
        return ring().signingKey(clock.instant()).orElseGet(() -> reload().signingKey(clock.instant())
                .orElseThrow(() -> new IllegalStateException("no active signing key")));
    }

    /** A published key by id, for verification; empty for an unknown or retired {@code kid}. */
    Optional<SigningKey> verificationKey(String kid) {
        return ring().verificationKey(kid, clock.instant());
    }

    @Override
    public Rotation rotate() {
        Instant now = clock.instant();
        SigningKeyRing current = reload();
        SigningKey fresh = newKey(now, now.plus(activationDelay));
        audit.recording(() -> {
            keys.save(current.rotate(fresh, RegisteredResource.MAX_LIFETIME));
            return fresh;
        }, key -> AuditEvent.of(AuditAction.SIGNING_KEY_ROTATE, AuditActor.SYSTEM).target("signing_key", key.kid())
                .detail("activates_at=" + key.activatesAt()));
        reload();
        return new Rotation(fresh.kid(), fresh.activatesAt());
    }

    private SigningKeyRing ring() {
        SigningKeyRing r = ring;
        if (r == null || Duration.between(loadedAt, clock.instant()).compareTo(REFRESH) > 0) {
            r = reload();
        }
        return r;
    }

    private synchronized SigningKeyRing reload() {
        Instant now = clock.instant();
        SigningKeyRing loaded = new SigningKeyRing(keys.list());
        if (loaded.keys().isEmpty()) {
            keys.insertFirst(newKey(now, now));
            // this may run inside a use case's transaction that could still roll back: use the key, but read the
            // committed keys again next time instead of caching one that may never have been stored
            ring = null;
            return new SigningKeyRing(keys.list());
        }
        ring = loaded;
        loadedAt = now;
        return loaded;
    }

    private SigningKey newKey(Instant now, Instant activatesAt) {
        String kid = random.alphanumeric(16);
        AccessTokenJwtPort.KeyPair pair = jwt.generate(kid);
        return new SigningKey(kid, pair.publicJwk(), pair.privateJwk(), now, activatesAt, Optional.empty());
    }
}
