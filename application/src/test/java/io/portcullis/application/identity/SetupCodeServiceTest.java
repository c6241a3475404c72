package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.SetupCodeUseCase.Preparation;
import io.portcullis.application.identity.port.out.SetupCodeRepository;
import io.portcullis.application.identity.service.SetupCodeService;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SetupCodeServiceTest {
    private final MutableClock clock = MutableClock.startingAt("2026-05-01T00:00:00Z");
    private final StoredCode store = new StoredCode();
    private final AtomicBoolean userExists = new AtomicBoolean();
    private final CreateFirstUserUseCase users = new CreateFirstUserUseCase() {
        @Override
        public boolean firstUserExists() {
            return userExists.get();
        }

        @Override
        public Result<User, IdentityError> createFirst(CreateUserCommand command,
                io.portcullis.domain.shared.ClientAddress from) {
            throw new UnsupportedOperationException();
        }
    };

    /** The one-row table: what the PostgreSQL adapter does with ON CONFLICT. */
    static final class StoredCode implements SetupCodeRepository {
        private SecretDigest digest;

        @Override
        public synchronized boolean insertIfAbsent(SecretDigest d, Instant createdAt) {
            if (digest != null) {
                return false;
            }
            digest = d;
            return true;
        }

        @Override
        public synchronized void replace(SecretDigest d, Instant createdAt) {
            digest = d;
        }

        @Override
        public synchronized Optional<SecretDigest> find() {
            return Optional.ofNullable(digest);
        }
    }

    private SetupCodeService replica(long seed, boolean shared) {
        return new SetupCodeService(Optional.empty(), shared, store, users, new SeededRandom(seed), clock);
    }

    @Test
    void prepareWhenTwoReplicasShareTheDatabaseThenTheFirstGeneratesAndBothAcceptItsCode() {
        Preparation first = replica(1, true).prepare();
        Preparation second = replica(2, true).prepare();
        assertThat(first).isInstanceOf(Preparation.Generated.class);
        assertThat(second).isInstanceOf(Preparation.GeneratedElsewhere.class);
        String code = ((Preparation.Generated) first).code();
        assertThat(code).matches("[A-HJ-NP-Z2-9]{5}(-[A-HJ-NP-Z2-9]{5}){3}");
        assertThat(store.find()).contains(SecretDigest.of(code));
        assertThat(replica(3, true).matches(code)).isTrue();
        assertThat(replica(3, true).matches(" " + code + " ")).isTrue();
        assertThat(replica(3, true).matches(code.replace(code.charAt(0), code.charAt(0) == 'A' ? 'B' : 'A'))).isFalse();
        assertThat(replica(3, true).matches(null)).isFalse();
        assertThat(first.toString()).doesNotContain(code);
    }

    @Test
    void matchesWhenFirstUserExistsThenTheCodeNoLongerWorks() {
        String code = ((Preparation.Generated) replica(1, true).prepare()).code();
        userExists.set(true);
        assertThat(replica(2, true).matches(code)).isFalse();
        assertThat(replica(2, true).prepare()).isInstanceOf(Preparation.NotNeeded.class);
    }

    @Test
    void prepareWhenDatabaseOnlyOursThenEachStartPrintsAFreshCodeAndTheOldOneStops() {
        String before = ((Preparation.Generated) replica(1, false).prepare()).code();
        String after = ((Preparation.Generated) replica(2, false).prepare()).code();
        assertThat(after).isNotEqualTo(before);
        assertThat(replica(3, false).matches(after)).isTrue();
        assertThat(replica(3, false).matches(before)).isFalse();
    }

    @Test
    void prepareWhenConfiguredThenThatCodeAndNothingStored() {
        SetupCodeService configured = new SetupCodeService(Optional.of("chosen-code"), true, store, users,
                new SeededRandom(1), clock);
        assertThat(configured.prepare()).isInstanceOf(Preparation.Configured.class);
        assertThat(store.find()).isEmpty();
        assertThat(configured.matches("chosen-code")).isTrue();
        assertThat(configured.matches("chosen-codf")).isFalse();
    }
}
