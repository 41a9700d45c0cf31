package dev.edgepair.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.edgepair.client.PairingException;
import dev.edgepair.client.PairingRefusedException;
import dev.edgepair.client.PairingThrottledException;
import dev.edgepair.client.WrongSecretException;

/** Turns a CoAP answer or an error into a sentence, worded for what the user asked, that says what to do. */
final class Explain {
    private Explain() {
    }

    /** An error answer to {@code method path}. */
    static String reply(String method, String path, String code, String diagnostic, long maxAge) {
        String[] seg = path.replaceAll("^/+", "").split("/");
        String what = switch (code) {
            case "4.00" -> "the device could not read the request";
            case "4.01" -> "not authenticated";
            case "4.03" -> path.startsWith("/iam/pairing/local")
                    ? "denied: local pairing needs the device's local listener, from the same LAN, with the mode on"
                    : "denied: your role may not " + method + " " + path;
            case "4.04" -> seg.length >= 3 && seg[0].equals("iam") && seg[1].equals("users")
                    ? "no user " + seg[2] + " on the device (see `client users`)"
                    : seg.length >= 3 && seg[0].equals("iam") && seg[1].equals("pairing-tokens")
                    ? "no live token " + seg[2] + " (used, revoked or expired; see `client tokens`)"
                    : path.startsWith("/iam/pairing/") ? "that pairing mode is switched off on the device"
                    : "nothing at " + path + " on the device";
            case "4.05" -> method + " is not allowed on " + path;
            case "4.09" -> "conflict: the name or key is taken, or the user is already paired";
            case "4.29" -> "too many attempts: wait " + maxAge + " s and try again";
            case "5.03" -> "the device could not do it now; try again";
            default -> "the device answered " + code;
        };
        boolean useful = diagnostic != null && !diagnostic.isBlank() && !code.equals("4.29")
                && !code.equals("4.04");
        return what + (useful ? " (device said: " + diagnostic + ")" : "");
    }

    /** A failed pairing, by what the client found: the device's code and diagnostic where it refused. */
    static String pairing(PairingException e) {
        if (e instanceof WrongSecretException) {
            return "wrong password or token, or it was used, revoked or expired: check it (passwords are "
                    + "case-sensitive) or ask for a new one";
        }
        if (e instanceof PairingThrottledException t) {
            return "too many attempts: wait " + t.retryAfter().toSeconds() + " s and try again";
        }
        if (e instanceof PairingRefusedException r) {
            String said = r.reason();
            return switch (r.code()) {
                case "4.03" -> "the device refused" + (said.isBlank() ? "" : ": " + said);
                case "4.04" -> "that pairing mode is switched off on the device"
                        + (said.isBlank() ? "" : " (" + said + ")");
                case "4.09" -> "the username is taken, or this client is already paired with the device (see "
                        + "`client devices`)";
                default -> e.getMessage();
            };
        }
        return e.getMessage();
    }

    /** An I/O failure: a silent device gets the timeout and the hint. */
    static String io(String message, Duration timeout) {
        if (message == null) {
            return "I/O error";
        }
        Matcher m = Pattern.compile("no (?:DTLS connection to|response from) (?:[^/\\s]*)/([^\\s/]+)(/\\S*)?.*")
                .matcher(message);
        if (m.matches()) {
            return "no answer from the device at " + m.group(1) + " within " + timeout.toSeconds() + " s: is it "
                    + "running, and is this the right address? (--timeout SECONDS waits longer)";
        }
        return message;
    }
}
