package io.portcullis.application.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.gateway.service.AdmittingRelay;
import io.portcullis.application.gateway.service.GatewayAdmission;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.GatewayLimits;
import io.portcullis.domain.gateway.UnreadBody;
import io.portcullis.domain.gateway.WholeBody;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gateway's limits on an in-memory shared store: leased rate budgets, concurrency shares, where checks run. */
class GatewayAdmissionTest {
    private final MutableClock clock = MutableClock.startingAt("2026-06-01T00:00:00Z");
    private final InMemoryGatewayBudget budgets = new InMemoryGatewayBudget();
    private final User user = Fixtures.user("ann", Role.MEMBER, clock.instant());
    private final Principal actor = new Principal(user, new ApiKeyFactory(new SeededRandom(1)).mint(user.id(), LoginType.PASSWORD,
            clock.instant(), Duration.ofHours(1), null, ScopeSet.ALL, AllowList.ANY, Optional.empty()).key());
    private final List<String> relayed = new ArrayList<>();
    private final RelayMcpRequestUseCase upstream = command -> {
        relayed.add(command.slug());
        return CompletableFuture.completedFuture(Result.ok(new RelayedAnswer(200, Map.of(), McpUpstreamPort.whole(new byte[] {1}))));
    };
    private final AtomicInteger handedOff = new AtomicInteger();
    private final Executor blocking = task -> {
        handedOff.incrementAndGet();
        task.run();
    };
    private boolean registryHolds = true;

    private AdmittingRelay relay(GatewayAdmission admission) {
        return new AdmittingRelay(upstream, admission, (slug, userId) -> registryHolds, blocking);
    }

    private static RelayMcpRequestCommand command(Principal actor, String slug, String address) {
        return new RelayMcpRequestCommand(actor, slug, "POST", Map.of(), new byte[0], Optional.of(new ClientAddress(address)));
    }

    private Result<RelayedAnswer, GatewayError> send(AdmittingRelay relay, String slug, String address) {
        return relay.relay(command(actor, slug, address)).toCompletableFuture().join();
    }

    @Test
    void relayWhenTokenRateUsedUpThen429UntilTheNextSecondAndFewLeases() {
        AdmittingRelay relay = relay(new GatewayAdmission(new GatewayLimits(16, 0, 0), budgets, "r1", clock));
        for (int i = 0; i < 16; i++) {
            assertThat(send(relay, "tools", "192.0.2.1").isOk()).isTrue();
        }
        assertThat(send(relay, "tools", "192.0.2.1").error()).isEqualTo(new GatewayError.RateLimited("token", 1));
        assertThat(budgets.leases).as("leases of an eighth of the limit, then one refused").hasValue(9);
        assertThat(send(relay, "tools", "192.0.2.1").error()).isInstanceOf(GatewayError.RateLimited.class);
        assertThat(budgets.leases).as("a used-up window is refused from memory").hasValue(9);
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(relay, "tools", "192.0.2.1").isOk()).isTrue();
    }

    @Test
    void relayWhenTwoReplicasShareTheBudgetThenTogetherNoMoreThanTheLimit() {
        AdmittingRelay one = relay(new GatewayAdmission(new GatewayLimits(0, 10, 0), budgets, "r1", clock));
        AdmittingRelay two = relay(new GatewayAdmission(new GatewayLimits(0, 10, 0), budgets, "r2", clock));
        int admitted = 0;
        for (int i = 0; i < 40; i++) {
            admitted += send(i % 2 == 0 ? one : two, "tools", "192.0.2.7").isOk() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(send(one, "tools", "192.0.2.8").isOk()).as("another address has its own budget").isTrue();
    }

    @Test
    void relayWhenBudgetAndRegistryInMemoryThenNoHandOffElseChecksMoveToTheBlockingExecutor() {
        AdmittingRelay relay = relay(new GatewayAdmission(new GatewayLimits(80, 80, 0), budgets, "r1", clock));
        send(relay, "tools", "192.0.2.1");
        assertThat(handedOff).as("the first request leases budget: off the network thread").hasValue(1);
        send(relay, "tools", "192.0.2.1");
        assertThat(handedOff).as("leased budget and cached registry: no hand-off").hasValue(1);
        registryHolds = false;
        send(relay, "tools", "192.0.2.1");
        assertThat(handedOff).hasValue(2);
        assertThat(relayed).hasSize(3);
    }

    @Test
    void relayWhenServerAtItsShareOfConcurrencyThenBusyUntilAnAnswerEnds() {
        GatewayAdmission one = new GatewayAdmission(new GatewayLimits(0, 0, 3), budgets, "r1", clock);
        GatewayAdmission two = new GatewayAdmission(new GatewayLimits(0, 0, 3), budgets, "r2", clock);
        one.heartbeat();
        two.heartbeat();
        one.heartbeat();
        AdmittingRelay relay = relay(one);
        RelayedAnswer first = send(relay, "tools", "192.0.2.1").value();
        RelayedAnswer second = send(relay, "tools", "192.0.2.1").value();
        assertThat(send(relay, "tools", "192.0.2.1").error()).as("r1's share of 3 between two replicas is 2")
                .isEqualTo(new GatewayError.ServerBusy("tools"));
        assertThat(send(relay, "other", "192.0.2.1").isOk()).as("per server").isTrue();
        assertThat(one.inFlight("tools")).isEqualTo(2);
        UnreadBody.discard(first.body());
        assertThat(one.inFlight("tools")).isEqualTo(1);
        assertThat(send(relay, "tools", "192.0.2.1").isOk()).isTrue();
        two.leave();
        one.heartbeat();
        assertThat(send(relay, "tools", "192.0.2.1").isOk()).as("alone again: the whole limit").isTrue();
        assertThat(second).isNotNull();
    }

    @Test
    void relayWhenAnswerArrivedWholeThenItsPlaceIsFreedBeforeItIsRead() {
        GatewayAdmission one = new GatewayAdmission(new GatewayLimits(0, 0, 1), budgets, "r1", clock);
        AdmittingRelay relay = new AdmittingRelay(command -> CompletableFuture.completedFuture(Result.ok(
                new RelayedAnswer(200, Map.of(), new WholeBody(new byte[] {1})))), one, (slug, userId) -> true, blocking);
        RelayedAnswer answer = send(relay, "tools", "192.0.2.1").value();
        assertThat(answer.body()).as("passed on as it is, to be sent with its length").isInstanceOf(WholeBody.class);
        assertThat(one.inFlight("tools")).as("the upstream exchange is over").isZero();
        assertThat(send(relay, "tools", "192.0.2.1").isOk()).isTrue();
    }

    @Test
    void limitsWhenNegativeThenRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GatewayLimits(0, -1, 0))
                .hasMessageContaining("must be 0 (off) or more");
        assertThat(GatewayLimits.share(5, 2, 0) + GatewayLimits.share(5, 2, 1)).isEqualTo(5);
        assertThat(GatewayLimits.share(1, 3, 2)).isZero();
    }
}
