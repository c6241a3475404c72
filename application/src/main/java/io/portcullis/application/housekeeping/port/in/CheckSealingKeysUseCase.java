package io.portcullis.application.housekeeping.port.in;

import java.util.List;

/**
 * Start-up check of the sealing keys against what is stored (PRODUCT §12): a replica whose keys cannot open the values
 * another replica sealed must refuse to start rather than fail on every request that needs one of them.
 */
public interface CheckSealingKeysUseCase {
    /** The ids of the keys stored values were sealed under that the configured keys do not include; empty when none. */
    List<String> missingKeyIds();
}
