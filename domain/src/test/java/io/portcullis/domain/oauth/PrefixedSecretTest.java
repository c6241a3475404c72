package io.portcullis.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixedSecretTest {
    private static final String PREFIX = "AbCdE01234";
    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyzABCD";

    @Test
    void parseWhenTheShapeIsExactThenPrefixAndSecretAreSplit() {
        PrefixedSecret parsed = PrefixedSecret.parse("pcs_" + PREFIX + "_" + SECRET).orElseThrow();
        assertThat(parsed.prefix()).isEqualTo(PREFIX);
        assertThat(parsed.secret()).isEqualTo(SECRET);
        assertThat(parsed.presentable()).isEqualTo("pcs_" + PREFIX + "_" + SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzABC",     // secret one short
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzABCDE",   // secret one long
        "pcx_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzABCD",    // wrong scheme
        "PCS_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzABCD",    // scheme is case-sensitive
        "pcs_AbCdE01234-0123456789abcdefghijklmnopqrstuvwxyzABCD",    // wrong separator
        "pcs_AbCdE0123__0123456789abcdefghijklmnopqrstuvwxyzABCD",    // underscore inside the prefix
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzABC_",    // underscore inside the secret
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB\u00e9D", // non-ASCII letter
        "pcs_AbCdE0123\u0661_0123456789abcdefghijklmnopqrstuvwxyzABCD", // non-ASCII digit
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB D",    // space
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB/D",    // '/' sits just below '0'
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB:D",    // ':' sits just above '9'
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB@D",    // '@' sits just below 'A'
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB[D",    // '[' sits just above 'Z'
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB`D",    // '`' sits just below 'a'
        "pcs_AbCdE01234_0123456789abcdefghijklmnopqrstuvwxyzAB{D"     // '{' sits just above 'z'
    })
    void parseWhenTheShapeIsWrongThenNothing(String presented) {
        assertThat(PrefixedSecret.parse(presented)).isEmpty();
    }

    @Test
    void parseWhenNullThenNothing() {
        assertThat(PrefixedSecret.parse(null)).isEmpty();
    }
}
