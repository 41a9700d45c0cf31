package dev.edgepair.pairing;

import java.time.Duration;

/**
 * When a device accepts password authentication (open password and invitations' J-PAKE exchanges are refused with
 * 4.03 while it is closed): open for {@link PairingOptions#windowAfterStart()} after start, or for a while after
 * {@link #open(Duration)}, typically on a button press. Wrong passwords close it while {@link
 * PairingOptions#maxFailures()} of them count; opening it again clears them. Pairing tokens do not depend on it.
 */
public interface PairingWindow {

    /**
     * Whether password authentication is allowed now.
     *
     * @return true while open
     */
    boolean isOpen();

    /**
     * Opens the window for a while (a button press) and forgets the failures counted so far.
     *
     * @param duration how long it stays open
     * @throws IllegalArgumentException if the duration is negative
     */
    void open(Duration duration);

    /** Closes the window now. */
    void close();

    /**
     * The wrong passwords that count against the window now.
     *
     * @return the count
     */
    int failures();
}
