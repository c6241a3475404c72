package io.portcullis.application.identity.port.in;

/**
 * Issues an OAuth access token for the authorization server: an API key of the user, bound to the grant
 * it came from and to one audience (RFC 8707), so revoking the grant ends it.
 */
public interface IssueOAuthAccessTokenUseCase {
    /** Stores the token and returns its plaintext, which exists only in this answer. */
    String issue(IssueOAuthAccessTokenCommand command);
}
