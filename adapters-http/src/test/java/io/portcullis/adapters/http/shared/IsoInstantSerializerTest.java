package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {
    @Test
    void formatWhenAnyInstantThenAsIsoInstantWritesIt() {
        Random random = new Random(5);
        int[] nanoKinds = {0, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // 0000-01-01 to 9999-12-31
            int unit = nanoKinds[random.nextInt(nanoKinds.length)];
            int nanos = unit == 0 ? 0 : random.nextInt(1_000_000_000 / unit) * unit;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstantSerializer.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void formatWhenEdgesThenAsIsoInstantWritesThem() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 999_999_999),
                Instant.parse("2026-12-05T02:37:52.120Z"), Instant.parse("2024-02-29T23:59:59.000100Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX, Instant.MIN}) {
            assertThat(IsoInstantSerializer.format(instant)).as("%s", instant).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }
}
