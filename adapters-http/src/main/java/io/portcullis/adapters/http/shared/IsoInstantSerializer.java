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
        int year = date.getYear();
        int ofDay = (int) Math.floorMod(seconds, 86_400L);
        int nanos = value.getNano();
        StringBuilder out = new StringBuilder(30);
        digits(out, year, 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, ofDay / 3600, 2).append(':');
        digits(out, ofDay / 60 % 60, 2).append(':');
        digits(out, ofDay % 60, 2);
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    /** {@code value} (not negative) in exactly {@code width} digits, zeros first. */
    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
