package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamFramingTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> feed(EventStreamFraming framing, String... chunks) throws Exception {
        List<String> events = new ArrayList<>();
        for (String chunk : chunks) {
            framing.feed(b(chunk)).forEach(e -> events.add(new String(e, StandardCharsets.UTF_8)));
        }
        return events;
    }

    @Test
    void feedWhenEventsSplitAnywhereThenWholeEventsUnchanged() throws Exception {
        EventStreamFraming framing = new EventStreamFraming(1024);
        assertThat(feed(framing, "id: 1\nda", "ta: {\"a\":1}\n", "\nid: 2\ndata: x\n\nda")).containsExactly(
                "id: 1\ndata: {\"a\":1}\n\n", "id: 2\ndata: x\n\n");
        assertThat(new String(framing.rest(), StandardCharsets.UTF_8)).isEqualTo("da");
    }

    @Test
    void feedWhenCrlfOrCrLineEndsThenBlankLineEndsTheEvent() throws Exception {
        assertThat(feed(new EventStreamFraming(1024), "data: a\r\n\r", "\ndata: b\r\r", "data: c\r", "\r")).containsExactly(
                "data: a\r\n\r", "\n", "data: b\r\r", "data: c\r\r");
    }

    @Test
    void feedWhenOneEventOutgrowsTheLimitThenRefusedButLongStreamsAreNot() throws Exception {
        EventStreamFraming framing = new EventStreamFraming(16);
        for (int i = 0; i < 100; i++) {
            assertThat(framing.feed(b("data: 1234\n\n"))).hasSize(1);
        }
        assertThatThrownBy(() -> framing.feed(b("data: 12345678901234567890"))).isInstanceOf(EventStreamFraming.TooLargeException.class);
    }
}
