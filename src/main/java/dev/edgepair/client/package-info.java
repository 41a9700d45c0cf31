/**
 * The client side of EdgePair: pair with a device and talk to it over DTLS pinned to its key.
 *
 * <p>Start from a {@link dev.edgepair.client.Client} (the client's key and its
 * {@link dev.edgepair.client.KnownDevices}). Pair with {@link dev.edgepair.client.Client#pair(PairingRequest)}: a
 * {@link dev.edgepair.client.PairingRequest} names each value of one pairing mode and is checked when built. A
 * failure is a checked exception per case: {@link dev.edgepair.client.WrongSecretException},
 * {@link dev.edgepair.client.PairingThrottledException} (with the retry time),
 * {@link dev.edgepair.client.KeyConfirmationFailedException} (a man in the middle),
 * {@link dev.edgepair.client.PairingRefusedException} (the device's code and reason),
 * {@link dev.edgepair.client.DeviceKeyChangedException}. Later, {@link dev.edgepair.client.Client#connect(KnownDevice,
 * java.net.InetSocketAddress)} opens a {@link dev.edgepair.client.DeviceConnection} pinned to the stored key, and
 * {@link dev.edgepair.client.DeviceConnection#admin()} a {@link dev.edgepair.client.DeviceAdmin} for the device's
 * users, invitations, pairing tokens and settings. The contract in full: {@code spec/client.md}.
 */
package dev.edgepair.client;
