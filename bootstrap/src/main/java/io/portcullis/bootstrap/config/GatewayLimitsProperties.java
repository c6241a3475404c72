package io.portcullis.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code portcullis.limits.*}: the MCP gateway's limits (PRODUCT §10), across all replicas; 0 turns one off. The
 * defaults leave room for a busy MCP client (a burst of a hundred calls) while bounding a runaway one.
 */
@ConfigurationProperties("portcullis.limits")
public class GatewayLimitsProperties {
    private int requestsPerSecondPerToken = 200;
    private int requestsPerSecondPerAddress = 500;
    private int concurrentRequestsPerServer = 500;

    public int getRequestsPerSecondPerToken() {
        return requestsPerSecondPerToken;
    }

    public void setRequestsPerSecondPerToken(int requestsPerSecondPerToken) {
        this.requestsPerSecondPerToken = requestsPerSecondPerToken;
    }

    public int getRequestsPerSecondPerAddress() {
        return requestsPerSecondPerAddress;
    }

    public void setRequestsPerSecondPerAddress(int requestsPerSecondPerAddress) {
        this.requestsPerSecondPerAddress = requestsPerSecondPerAddress;
    }

    public int getConcurrentRequestsPerServer() {
        return concurrentRequestsPerServer;
    }

    public void setConcurrentRequestsPerServer(int concurrentRequestsPerServer) {
        this.concurrentRequestsPerServer = concurrentRequestsPerServer;
    }
}
