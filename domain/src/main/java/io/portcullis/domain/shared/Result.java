package io.portcullis.domain.shared;

import java.util.function.Function;

/** Outcome of a business operation: a value, or a refusal stated as a value of type {@code E}. */
public sealed interface Result<T, E> {
    record Ok<T, E>(T value) implements Result<T, E> {
    }

    record Err<T, E>(E error) implements Result<T, E> {
    }

    static <T, E> Result<T, E> ok(T value) {
        return new Ok<>(value);
    }

    static <T, E> Result<T, E> err(E error) {
        return new Err<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default T value() {
        if (this instanceof Ok<T, E> ok) {
            return ok.value();
        }
        throw new IllegalStateException("no value: " + ((Err<T, E>) this).error());
    }

    default E error() {
        if (this instanceof Err<T, E> err) {
            return err.error();
        }
        throw new IllegalStateException("not an error");
    }

    default <U> Result<U, E> map(Function<T, U> f) {
        return this instanceof Ok<T, E> ok ? ok(f.apply(ok.value())) : err(error());
    }

    default <U> Result<U, E> flatMap(Function<T, Result<U, E>> f) {
        return this instanceof Ok<T, E> ok ? f.apply(ok.value()) : err(error());
    }
}
