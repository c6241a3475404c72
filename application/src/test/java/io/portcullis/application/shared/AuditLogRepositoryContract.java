package io.portcullis.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditFilter;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLogRepository} must do; run against the in-memory adapter and PostgreSQL. */
public abstract class AuditLogRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    protected static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    protected static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    protected AuditLogRepository log;

    protected abstract AuditLogRepository newLog();

    @BeforeEach
    void setUpLog() {
        log = newLog();
    }

    protected static AuditEntry entry(int n, Instant time, AuditEvent event) {
        return new AuditEntry(UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n)), time, event);
    }

    private static AuditEvent login(UUID user) {
        return AuditEvent.of(AuditAction.LOGIN_SUCCESS, AuditActor.user(user, new ClientAddress("198.51.100.7")))
                .target("user", user);
    }

    private static AuditFilter filter(Optional<AuditAction> action, Optional<UUID> user, Optional<Instant> since,
            Optional<Instant> until, int limit, Optional<UUID> after) {
        return new AuditFilter(action, user, since, until, limit, after);
    }

    @Test
    void appendWhenReadBackThenEveryFieldKept() {
        AuditEntry full = entry(1, T0, AuditEvent.of(AuditAction.OAUTH2_TOKEN_ISSUE,
                new AuditActor(Optional.of(ALICE), Optional.of("client-1"), Optional.of(new ClientAddress("2001:db8:0:0:0:0:0:1"))))
                .target("oauth2_grant", "g-1").detail("grant_type=refresh_token").failed());
        AuditEntry bare = entry(2, T0.plusSeconds(1), AuditEvent.of(AuditAction.KEYS_REENCRYPT, AuditActor.SYSTEM));
        log.append(full);
        log.append(bare);
        assertThat(log.find(AuditFilter.latest())).containsExactly(bare, full);
    }

    @Test
    void findWhenFilteredThenOnlyMatchingEntriesNewestFirst() {
        AuditEntry a1 = entry(1, T0, login(ALICE));
        AuditEntry b1 = entry(2, T0.plusSeconds(10), login(BOB));
        AuditEntry a2 = entry(3, T0.plusSeconds(20), AuditEvent.of(AuditAction.API_KEY_CREATE,
                AuditActor.user(ALICE, null)).target("api_key", "k1"));
        AuditEntry targetBob = entry(4, T0.plusSeconds(30), AuditEvent.of(AuditAction.USER_SUSPEND,
                AuditActor.user(ALICE, null)).target("user", BOB));
        List.of(a1, b1, a2, targetBob).forEach(log::append);
        assertThat(log.find(filter(Optional.of(AuditAction.LOGIN_SUCCESS), Optional.empty(), Optional.empty(),
                Optional.empty(), 50, Optional.empty()))).containsExactly(b1, a1);
        assertThat(log.find(filter(Optional.empty(), Optional.of(ALICE), Optional.empty(), Optional.empty(), 50,
                Optional.empty()))).containsExactly(targetBob, a2, a1);
        assertThat(log.find(filter(Optional.empty(), Optional.of(BOB), Optional.empty(), Optional.empty(), 50,
                Optional.empty()))).as("as actor or as the user acted on").containsExactly(targetBob, b1);
        assertThat(log.find(filter(Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(10)),
                Optional.of(T0.plusSeconds(30)), 50, Optional.empty()))).as("since inclusive, until exclusive")
                .containsExactly(a2, b1);
    }

    @Test
    void findWhenPagedWithAfterThenEveryEntryOnceInOrder() {
        // two entries in the same instant: the id breaks the tie
        AuditEntry e1 = entry(1, T0, login(ALICE));
        AuditEntry e2 = entry(2, T0.plusSeconds(1), login(ALICE));
        AuditEntry e3 = entry(3, T0.plusSeconds(1), login(BOB));
        AuditEntry e4 = entry(4, T0.plusSeconds(2), login(ALICE));
        AuditEntry e5 = entry(5, T0.plusSeconds(3), login(BOB));
        List.of(e3, e1, e5, e2, e4).forEach(log::append);
        List<AuditEntry> page1 = log.find(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                2, Optional.empty()));
        List<AuditEntry> page2 = log.find(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                2, Optional.of(page1.get(1).id())));
        List<AuditEntry> page3 = log.find(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                2, Optional.of(page2.get(1).id())));
        assertThat(page1).containsExactly(e5, e4);
        assertThat(page2).containsExactly(e3, e2);
        assertThat(page3).containsExactly(e1);
        assertThat(log.find(filter(Optional.of(AuditAction.LOGIN_SUCCESS), Optional.of(ALICE), Optional.empty(),
                Optional.empty(), 1, Optional.of(e4.id())))).as("after combines with filters").containsExactly(e2);
        assertThat(log.find(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 2,
                Optional.of(UUID.fromString("00000000-0000-4000-8000-000000000099"))))).as("unknown after").isEmpty();
    }

    @Test
    void deleteBeforeWhenCutoffThenOlderEntriesGone() {
        AuditEntry old = entry(1, T0, login(ALICE));
        AuditEntry kept = entry(2, T0.plusSeconds(60), login(ALICE));
        log.append(old);
        log.append(kept);
        assertThat(log.deleteBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(log.find(AuditFilter.latest())).containsExactly(kept);
    }
}
