package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;

/** View model of {@code login.jte}; {@code error} is shown above the form when present. */
public record LoginPage(String csrfToken, String redirect, @Nullable String error, String email) {
}
