package io.portcullis.archfixture.adapters.persistence;

/** Deliberately broken: named *Impl. */
public class RowMapperImpl {
}
