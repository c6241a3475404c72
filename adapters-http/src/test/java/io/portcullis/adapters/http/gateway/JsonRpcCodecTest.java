package io.portcullis.adapters.http.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.gateway.JsonRpcCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading what the tool policy needs from JSON-RPC bodies, with a streaming parser that builds nothing else. */
class JsonRpcCodecTest {
    private final JsonRpcCodec codec = new JsonRpcCodec(null); // reading needs no mapper

    private Optional<List<JsonRpcCall>> read(String body) {
        return codec.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readWhenCallAmongOtherFieldsThenMethodAndToolNameOnly() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":7,\"params\":{\"arguments\":{\"name\":\"inner\",\"deep\":[1,{\"a\":2}]},"
                + "\"name\":\"rm\",\"_meta\":{\"progressToken\":1}},\"method\":\"tools/call\"}"))
                .contains(List.of(JsonRpcCall.of("tools/call", "rm")));
    }

    @Test
    void readWhenBatchThenEveryMessageAndNonObjectsAsNothing() {
        assertThat(read("[{\"method\":\"tools/list\"},7,{\"method\":\"tools/call\",\"params\":{\"name\":5}},"
                + "{\"method\":3,\"params\":[\"x\"]}]"))
                .contains(List.of(JsonRpcCall.of("tools/list", null), JsonRpcCall.of(null, null), JsonRpcCall.of("tools/call", null),
                        JsonRpcCall.of(null, null)));
        assertThat(read("")).contains(List.of());
    }

    @Test
    void readWhenNotJsonOrTruncatedOrTrailingGarbageThenEmpty() {
        assertThat(read("{not json")).isEmpty();
        assertThat(read("{\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"")).isEmpty();
        assertThat(read("[{\"method\":\"ping\"}")).isEmpty();
        assertThat(read("{\"method\":\"ping\"} {\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"}}"))
                .as("a second message the policy would not see").isEmpty();
        assertThat(read("null")).isEmpty();
    }
}
