package dev.edgepair.cli;

/** Turns a CoAP answer into a sentence that says what happened and what to do. */
final class Explain {
    private Explain() {
    }

    static String code(String code, String diagnostic, long maxAge) {
        String what = switch (code) {
            case "4.00" -> "the device could not read the request";
            case "4.01" -> "not authenticated: wrong password or token, or it was used, revoked or expired";
            case "4.03" -> "denied: your role may not do this, or it needs a local connection";
            case "4.04" -> "not found, or that pairing mode is switched off on the device";
            case "4.05" -> "that method is not allowed there";
            case "4.09" -> "conflict: the name or key is taken, or the user is already paired";
            case "4.29" -> "too many attempts: wait " + maxAge + " s and try again";
            case "5.03" -> "the device could not do it now; try again";
            default -> "the device answered " + code;
        };
        return what + (diagnostic == null || diagnostic.isBlank() ? "" : " (device said: " + diagnostic + ")");
    }
}
