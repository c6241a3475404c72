package io.portcullis.adapters.http.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.ViewUtils;
import io.micronaut.views.ViewsConfiguration;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import io.micronaut.views.jte.JteViewsRendererConfiguration;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * micronaut-views' JTE renderer for the pages, writing through {@link PageTemplateOutput} so every value is escaped
 * as it always was. It always renders the templates the jte-maven-plugin (generate goal) compiled into the jar, so
 * no compiler is needed at run time; {@code micronaut.views.jte.dynamic} (hot reload) has no effect on it.
 */
@Singleton
@Replaces(HtmlJteViewsRenderer.class)
@Produces(MediaType.TEXT_HTML)
public class PageViewsRenderer<T> extends HtmlJteViewsRenderer<T> {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    public PageViewsRenderer(ViewsConfiguration views, JteViewsRendererConfiguration jte) {
        super(views, jte);
    }

    @Override
    @NonNull
    public Writable render(@NonNull String viewName, @Nullable T data, @Nullable HttpRequest<?> request) {
        String template = ViewUtils.normalizeFile(viewName, ".jte") + ".jte";
        Map<String, Object> model = ViewUtils.modelOf(data);
        return out -> templates.render(template, model, new PageTemplateOutput(new WriterOutput(out)));
    }
}
