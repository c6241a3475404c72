package io.portcullis.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/** Settings under {@code portcullis.*} (PRODUCT §1); each is overridable by environment variable. */
@ConfigurationProperties("portcullis")
public class PortcullisProperties {
    private String accessUrl = "http://localhost:8080";
    private String dataDir = "./.portcullis";
    private Duration sessionDuration = Duration.ofHours(24);
    private boolean disableSessionExpiryRefresh;
    @Nullable
    private String encryptionKeys;
    private List<String> trustedProxies = List.of();

    public String getAccessUrl() {
        return accessUrl;
    }

    public void setAccessUrl(String accessUrl) {
        this.accessUrl = accessUrl;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Duration getSessionDuration() {
        return sessionDuration;
    }

    public void setSessionDuration(Duration sessionDuration) {
        this.sessionDuration = sessionDuration;
    }

    public boolean isDisableSessionExpiryRefresh() {
        return disableSessionExpiryRefresh;
    }

    public void setDisableSessionExpiryRefresh(boolean disableSessionExpiryRefresh) {
        this.disableSessionExpiryRefresh = disableSessionExpiryRefresh;
    }

    @Nullable
    public String getEncryptionKeys() {
        return encryptionKeys;
    }

    public void setEncryptionKeys(@Nullable String encryptionKeys) {
        this.encryptionKeys = encryptionKeys;
    }

    /** {@code portcullis.trusted-proxies}: CIDR ranges whose forwarding headers name the client (PRODUCT §12). */
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(@Nullable List<String> trustedProxies) {
        this.trustedProxies = trustedProxies == null ? List.of() : trustedProxies;
    }

    /** {@code portcullis.token.*}: user-created API tokens. */
    @ConfigurationProperties("token")
    public static class TokenProperties {
        private Duration defaultLifetime = Duration.ofDays(7);
        private Duration maxLifetime = Duration.ofDays(365);

        public Duration getDefaultLifetime() {
            return defaultLifetime;
        }

        public void setDefaultLifetime(Duration defaultLifetime) {
            this.defaultLifetime = defaultLifetime;
        }

        public Duration getMaxLifetime() {
            return maxLifetime;
        }

        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }
    }

    /** {@code portcullis.oauth2.*}: the authorization server. */
    @ConfigurationProperties("oauth2")
    public static class OAuthProperties {
        private Duration codeLifetime = Duration.ofMinutes(10);
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private boolean dynamicRegistration = true;
        private int registrationsPerHour = 30;
        private Duration signingKeyActivationDelay = Duration.ofMinutes(10);

        /** How long a rotated signing key is published before it signs, so resource servers' JWKS caches catch up. */
        public Duration getSigningKeyActivationDelay() {
            return signingKeyActivationDelay;
        }

        public void setSigningKeyActivationDelay(Duration signingKeyActivationDelay) {
            this.signingKeyActivationDelay = signingKeyActivationDelay;
        }

        /** Registration attempts allowed per client address per hour (RFC 7591 endpoint is unauthenticated). */
        public int getRegistrationsPerHour() {
            return registrationsPerHour;
        }

        public void setRegistrationsPerHour(int registrationsPerHour) {
            this.registrationsPerHour = registrationsPerHour;
        }

        public Duration getCodeLifetime() {
            return codeLifetime;
        }

        public void setCodeLifetime(Duration codeLifetime) {
            this.codeLifetime = codeLifetime;
        }

        public Duration getAccessTokenLifetime() {
            return accessTokenLifetime;
        }

        public void setAccessTokenLifetime(Duration accessTokenLifetime) {
            this.accessTokenLifetime = accessTokenLifetime;
        }

        public Duration getRefreshTokenLifetime() {
            return refreshTokenLifetime;
        }

        public void setRefreshTokenLifetime(Duration refreshTokenLifetime) {
            this.refreshTokenLifetime = refreshTokenLifetime;
        }

        public boolean isDynamicRegistration() {
            return dynamicRegistration;
        }

        public void setDynamicRegistration(boolean dynamicRegistration) {
            this.dynamicRegistration = dynamicRegistration;
        }
    }

    /** {@code portcullis.outbound.*}: fetches Portcullis makes (client metadata documents, discovery). */
    @ConfigurationProperties("outbound")
    public static class OutboundProperties {
        private boolean allowPrivateAddresses;

        public boolean isAllowPrivateAddresses() {
            return allowPrivateAddresses;
        }

        public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
            this.allowPrivateAddresses = allowPrivateAddresses;
        }
    }

    /** {@code portcullis.audit.*}: how long audit entries are kept (PRODUCT §11). */
    @ConfigurationProperties("audit")
    public static class AuditProperties {
        static final Duration MINIMUM_RETENTION = Duration.ofDays(1);
        private Duration retention = Duration.ofDays(90);

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /** The retention, or a start-up error naming the setting when it is shorter than a day. */
        public Duration validatedRetention() {
            if (retention == null || retention.compareTo(MINIMUM_RETENTION) < 0) {
                throw new io.portcullis.bootstrap.wiring.InvalidConfigurationException("portcullis.audit.retention"
                        + " (PORTCULLIS_AUDIT_RETENTION) must be at least 1d (e.g. 90d), not " + retention);
            }
            return retention;
        }
    }
}
