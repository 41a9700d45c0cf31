package dev.edgepair.pairing;

import java.time.Duration;

/**
 * How a device limits password guessing and how long a pairing exchange may take (spec/pairing.md, "Guessing
 * limits"). Immutable; start from {@link #defaults()} and change one value at a time.
 *
 * @param windowAfterStart how long the pairing window is open after the device starts; null: always open (still
 *        closed while too many failures count)
 * @param maxFailures wrong passwords (within {@code failureMemory}) that close the window while they count
 * @param exchangeTimeout between the two J-PAKE requests, and between authentication and pairing
 * @param deviceBurst device-wide attempts in a burst
 * @param deviceRefill one device-wide attempt back per this
 * @param sourceBurst attempts per source address in a burst
 * @param sourceRefill one attempt per source back per this
 * @param failureMemory how long a wrong password counts against the window
 */
public record PairingOptions(Duration windowAfterStart, int maxFailures, Duration exchangeTimeout, int deviceBurst,
                      Duration deviceRefill, int sourceBurst, Duration sourceRefill, Duration failureMemory) {
    /**
     * Window open 15 minutes after start, closed while 20 failures of the last 10 minutes count; 30 s per
     * exchange; buckets 10/1 s, 3/5 s.
     *
     * @return the defaults
     */
    public static PairingOptions defaults() {
        return new PairingOptions(Duration.ofMinutes(15), 20, Duration.ofSeconds(30), 10, Duration.ofSeconds(1), 3,
                Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    /** @return the same with the window open at all times (still closed while too many failures count) */
    public PairingOptions alwaysOpen() {
        return new PairingOptions(null, maxFailures, exchangeTimeout, deviceBurst, deviceRefill, sourceBurst,
                sourceRefill, failureMemory);
    }

    /**
     * @param device device-wide bucket size
     * @param deviceEvery one token back per this
     * @param source per-source bucket size
     * @param sourceEvery one token back per this
     * @return the same with other buckets
     */
    public PairingOptions withBuckets(int device, Duration deviceEvery, int source, Duration sourceEvery) {
        return new PairingOptions(windowAfterStart, maxFailures, exchangeTimeout, device, deviceEvery, source,
                sourceEvery, failureMemory);
    }

    /** @param timeout between the two requests, and between authentication and pairing
     *  @return the same with another exchange timeout */
    public PairingOptions withExchangeTimeout(Duration timeout) {
        return new PairingOptions(windowAfterStart, maxFailures, timeout, deviceBurst, deviceRefill, sourceBurst,
                sourceRefill, failureMemory);
    }

    /** @param n failures that close the window while they count
     *  @return the same with another limit */
    public PairingOptions withMaxFailures(int n) {
        return new PairingOptions(windowAfterStart, n, exchangeTimeout, deviceBurst, deviceRefill, sourceBurst,
                sourceRefill, failureMemory);
    }

    /** @param afterStart how long the window is open after start
     *  @return the same with another window */
    public PairingOptions withWindowAfterStart(Duration afterStart) {
        return new PairingOptions(afterStart, maxFailures, exchangeTimeout, deviceBurst, deviceRefill, sourceBurst,
                sourceRefill, failureMemory);
    }

    /** @param memory how long a failure counts
     *  @return the same with another failure memory */
    public PairingOptions withFailureMemory(Duration memory) {
        return new PairingOptions(windowAfterStart, maxFailures, exchangeTimeout, deviceBurst, deviceRefill, sourceBurst,
                sourceRefill, memory);
    }
}
