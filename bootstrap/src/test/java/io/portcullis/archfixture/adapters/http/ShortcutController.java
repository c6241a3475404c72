package io.portcullis.archfixture.adapters.http;

import io.portcullis.archfixture.application.alpha.port.out.AlphaRepository;
import io.portcullis.archfixture.application.alpha.service.AlphaService;

/** Deliberately broken: an adapter that calls a service class and an outbound port it does not implement. */
public class ShortcutController {
    AlphaService service;
    AlphaRepository repository;
}
