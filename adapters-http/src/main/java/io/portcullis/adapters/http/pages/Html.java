package io.portcullis.adapters.http.pages;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Server-rendered pages: escaping, one stylesheet, and strict security headers on every page. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A full page; {@code formAction} lists extra origins forms may submit or redirect to. */
    public static MutableHttpResponse<String> page(HttpStatus status, String title, String body, String formAction) {
        return page(status, title, body, formAction, "card");
    }

    /** A page whose card has the given CSS classes (e.g. {@code card wide}). */
    public static MutableHttpResponse<String> page(HttpStatus status, String title, String body, String formAction,
            String cardClass) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Portcullis</title><style>" + CSS + "</style></head><body>"
                + "<main class=\"" + escape(cardClass) + "\"><div class=\"brand\"><span class=\"logo\">▦</span> Portcullis</div>"
                + body + "</main></body></html>";
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").body(html)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;"
                        + " form-action 'self'" + (formAction == null ? "" : " " + formAction)
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    public static MutableHttpResponse<String> error(HttpStatus status, String title, String message) {
        return page(status, title, "<h1>" + escape(title) + "</h1><p class=\"error\">" + escape(message) + "</p>", null);
    }

    private static final String CSS = """
            *{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
            background:linear-gradient(160deg,#0f172a,#1e293b);font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a}\
            .card{background:#fff;width:min(420px,92vw);border-radius:14px;padding:32px;box-shadow:0 20px 50px rgba(0,0,0,.35)}\
            .brand{font-weight:700;color:#4338ca;letter-spacing:.02em;margin-bottom:18px}.logo{font-size:20px}\
            h1{font-size:21px;margin:0 0 12px}p{margin:8px 0;color:#334155}label{display:block;font-size:13px;font-weight:600;margin:14px 0 4px}\
            input[type=email],input[type=password],input[type=text]{width:100%;padding:10px 12px;border:1px solid #cbd5e1;border-radius:8px;font-size:15px}\
            button{border:0;border-radius:8px;padding:10px 18px;font-size:15px;font-weight:600;cursor:pointer}\
            .primary{background:#4338ca;color:#fff}.secondary{background:#e2e8f0;color:#0f172a}.actions{display:flex;gap:10px;margin-top:22px}\
            .actions form{flex:1}.actions button{width:100%}.error{color:#b91c1c;background:#fef2f2;padding:8px 12px;border-radius:8px}\
            ul.scopes{padding-left:18px;margin:6px 0}code{background:#f1f5f9;padding:1px 5px;border-radius:4px}.muted{color:#64748b;font-size:13px}\
            .wide{width:min(680px,94vw)}table{width:100%;border-collapse:collapse;margin:8px 0 18px}td{padding:8px 4px;border-top:1px solid #e2e8f0;vertical-align:middle}\
            td form{margin:0}td button{padding:6px 12px;font-size:13px}.ok{color:#15803d}.off{color:#b45309}h2{font-size:16px;margin:18px 0 4px}\
            a.button{display:inline-block;text-decoration:none;border-radius:8px;padding:6px 12px;font-size:13px;font-weight:600}\
            .warning{color:#92400e;background:#fffbeb;border:1px solid #fde68a;padding:8px 12px;border-radius:8px;font-size:13px}""";
}
