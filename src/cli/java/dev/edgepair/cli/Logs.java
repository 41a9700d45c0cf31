package dev.edgepair.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Quiet by default; {@code -v} shows EdgePair's and Californium's informational logs, {@code -vv} debug logs. */
final class Logs {
    private Logs() {
    }

    static void configure(int verbosity) {
        String slf4j = switch (verbosity) {
            case 0 -> "off";
            case 1 -> "info";
            default -> "debug";
        };
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", slf4j);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // The device's pairing events are for the operator: INFO even without -v.
        System.setProperty("org.slf4j.simpleLogger.log." + PairingEvents.LOGGER, verbosity >= 2 ? "debug" : "info");
        Level jul = switch (verbosity) {
            case 0 -> Level.WARNING;
            case 1 -> Level.INFO;
            default -> Level.FINE;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(jul);
        for (var h : root.getHandlers()) {
            h.setLevel(jul);
        }
    }

    static int verbosity(String[] args) {
        int v = 0;
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                v++;
            } else if (a.matches("-v+")) {
                v += a.length() - 1;
            }
        }
        return v;
    }
}
