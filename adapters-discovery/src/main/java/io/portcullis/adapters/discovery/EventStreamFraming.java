package io.portcullis.adapters.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a {@code text/event-stream} body into whole events as its bytes arrive: an event ends at an empty line,
 * lines end at CRLF, LF or CR (WHATWG HTML, server-sent events). Each event is returned with its terminating
 * blank line, bytes unchanged, so the stream relayed is the stream received. An event longer than the limit is
 * refused: the gateway caps messages, not streams.
 */
final class EventStreamFraming {
    private final int maxEventBytes;
    private byte[] buffer = new byte[8192];
    private int length;
    private int scanned;
    private int lineLength;

    EventStreamFraming(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** The events {@code chunk} completes, in order; throws when the unfinished event outgrows the limit. */
    List<byte[]> feed(byte[] chunk) throws TooLargeException {
        if (length + chunk.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, buffer, length, chunk.length);
        length += chunk.length;
        List<byte[]> events = new ArrayList<>();
        int start = 0;
        int i = scanned;
        while (i < length) {
            byte b = buffer[i];
            int lineEnd;
            if (b == '\n') {
                lineEnd = i + 1;
            } else if (b == '\r') {
                if (i + 1 == length && lineLength > 0) {
                    break; // CR or CRLF: known with the next byte
                }
                // a CR ending a blank line ends the event now; an LF after it is passed on with what follows
                lineEnd = i + 1 < length && buffer[i + 1] == '\n' ? i + 2 : i + 1;
            } else {
                lineLength++;
                i++;
                continue;
            }
            if (lineLength == 0) {
                events.add(Arrays.copyOfRange(buffer, start, lineEnd));
                start = lineEnd;
            }
            lineLength = 0;
            i = lineEnd;
        }
        System.arraycopy(buffer, start, buffer, 0, length - start);
        length -= start;
        scanned = i - start;
        if (length > maxEventBytes) {
            throw new TooLargeException(maxEventBytes);
        }
        return events;
    }

    /** What is left when the stream ends: an event without its closing blank line, or nothing. */
    byte[] rest() {
        return Arrays.copyOf(buffer, length);
    }

    /** One message (event, or a JSON answer) is larger than the gateway relays. */
    static final class TooLargeException extends Exception {
        TooLargeException(int max) {
            super("an MCP message larger than " + max + " bytes");
        }
    }
}
