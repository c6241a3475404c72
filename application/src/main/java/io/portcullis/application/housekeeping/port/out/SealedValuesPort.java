package io.portcullis.application.housekeeping.port.out;

import java.util.List;
import java.util.Map;

/** Every stored sealed value, for key rotation and the start-up key check. */
public interface SealedValuesPort {
    /** Re-seals under the current key every value sealed under an older one; counts per table.column. */
    Map<String, Integer> resealAll();

    /**
     * The ids of the keys under which stored values were sealed and which the configured keys cannot open, found by
     * opening one stored value per key id; empty when every key id can be opened.
     */
    List<String> unopenableKeyIds();

    /** Stores every sealed value in clear again, in one transaction; counts per table.column. */
    Map<String, Integer> unsealAll();

    /**
     * In one transaction, drops every value sealed under a key the configured keys cannot open: a nullable column loses
     * the value, otherwise its row is deleted; counts per table.column.
     */
    Map<String, Integer> deleteUnopenable();
}
