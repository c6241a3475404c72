package io.portcullis.adapters.http.pages;

/** View model of {@code error.jte}: what went wrong and what to do. */
public record MessagePage(String title, String message) {
}
