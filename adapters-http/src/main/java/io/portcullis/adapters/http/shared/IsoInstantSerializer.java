package io.portcullis.adapters.http.shared;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Every {@link Instant} in a JSON answer, written as micronaut-serde writes it ({@link DateTimeFormatter#ISO_INSTANT}:
 * {@code 2026-12-05T02:37:52.123Z}, the fraction in zero, three, six or nine digits) but by plain arithmetic:
 * {@code DateTimeFormatter.format} was a twentieth of {@code GET /users/me}, which carries two. Years outside
 * 0000–9999, which ISO_INSTANT writes with a sign, go to the formatter.
 */
@Singleton
@Primary
public final class IsoInstantSerializer implements Serializer<Instant> {
    private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;
    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Instant> type, Instant value)
            throws IOException {
        encoder.encodeString(format(value));
    }

    /** {@code value} as {@link DateTimeFormatter#ISO_INSTANT} formats it. */
    public static String format(Instant value) {
        long seconds = value.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return DateTimeFormatter.ISO_INSTANT.format(value);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int ofDay = (int) Math.floorMod(seconds, 86_400L);
        int nanos = value.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        int year = date.getYear();
        put(out, 0, year / 100, 2);
        put(out, 2, year % 100, 2);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, ofDay / 3600, 2);
        out[13] = ':';
        put(out, 14, ofDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, ofDay % 60, 2);
        if (fraction != 0) {
            out[19] = '.';
            put(out, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** {@code value} (not negative) in exactly {@code width} digits from {@code at}, zeros first. */
    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
