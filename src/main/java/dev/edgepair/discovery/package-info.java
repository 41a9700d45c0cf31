/**
 * Finding devices on the LAN with mDNS/DNS-SD (service {@code _edgepair._udp}), through jmDNS.
 *
 * <p>A device announces an {@link dev.edgepair.discovery.Announcement} (product and device id, key fingerprint, the
 * pairing modes open now) with an {@link dev.edgepair.discovery.Announcer}, one responder per LAN address; a client
 * browses with {@link dev.edgepair.discovery.Discovery#browse}, which also lists this host's LAN addresses. What a
 * browser finds is a hint, never trusted: the client pins the device's key from the pairing string's {@code fp=}
 * or authenticates it by pairing.
 */
package dev.edgepair.discovery;
