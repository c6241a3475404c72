package io.portcullis.application.housekeeping.port.in;

import java.util.Map;

/** Key rotation: after a new key is put first in portcullis.encryption-keys, re-seal everything under it. */
public interface ReencryptSecretsUseCase {
    /** How many values were re-sealed, per table.column (columns with none are listed with 0). */
    Map<String, Integer> reencrypt();
}
