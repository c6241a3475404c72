package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.shared.port.out.SecretCipherPort;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per value. Sealed form {@code v1:<key id>:<base64(nonce|ciphertext|tag)>};
 * the key id (first 8 hex digits of the key's SHA-256) is bound as associated data, so a value cannot be
 * moved to another key's label. The first key seals; every key opens (rotation). A value stored in clear by
 * {@code decrypt-secrets} reads {@code plain:<value>}: it opens as is and is sealed again by {@code reencrypt-secrets}.
 */
public final class AesGcmSecretCipher implements SecretCipherPort {
    private static final String PREFIX = "v1:";
    private static final String CLEAR = "plain:";
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String currentId;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(List<byte[]> rawKeys) {
        if (rawKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one encryption key is required");
        }
        for (byte[] raw : rawKeys) {
            if (raw.length != 32) {
                throw new IllegalArgumentException("encryption keys must be 32 bytes (AES-256)");
            }
            keys.put(keyId(raw), new SecretKeySpec(raw, "AES"));
        }
        this.currentId = keys.keySet().iterator().next();
    }

    public static String keyId(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed.startsWith(CLEAR)) {
            return sealed.substring(CLEAR.length());
        }
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !(parts[0] + ":").equals(PREFIX)) {
            throw new IllegalStateException("not a sealed value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("value sealed under key " + parts[1] + ", which is not configured");
        }
        try {
            byte[] all = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sealed value could not be opened (tampered or wrong key)", e);
        }
    }

    @Override
    public String inClear(String plaintext) {
        return CLEAR + plaintext;
    }

    @Override
    public boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public boolean needsReseal(String sealed) {
        return !sealed.startsWith(PREFIX + currentId + ":");
    }

    public String currentKeyId() {
        return currentId;
    }
}
