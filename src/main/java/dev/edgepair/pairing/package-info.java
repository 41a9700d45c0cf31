/**
 * Pairing as an application sees it: what a person hands from a device to a client, and how a device limits it.
 *
 * <p>{@link dev.edgepair.pairing.PairingString} is the one-line form (also shown as a QR code) of Nabto Edge's
 * pairing string, {@code p=<productId>,d=<deviceId>,u=<username>,pwd=<password>}, extended with a one-time token id
 * ({@code tid=}), the device's key fingerprint ({@code fp=}) and its address ({@code a=}). It carries a secret: show
 * it to the person who pairs, never log it. {@link dev.edgepair.pairing.PairingOptions} sets how a device limits
 * password guessing; {@link dev.edgepair.pairing.PairingWindow} is when it accepts passwords (open it on a button
 * press); {@link dev.edgepair.pairing.ClientConfirmation} lets the device's user accept a client's fingerprint.
 *
 * <p>The device's pairing events (who paired, in which mode, with which key; failed and throttled password and
 * token attempts, at most one line per 10 s of each kind) are logged at INFO through SLF4J on the logger named
 * {@code dev.edgepair.pairing}; no secret is ever in them.
 */
package dev.edgepair.pairing;
