package io.portcullis.application.housekeeping.port.out;

/** Whether the store answers right now. */
public interface StoreHealthPort {
    boolean reachable();
}
