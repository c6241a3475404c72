package io.portcullis.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiTest {
    @ParameterizedTest
    @ValueSource(strings = {"POST", "X-Api-Key", "mcp-session-id", "!#$%&'*+.^_`|~-", "a"})
    void isHttpTokenWhenOnlyTokenCharactersThenTrue(String value) {
        assertThat(Ascii.isHttpToken(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Api", "X-Api:", "Bad\r\nHeader", "naïve", "a/b", "(x)", "\"q\"", "k=v", "a\u0000"})
    void isHttpTokenWhenEmptyOrSeparatorOrNonAsciiThenFalse(String value) {
        assertThat(Ascii.isHttpToken(value)).isFalse();
    }

    @Test
    void isHttpTokenWhenNullThenFalse() {
        assertThat(Ascii.isHttpToken(null)).isFalse();
    }

    @Test
    void isHttpTokenWhenAnyShortStringThenSameAnswerAsTheGrammarsPattern() {
        Pattern grammar = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                s.append((char) random.nextInt(0x100));
            }
            assertThat(Ascii.isHttpToken(s.toString())).as("%s", s).isEqualTo(grammar.matcher(s).matches());
        }
    }
}
