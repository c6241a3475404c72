package io.portcullis.domain.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The scopes a key holds; a set containing {@code all} is just {@code all}. */
public record ScopeSet(Set<Scope> scopes) {
    public static final ScopeSet ALL = new ScopeSet(Set.of(Scope.ALL));

    public ScopeSet {
        scopes = scopes.contains(Scope.ALL) ? Set.of(Scope.ALL) : Set.copyOf(new LinkedHashSet<>(scopes));
    }

    public static ScopeSet of(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return ALL;
        }
        return new ScopeSet(values.stream().map(Scope::new).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Parses a space-delimited OAuth scope string; empty means nothing was asked for. */
    public static ScopeSet parseSpaceDelimited(String value) {
        return of(value == null || value.isBlank() ? List.of() : List.of(value.trim().split(" +")));
    }

    public boolean permits(Scope needed) {
        return scopes.stream().anyMatch(s -> s.permits(needed));
    }

    /** True when every scope in {@code other} is permitted by this set (other is no wider). */
    public boolean covers(ScopeSet other) {
        if (isAll()) {
            return true;
        }
        if (other.isAll()) {
            return false;
        }
        return other.scopes.stream().allMatch(o -> scopes.stream().anyMatch(s -> s.equals(o) || (s.isKnown() && o.isKnown() && s.resource().equals(o.resource()) && s.action().equals("*"))));
    }

    /** Refuses any scope outside Portcullis's own catalogue, for credentials used at Portcullis itself. */
    public ScopeSet requireKnown() {
        scopes.stream().filter(s -> !s.isKnown()).findFirst().ifPresent(s -> {
            throw new io.portcullis.domain.shared.DomainValidationException("scopes", "unknown scope '" + s.value() + "'");
        });
        return this;
    }

    public boolean isAll() {
        return scopes.contains(Scope.ALL);
    }

    public List<String> values() {
        return scopes.stream().map(Scope::value).sorted().toList();
    }

    public String spaceDelimited() {
        return String.join(" ", values());
    }
}
