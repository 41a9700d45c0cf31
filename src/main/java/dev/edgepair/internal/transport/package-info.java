/**
 * CoAP over DTLS 1.2 with P-256 keys, raw or in certificates: the device's local and remote listeners, the client's
 * pinned connections, per-connection state, key checks and connection limits.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.transport;
