package io.portcullis.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Predicate;
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
        assertAgreesWith(Ascii::isHttpToken, Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+"), 0x100, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/json", "Bearer abc.def", "a\tb c", "caf\u00e9", "=?base64?SGk=?=", "~!@#$%^&*()"})
    void isHttpFieldValueWhenVisibleSpaceTabOrOneByteTextThenTrue(String value) {
        assertThat(Ascii.isHttpFieldValue(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nInjected: 1", "a\nb", "a\rb", "a\u0000", "a\u0001b", "del\u007f", "\u20ac", "\u0019"})
    void isHttpFieldValueWhenControlCharacterOrWiderThanAByteThenFalse(String value) {
        assertThat(Ascii.isHttpFieldValue(value)).isFalse();
    }

    @Test
    void isHttpFieldValueWhenAnyShortStringThenSameAnswerAsTheGrammarsPattern() {
        assertAgreesWith(Ascii::isHttpFieldValue, Pattern.compile("[\t\u0020-\u007e\u0080-\u00ff]*"), 0x120, 11);
    }

    /** {@code check} answers as {@code grammar} for 20,000 random strings of up to 3 characters below {@code bound}. */
    private static void assertAgreesWith(Predicate<String> check, Pattern grammar, int bound, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                s.append((char) random.nextInt(bound));
            }
            assertThat(check.test(s.toString())).as("%s", s).isEqualTo(grammar.matcher(s).matches());
        }
    }
}
