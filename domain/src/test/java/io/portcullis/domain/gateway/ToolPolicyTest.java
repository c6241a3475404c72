package io.portcullis.domain.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolPolicyTest {
    @Test
    void toolPolicyWhenDenyOrAllowListThenCallsAndListingsFiltered() {
        ToolPolicy policy = new ToolPolicy(List.of("ls", "cat"), List.of("rm"));
        assertThat(policy.refusal(List.of("ls", "cat"))).isEmpty();
        assertThat(policy.refusal(List.of("ls", "rm"))).get().extracting(GatewayError::message).asString().contains("denied");
        assertThat(policy.refusal(List.of("curl"))).get().extracting(GatewayError::message).asString().contains("allow list");
        assertThat(policy.allows("rm")).isFalse();
        assertThat(new ToolPolicy(List.of(), List.of()).allows("anything")).isTrue();
    }

    @Test
    void toolsCalledWhenBatchThenEveryToolsCallNamedAndListingSeen() {
        List<JsonRpcCall> calls = List.of(JsonRpcCall.of("tools/call", "ls"), JsonRpcCall.of("tools/call", null),
                JsonRpcCall.of("ping", null), new JsonRpcCall(Optional.empty(), Optional.empty()));
        assertThat(JsonRpcCall.toolsCalled(calls)).containsExactly("ls", "");
        assertThat(JsonRpcCall.anyListsTools(calls)).isFalse();
        assertThat(JsonRpcCall.anyListsTools(List.of(JsonRpcCall.of("tools/list", null)))).isTrue();
    }
}
