package io.portcullis.application.housekeeping.port.out;

import java.util.Map;

/** Every stored sealed value, for key rotation. */
public interface SealedValuesPort {
    /** Re-seals under the current key every value sealed under an older one; counts per table.column. */
    Map<String, Integer> resealAll();
}
