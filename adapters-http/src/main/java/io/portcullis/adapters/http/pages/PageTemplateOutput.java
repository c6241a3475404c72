package io.portcullis.adapters.http.pages;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's HTML output with the escaping these pages have always had: in text and in attribute values alike,
 * {@code & < > " '} become {@code &amp; &lt; &gt; &quot; &#39;} (jte itself leaves quotes in text and {@code >}
 * in attributes, and writes {@code &#34;}). Script contexts keep jte's own JavaScript escaping.
 */
final class PageTemplateOutput extends OwaspHtmlTemplateOutput {
    private String tagName;
    private String attributeName;

    PageTemplateOutput(TemplateOutput output) {
        super(output);
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        this.tagName = tagName;
        this.attributeName = attributeName;
    }

    @Override
    public void writeUserContent(String value) {
        if (value == null) {
            return;
        }
        boolean script = attributeName == null ? "script".equalsIgnoreCase(tagName) || "style".equalsIgnoreCase(tagName)
                : attributeName.regionMatches(true, 0, "on", 0, 2);
        if (script) {
            super.writeUserContent(value);
        } else {
            writeContent(escape(value));
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
}
