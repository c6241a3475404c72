package io.portcullis.bootstrap.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PORTCULLIS_*} environment variables that name no setting (PRODUCT §11): a mistyped one would otherwise be
 * ignored without a word. Each is warned about at start; start-up goes on.
 */
public final class UnknownSettings {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownSettings.class);
    /** Every {@code portcullis.*} key, as its environment variable. */
    static final Set<String> KNOWN = Set.copyOf(List.of("access-url", "data-dir", "session-duration",
            "disable-session-expiry-refresh", "token.default-lifetime", "token.max-lifetime", "oauth2.code-lifetime",
            "oauth2.access-token-lifetime", "oauth2.refresh-token-lifetime", "oauth2.dynamic-registration",
            "oauth2.registrations-per-hour", "encryption-keys", "outbound.allow-private-addresses", "metrics.public",
            "log-format", "setup-code", "trusted-proxies", "audit.retention", "password-login", "break-glass-user",
            "limits.requests-per-second-per-token", "limits.requests-per-second-per-address",
            "limits.concurrent-requests-per-server").stream().map(UnknownSettings::variable).toList());

    private UnknownSettings() {
    }

    static String variable(String key) {
        return "PORTCULLIS_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The {@code PORTCULLIS_*} names in {@code environment} that are not settings, sorted. */
    public static Set<String> unknown(Map<String, String> environment) {
        Set<String> out = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("PORTCULLIS_") && !KNOWN.contains(name) && !name.equals("PORTCULLIS_JAR")
                    && !oidcProviderSetting(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code PORTCULLIS_OIDC_PROVIDERS_<NAME>_<FIELD>}: any provider name, one of the provider fields. */
    static boolean oidcProviderSetting(String name) {
        String prefix = "PORTCULLIS_OIDC_PROVIDERS_";
        return name.startsWith(prefix) && OidcConfiguration.FIELDS.stream().map(f -> "_" + variable(f).substring(11))
                .anyMatch(f -> name.length() > prefix.length() + f.length() && name.endsWith(f));
    }

    public static void warn(Map<String, String> environment) {
        for (String name : unknown(environment)) {
            LOG.warn("{} is set but is not a Portcullis setting (mistyped?); it is ignored", name);
        }
    }
}
