package io.portcullis.archfixture.adapters.http;

import io.portcullis.archfixture.adapters.persistence.RowMapperImpl;

/** Deliberately broken: an adapter that reaches into another adapter, with a vague name. */
public class RowHelper {
    RowMapperImpl mapper;
}
