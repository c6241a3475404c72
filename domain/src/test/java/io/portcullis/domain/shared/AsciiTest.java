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
        Pattern grammar = Pattern.compile("[\t\u0020-\u007e\u0080-\u00ff]*");
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                s.append((char) random.nextInt(0x120));
            }
            assertThat(Ascii.isHttpFieldValue(s.toString())).as("%s", s).isEqualTo(grammar.matcher(s).matches());
        }
    }
}
