package io.portcullis.adapters.persistence.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealWhenOpenedThenRoundTripsAndNeverShowsPlaintext() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(key(1)));
        String sealed = cipher.seal("hunter2-secret");
        assertThat(sealed).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain("hunter2");
        assertThat(cipher.seal("hunter2-secret")).isNotEqualTo(sealed);
        assertThat(cipher.open(sealed)).isEqualTo("hunter2-secret");
    }

    @Test
    void openWhenRotatedThenOldValuesOpenAndNeedReseal() {
        AesGcmSecretCipher old = new AesGcmSecretCipher(List.of(key(1)));
        String sealedOld = old.seal("value");
        AesGcmSecretCipher rotated = new AesGcmSecretCipher(List.of(key(2), key(1)));
        assertThat(rotated.open(sealedOld)).isEqualTo("value");
        assertThat(rotated.needsReseal(sealedOld)).isTrue();
        assertThat(rotated.needsReseal(rotated.seal("value"))).isFalse();
        assertThatThrownBy(() -> new AesGcmSecretCipher(List.of(key(2))).open(sealedOld)).hasMessageContaining("not configured");
    }

    @Test
    void openWhenTamperedOrRelabelledThenRefused() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(key(1), key(2)));
        String sealed = cipher.seal("value");
        String body = sealed.substring(sealed.lastIndexOf(':') + 1);
        char flipped = body.charAt(20) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + body.substring(0, 20) + flipped + body.substring(21);
        assertThatThrownBy(() -> cipher.open(tampered)).hasMessageContaining("could not be opened");
        String relabelled = "v1:" + AesGcmSecretCipher.keyId(key(2)) + ":" + body;
        assertThatThrownBy(() -> cipher.open(relabelled)).hasMessageContaining("could not be opened");
        assertThatThrownBy(() -> new AesGcmSecretCipher(List.of(new byte[16]))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openWhenKeptInClearThenAsIsAndResealedByRotation() {
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(key(1)));
        String clear = cipher.inClear("token:with:colons");
        assertThat(clear).isEqualTo("plain:token:with:colons");
        assertThat(cipher.isSealed(clear)).isFalse();
        assertThat(cipher.isSealed(cipher.seal("x"))).isTrue();
        assertThat(cipher.open(clear)).isEqualTo("token:with:colons");
        assertThat(cipher.needsReseal(clear)).isTrue();
        assertThatThrownBy(() -> cipher.open("token-in-clear-without-marker")).hasMessageContaining("not a sealed value");
    }
}
