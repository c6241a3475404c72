package io.portcullis.domain.identity;

/** What a user may do: owners administer the deployment, members use it. */
public enum Role {
    OWNER, MEMBER;

    public String wire() {
        return this == OWNER ? "owner" : "member";
    }
}
