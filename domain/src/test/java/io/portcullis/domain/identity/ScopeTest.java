package io.portcullis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {
    @ParameterizedTest
    @ValueSource(strings = {"user", "user:", ":read", "user:write", "widget:read", "all:read", "USER:read"})
    void newWhenNotInCatalogueThenAResourceScopeNotKnown(String value) {
        assertThat(new Scope(value).isKnown()).isFalse();
        assertThatThrownBy(() -> ScopeSet.of(List.of(value)).requireKnown()).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("unknown scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "quote\"d", "back\\slash", "tab\t", "del\u007f", "caf\u00e9", "nul\u0000"})
    void newWhenNotAScopeTokenThenRejected(String value) {
        assertThatThrownBy(() -> new Scope(value)).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void newWhenEdgesOfTheScopeTokenAlphabetOrLengthThenAcceptedUpTo200() {
        assertThat(new Scope("!#[]~").value()).isEqualTo("!#[]~");
        assertThat(new Scope("x".repeat(200)).value()).hasSize(200);
        assertThatThrownBy(() -> new Scope("x".repeat(201))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("malformed scope");
        assertThatThrownBy(() -> new Scope(null)).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void permitsWhenResourceScopesThenOnlyExactMatch() {
        assertThat(new Scope("files:read").permits(new Scope("files:read"))).isTrue();
        assertThat(new Scope("files:*").permits(new Scope("files:read"))).isFalse();
        assertThat(ScopeSet.of(List.of("files:read", "files:write")).covers(ScopeSet.of(List.of("files:read")))).isTrue();
        assertThat(ScopeSet.of(List.of("files:read")).covers(ScopeSet.of(List.of("files:write")))).isFalse();
    }

    @Test
    void permitsWhenWildcardOrAllThenCoversActions() {
        assertThat(Scope.ALL.permits(Scope.of("oauth2_app", "delete"))).isTrue();
        assertThat(new Scope("user:*").permits(Scope.of("user", "update"))).isTrue();
        assertThat(new Scope("user:*").permits(Scope.of("api_key", "read"))).isFalse();
        assertThat(new Scope("user:read").permits(Scope.of("user", "update"))).isFalse();
        assertThat(new Scope("user:read").permits(Scope.ALL)).isFalse();
    }

    @Test
    void scopeSetWhenContainsAllThenCollapsesAndEmptyMeansAll() {
        assertThat(ScopeSet.of(List.of("all", "user:read")).values()).containsExactly("all");
        assertThat(ScopeSet.of(List.of()).isAll()).isTrue();
        assertThat(ScopeSet.parseSpaceDelimited("user:read  api_key:read").values()).containsExactly("api_key:read", "user:read");
    }

    @Test
    void coversWhenNarrowerOrWiderThenAnswersAccordingly() {
        ScopeSet holder = ScopeSet.of(List.of("user:*", "api_key:read"));
        assertThat(holder.covers(ScopeSet.of(List.of("user:read", "user:update", "api_key:read")))).isTrue();
        assertThat(holder.covers(ScopeSet.of(List.of("api_key:create")))).isFalse();
        assertThat(holder.covers(ScopeSet.ALL)).isFalse();
        assertThat(ScopeSet.ALL.covers(holder)).isTrue();
    }

    @Test
    void catalogWhenListedThenEveryEntryParses() {
        assertThat(Scope.catalog()).contains("all", "mcp_server:use", "oauth2_app:*").allSatisfy(Scope::new);
    }

    @Test
    void allowListWhenEntriesThenMatchesWithWildcards() {
        AllowList list = new AllowList(List.of("user:*", "api_key:abc"));
        assertThat(list.allows("user", "42")).isTrue();
        assertThat(list.allows("api_key", "abc")).isTrue();
        assertThat(list.allows("api_key", "xyz")).isFalse();
        assertThat(AllowList.ANY.allows("oauth2_app", "q")).isTrue();
        assertThatThrownBy(() -> new AllowList(List.of("widget:1"))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> new AllowList(List.of("user"))).isInstanceOf(DomainValidationException.class);
    }
}
