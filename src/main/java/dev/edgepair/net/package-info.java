/**
 * Network choices an application makes for its device or for the whole JVM.
 *
 * <p>{@link dev.edgepair.net.DtlsSettings} are the DTLS listeners' tunables (connection limits, idle and stale
 * times). {@link dev.edgepair.net.BouncyCastleEc} puts a small Bouncy Castle provider first in the JVM's provider
 * list so the DTLS handshake's elliptic-curve work runs several times faster than with the JDK's SunEC; EdgePair
 * never installs it by itself. {@link dev.edgepair.net.LanSources} says which source addresses count as on the LAN,
 * the rule behind the local listener's local-only pairing modes.
 */
package dev.edgepair.net;
