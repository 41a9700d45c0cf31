package dev.edgepair.client;

/** For tests that assert the device's CoAP code behind a failed pairing, whatever its typed exception. */
public final class PairingFailures {
    private PairingFailures() {
    }

    /**
     * @param e a failed pairing
     * @return "4.01" for a wrong secret, "4.29" when throttled, the code of a refusal, else "-" (the client stopped)
     */
    public static String code(PairingException e) {
        if (e instanceof WrongSecretException) {
            return "4.01";
        }
        if (e instanceof PairingThrottledException) {
            return "4.29";
        }
        return e instanceof PairingRefusedException r ? r.code() : "-";
    }
}
