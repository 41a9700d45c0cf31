/**
 * The device side: the facade a device application builds and starts.
 *
 * <p>{@link dev.edgepair.device.Device} holds the device's identity, its two DTLS listeners (local and remote) and
 * its CoAP resources, EdgePair's and the application's; it is built with {@link dev.edgepair.device.Device#builder()},
 * started, and closed when the application stops.
 */
package dev.edgepair.device;
