package io.portcullis.application.identity.port.in;

/**
 * The first-run setup code (PRODUCT §11): {@code /setup} and {@code POST /api/v2/users/first} need it while no user
 * exists. Replicas on one database share it: the first to start generates it and stores only its SHA-256 digest.
 */
public interface SetupCodeUseCase {
    /** Called once at start: makes sure a code exists and says what this replica should print. */
    Preparation prepare();

    /** Constant-time check of a presented code; false once the first user exists. */
    boolean matches(String presented);

    /** What start-up found. */
    sealed interface Preparation {
        /** A user exists: no code is needed any more. */
        record NotNeeded() implements Preparation {
        }

        /** {@code portcullis.setup-code} is set: that is the code. */
        record Configured() implements Preparation {
        }

        /** This replica generated the code; it exists in clear only here, to be printed once. */
        record Generated(String code) implements Preparation {
            @Override
            public String toString() {
                return "Generated[code hidden]";
            }
        }

        /** Another replica (or an earlier start) generated the code and printed it in its own log. */
        record GeneratedElsewhere() implements Preparation {
        }
    }
}
