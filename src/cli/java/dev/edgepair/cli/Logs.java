package dev.edgepair.cli;

import dev.edgepair.internal.pairing.PasswordPairing;

/**
 * The command's logging, through slf4j-simple on standard error (the library only logs through SLF4J and never
 * configures it). Quiet by default: EdgePair's warnings, and for {@code device run} the device's pairing events;
 * {@code -v} shows EdgePair's and Californium's informational logs, {@code -vv} debug logs.
 */
final class Logs {
    private static final String LEVEL = "org.slf4j.simpleLogger.log.";

    private Logs() {
    }

    /**
     * Sets slf4j-simple's properties: call before the first logger is created.
     *
     * @param verbosity 0, 1 ({@code -v}) or more ({@code -vv})
     * @param deviceRun whether the command runs a device, whose pairing events its operator sees without {@code -v}
     *                  (the demo and the benchmark pair too, but their pairings are not news)
     */
    static void configure(int verbosity, boolean deviceRun) {
        String all = switch (verbosity) {
            case 0 -> "off";
            case 1 -> "info";
            default -> "debug";
        };
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", all);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // EdgePair's own warnings (a change not saved, a handler that failed) even without -v.
        System.setProperty(LEVEL + "dev.edgepair", verbosity == 0 ? "warn" : all);
        // The device's pairing events are for the operator: INFO even without -v.
        String events = verbosity >= 2 ? "debug" : "info";
        System.setProperty(LEVEL + PairingEvents.LOGGER, events);
        if (deviceRun || verbosity > 0) {
            System.setProperty(LEVEL + PasswordPairing.EVENTS_LOGGER, events);
        }
    }

    /** Whether {@code args} run {@code edgepair device run}: its first two words (options aside). */
    static boolean isDeviceRun(String[] args) {
        String[] words = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).limit(2)
                .toArray(String[]::new);
        return words.length == 2 && words[0].equals("device") && words[1].equals("run");
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
