package io.portcullis.adapters.http.admin;

import java.util.List;

/** View models of the console's templates ({@code views/admin/*.jte}); plain values, no markup. */
public final class AdminViews {
    private AdminViews() {
    }

    /** What every console page shows around its content: who is signed in, the section, the form token. */
    public record Frame(String csrfToken, String username, String section) {
    }

    public record UserRow(String id, String username, String email, boolean owner, boolean active, boolean self,
            String createdAt, String lastSeen) {
    }

    public record UsersPage(Frame frame, List<UserRow> users, String notice, String error) {
    }

    public record AppRow(String id, String clientId, String name, String type, String redirects, boolean dynamic) {
    }

    public record AppsPage(Frame frame, List<AppRow> apps, String error) {
    }

    public record SecretRow(String id, String display, String createdAt, String lastUsed) {
    }

    public record AppPage(Frame frame, AppRow app, String redirectUris, String authMethod, String grantTypes, String scope,
            List<SecretRow> secrets, String notice, String error) {
    }

    /** A secret shown once, right after it was made; nothing keeps it. */
    public record SecretPage(Frame frame, String title, String explanation, String label, String secret, String backPath) {
    }

    public record ResourceRow(String id, String resource, String displayName, String scopes, String format,
            long lifetimeSeconds, String introspectionClientId) {
    }

    public record ResourcesPage(Frame frame, List<ResourceRow> resources, String error) {
    }

    public record ResourcePage(Frame frame, ResourceRow resource, String notice, String error) {
    }

    public record ServerRow(String id, String displayName, String slug, String url, String authType, boolean enabled,
            String availability) {
    }

    public record ServersPage(Frame frame, List<ServerRow> servers, String url, String displayName, String slug,
            String authType, String error) {
    }

    /** The outcome of discovery or of a connection test, in words. */
    public record Report(boolean ok, String summary, List<String> found) {
    }

    public record ServerPage(Frame frame, ServerRow server, String description, String allowList, String denyList,
            List<String> discovered, Report report, String notice, String error) {
    }

    public record GrantRow(String id, String username, String app, String scopes, String resource, String createdAt) {
    }

    public record GrantsPage(Frame frame, List<GrantRow> grants, String notice, String error) {
    }

    public record AuditRow(String time, String action, String actor, String address, String target, String outcome,
            boolean success, String detail) {
    }

    /** The audit page: the filters as entered, one page of entries, and the link to the older ones (null: last page). */
    public record AuditPage(Frame frame, List<String> actions, String action, String user, String since, String until,
            List<AuditRow> entries, String nextPage, String error) {
    }
}
