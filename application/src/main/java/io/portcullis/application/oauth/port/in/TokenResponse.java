package io.portcullis.application.oauth.port.in;

/** RFC 6749 §5.1 success: a Bearer access token, its lifetime, a refresh token and the granted scope. */
public record TokenResponse(String accessToken, long expiresIn, String refreshToken, String scope) {
    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
