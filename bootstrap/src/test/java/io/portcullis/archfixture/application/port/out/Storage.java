package io.portcullis.archfixture.application.port.out;

/** Deliberately broken: an outbound port not named *Repository or *Port. */
public interface Storage {
}
