package io.portcullis.bootstrap.crypto;

import java.util.List;

/**
 * The encryption keys of this installation, loaded once (configured, or the generated key file of the embedded
 * database); the first one seals. Every component that derives from or seals with the keys takes this bean.
 */
public record SealingKeys(List<byte[]> keys) {
    public SealingKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
    }

    public byte[] primary() {
        return keys.get(0).clone();
    }
}
