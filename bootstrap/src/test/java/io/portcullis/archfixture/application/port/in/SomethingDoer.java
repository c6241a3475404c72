package io.portcullis.archfixture.application.port.in;

/** Deliberately broken: an inbound port not named *UseCase, depending on a framework. */
public interface SomethingDoer {
    io.micronaut.http.HttpRequest<?> request();
}
