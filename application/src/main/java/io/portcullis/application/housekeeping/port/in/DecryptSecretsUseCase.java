package io.portcullis.application.housekeeping.port.in;

import java.util.Map;

/** Leaving encryption: every sealed value is stored in clear again (it stays readable; re-encryption seals it again). */
public interface DecryptSecretsUseCase {
    /** How many values were stored in clear, per table.column (columns with none are listed with 0). */
    Map<String, Integer> decrypt();
}
