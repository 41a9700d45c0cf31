/**
 * The client side: pairing with devices and talking to them afterwards.
 *
 * <p>A client application builds a {@link dev.edgepair.client.Client} from its own key and its
 * {@link dev.edgepair.client.KnownDevices} (kept in a file by {@link dev.edgepair.client.JsonFileKnownDevices}),
 * pairs with a device from a pairing string or a password, which stores it as a
 * {@link dev.edgepair.client.KnownDevice}, and then opens {@link dev.edgepair.client.DeviceConnection}s whose DTLS
 * handshake is pinned to the device's stored key. A device that presents another key is refused
 * ({@link dev.edgepair.client.DeviceKeyChangedException}).
 */
package dev.edgepair.client;
