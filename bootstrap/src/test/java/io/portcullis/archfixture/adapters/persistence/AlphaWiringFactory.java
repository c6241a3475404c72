package io.portcullis.archfixture.adapters.persistence;

/** Deliberately broken: wiring outside bootstrap. (It declares no beans, so it adds none to test contexts.) */
@io.micronaut.context.annotation.Factory
@io.micronaut.context.annotation.Requires(property = "archfixture.never")
public class AlphaWiringFactory {
}
