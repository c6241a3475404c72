package io.portcullis.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretDigestTest {
    @Test
    void ofWhenKnownInputThenSha256() {
        assertThat(HexFormat.of().formatHex(SecretDigest.of("abc").bytes()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void matchesWhenSameOrDifferentSecretThenAnswersAccordingly() {
        SecretDigest d = SecretDigest.of("s3cret");
        assertThat(d.matches("s3cret")).isTrue();
        assertThat(d.matches("s3cret ")).isFalse();
        assertThat(d.toString()).doesNotContain("s3cret");
    }
}
