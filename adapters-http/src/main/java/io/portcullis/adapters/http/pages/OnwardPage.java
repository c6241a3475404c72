package io.portcullis.adapters.http.pages;

import java.net.URI;

/** View model of {@code onward.jte}: the page that moves the browser on to an upstream server's URL. */
public record OnwardPage(String url, String host) {
    public static OnwardPage to(String url) {
        String host = URI.create(url).getHost();
        return new OnwardPage(url, host == null ? url : host);
    }
}
