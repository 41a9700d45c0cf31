/**
 * The device side: the facade a device application builds and starts.
 *
 * <p>{@link dev.edgepair.device.Device} holds the device's identity, its two DTLS listeners (local and remote), IAM,
 * the pairing modes it offers and its endpoints, EdgePair's and the application's; it is built with
 * {@link dev.edgepair.device.Device#builder()}, started, and closed when the application stops.
 * {@link dev.edgepair.device.DevicePairing} is pairing from the device's side: the pairing window and the secrets a
 * person needs to pair, each handed out once as a pairing string.
 */
package dev.edgepair.device;
