package io.portcullis.application.housekeeping.port.in;

/** Readiness for load balancers: the service can serve requests only while its store answers. */
public interface CheckReadinessUseCase {
    boolean ready();
}
