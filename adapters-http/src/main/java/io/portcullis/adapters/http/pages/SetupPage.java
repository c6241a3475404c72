package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;

/** View model of {@code setup.jte}: the first-run form, refilled after a refusal. */
public record SetupPage(String csrfToken, @Nullable String error, String email, String username) {
}
