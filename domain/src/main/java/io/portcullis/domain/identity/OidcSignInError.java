package io.portcullis.domain.identity;

/** Why a sign-in through an OpenID provider did not end signed in; each is shown to the person as a page. */
public sealed interface OidcSignInError {
    String message();

    /** No provider of that name is configured. */
    record UnknownProvider(String name) implements OidcSignInError {
        @Override
        public String message() {
            return "No identity provider named '" + name + "' is configured.";
        }
    }

    /** The callback's state does not belong to this browser's sign-in, or it expired. */
    record InvalidState() implements OidcSignInError {
        @Override
        public String message() {
            return "This sign-in could not be matched to one started in this browser, or it took too long. Please start again.";
        }
    }

    /** The provider answered with an error, could not be reached, or its answer did not check out. */
    record ProviderFailed(String provider, String reason) implements OidcSignInError {
        @Override
        public String message() {
            return "Signing in with " + provider + " failed: " + reason;
        }
    }

    /** The provider gave no e-mail, or did not say it is verified, and no account is linked yet. */
    record EmailUnverified(String provider) implements OidcSignInError {
        @Override
        public String message() {
            return provider + " did not confirm that your e-mail address is verified, so it cannot be matched to an"
                    + " account. Verify it with " + provider + ", or ask an owner to link your account.";
        }
    }

    /** The e-mail's domain is not on the provider's allow list. */
    record DomainNotAllowed(String provider, String email) implements OidcSignInError {
        @Override
        public String message() {
            return "Accounts of " + email.substring(email.lastIndexOf('@') + 1) + " may not sign in with " + provider + ".";
        }
    }

    /** No account has this e-mail, and the provider does not create accounts. */
    record NoAccount(String provider, String email) implements OidcSignInError {
        @Override
        public String message() {
            return "There is no Portcullis account for " + email + ", and signing in with " + provider
                    + " does not create one. Ask an owner to create your account.";
        }
    }

    /** The matching account is suspended. */
    record Suspended() implements OidcSignInError {
        @Override
        public String message() {
            return "This account is suspended.";
        }
    }
}
