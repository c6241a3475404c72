package io.portcullis.application.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link GatewayBudgetPort} must do; run against the in-memory store and PostgreSQL. */
public abstract class GatewayBudgetContract {
    protected GatewayBudgetPort budgets;

    protected abstract GatewayBudgetPort newBudgets();

    @BeforeEach
    void create() {
        budgets = newBudgets();
    }

    @Test
    void leaseWhenLeasesReachTheLimitThenCutThenNothingUntilTheNextWindow() {
        assertThat(budgets.lease("b", "k", 100, 4, 10)).isEqualTo(4);
        assertThat(budgets.lease("b", "k", 100, 4, 10)).isEqualTo(4);
        assertThat(budgets.lease("b", "k", 100, 4, 10)).as("cut to what is left").isEqualTo(2);
        assertThat(budgets.lease("b", "k", 100, 4, 10)).isZero();
        assertThat(budgets.lease("b", "other", 100, 4, 10)).as("per key").isEqualTo(4);
        assertThat(budgets.lease("other", "k", 100, 4, 10)).as("per bucket").isEqualTo(4);
        assertThat(budgets.lease("b", "k", 101, 4, 10)).as("a new window starts over").isEqualTo(4);
        assertThat(budgets.lease("b", "k", 100, 4, 10)).as("a late replica counts in the current window").isEqualTo(4);
        assertThat(budgets.lease("b", "k", 101, 20, 10)).as("never more than the limit").isEqualTo(2);
    }

    @Test
    void heartbeatWhenReplicasJoinAndLeaveThenCountAndStableRanks() {
        assertThat(budgets.heartbeat("replica-b")).isEqualTo(new GatewayBudgetPort.Membership(1, 0));
        assertThat(budgets.heartbeat("replica-a")).isEqualTo(new GatewayBudgetPort.Membership(2, 0));
        assertThat(budgets.heartbeat("replica-b")).isEqualTo(new GatewayBudgetPort.Membership(2, 1));
        budgets.leave("replica-a");
        assertThat(budgets.heartbeat("replica-b")).isEqualTo(new GatewayBudgetPort.Membership(1, 0));
    }
}
