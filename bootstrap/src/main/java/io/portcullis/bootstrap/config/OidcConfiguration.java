package io.portcullis.bootstrap.config;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.portcullis.bootstrap.wiring.InvalidConfigurationException;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.shared.DomainValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code portcullis.oidc.providers.<name>.*}, {@code portcullis.password-login} and
 * {@code portcullis.break-glass-user} (PRODUCT §8). In the environment form ({@code PORTCULLIS_OIDC_PROVIDERS_CORP_CLIENT_ID})
 * a name cannot contain {@code _}; every name with an {@code issuer} or {@code client-id} is a provider. A bad value
 * stops start-up naming the key.
 */
public final class OidcConfiguration {
    static final String PREFIX = "portcullis.oidc.providers";
    /** The settings of one provider, as written in {@code application.yml}. */
    static final List<String> FIELDS = List.of("issuer", "client-id", "client-secret", "scopes", "display-name",
            "allowed-email-domains", "auto-create-users");

    private OidcConfiguration() {
    }

    public static OidcSettings read(Environment env, boolean allowPrivateAddresses) {
        List<OidcProvider> providers = new ArrayList<>();
        for (String name : new TreeSet<>(env.getPropertyEntries(PREFIX))) {
            String key = PREFIX + "." + name + ".";
            Optional<String> issuer = env.getProperty(key + "issuer", String.class).filter(s -> !s.isBlank());
            Optional<String> clientId = env.getProperty(key + "client-id", String.class).filter(s -> !s.isBlank());
            if (issuer.isEmpty() && clientId.isEmpty()) {
                continue;
            }
            checkIssuer(key + "issuer", issuer, allowPrivateAddresses);
            try {
                providers.add(new OidcProvider(name, issuer.get(), clientId.orElse(null),
                        env.getProperty(key + "client-secret", String.class).filter(s -> !s.isBlank()),
                        list(env, key + "scopes").orElse(List.of("openid", "email", "profile")),
                        env.getProperty(key + "display-name", String.class).orElse(name),
                        list(env, key + "allowed-email-domains").orElse(List.of()),
                        bool(env, key + "auto-create-users", false)));
            } catch (DomainValidationException e) {
                throw new InvalidConfigurationException(
                        (e.field().equals("name") ? PREFIX + "." + name : key + e.field()) + ": " + e.getMessage());
            }
        }
        boolean passwordLogin = bool(env, "portcullis.password-login", true);
        if (!passwordLogin && providers.isEmpty()) {
            throw new InvalidConfigurationException("portcullis.password-login: cannot be false without an OIDC provider"
                    + " (portcullis.oidc.providers.<name>.issuer), or nobody could sign in");
        }
        return new OidcSettings(providers, passwordLogin, env.getProperty("portcullis.break-glass-user", String.class));
    }

    private static void checkIssuer(String key, Optional<String> issuer, boolean allowPrivateAddresses) {
        if (issuer.isEmpty()) {
            throw new InvalidConfigurationException(key + ": is required");
        }
        URI uri;
        try {
            uri = new URI(issuer.get());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidConfigurationException(key + ": '" + issuer.get() + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                && (scheme.equals("https") || scheme.equals("http") && allowPrivateAddresses);
        if (!ok) {
            throw new InvalidConfigurationException(key + ": must be an https URL without query or fragment"
                    + " (http only with portcullis.outbound.allow-private-addresses), not '" + issuer.get() + "'");
        }
    }

    private static Optional<List<String>> list(Environment env, String key) {
        return env.getProperty(key, Argument.listOf(String.class))
                .map(l -> l.stream().flatMap(s -> List.of(s.split("[,\\s]+")).stream()).filter(s -> !s.isBlank()).toList());
    }

    private static boolean bool(Environment env, String key, boolean fallback) {
        Optional<String> raw = env.getProperty(key, String.class);
        if (raw.isEmpty()) {
            return fallback;
        }
        String v = raw.get().trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new InvalidConfigurationException(key + ": must be true or false, not '" + raw.get() + "'");
        }
        return v.equals("true");
    }
}
