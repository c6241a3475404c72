package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every server filter is registered for every path and no HTTP method in particular, and decides per request whether it
 * applies (ConditionalFilter): Micronaut then keeps one filter list sorted once, where a single filter registered for
 * some paths or methods makes it match every such filter against each request and sort the chain again (a tenth of a
 * gateway request's CPU in a profile).
 */
@MicronautTest
class FilterChainIT extends ServiceTest {
    @Inject
    ApplicationContext context;

    @Test
    void filtersWhenRegisteredThenEachCoversEveryPathAndEveryMethod() {
        List<BeanDefinition<?>> filters = new ArrayList<>();
        filters.addAll(context.getBeanDefinitions(Qualifiers.byStereotype(Filter.class)));
        filters.addAll(context.getBeanDefinitions(Qualifiers.byStereotype(ServerFilter.class)));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition<?> filter : filters) {
            Class<? extends java.lang.annotation.Annotation> type = filter.hasDeclaredStereotype(ServerFilter.class)
                    ? ServerFilter.class : Filter.class;
            names.add(filter.getBeanType().getSimpleName());
            List<String> patterns = new ArrayList<>(List.of(filter.stringValues(type)));
            patterns.addAll(List.of(filter.stringValues(type, "patterns")));
            // no pattern at all also means every path to Micronaut
            assertThat(patterns).as(filter.getBeanType().getName()).allMatch(Filter.MATCH_ALL_PATTERN::equals);
            assertThat(filter.enumValues(type, "methods", io.micronaut.http.HttpMethod.class)).as(filter.getBeanType().getName()).isEmpty();
        }
        assertThat(names).contains("PagesViewsFilter", "UnsupportedCharsetFilter", "JwksCacheControl", "CorsFilter",
                "RequestLogFilter", "AnonymousRoutesSecurityFilter");
    }
}
