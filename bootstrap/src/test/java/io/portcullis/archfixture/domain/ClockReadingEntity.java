package io.portcullis.archfixture.domain;

import io.portcullis.archfixture.application.port.in.SomethingDoer;

/** Deliberately broken: a domain class that reads the clock and depends outward. */
public class ClockReadingEntity {
    SomethingDoer doer;

    public java.time.Instant stamp() {
        return java.time.Instant.now();
    }

    public java.security.SecureRandom random() {
        return new java.security.SecureRandom();
    }
}
