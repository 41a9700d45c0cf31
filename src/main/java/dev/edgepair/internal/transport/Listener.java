package dev.edgepair.internal.transport;

/** Which device socket a connection arrived on. A connection is local iff it arrived on the local socket. */
public enum Listener {
    LOCAL,
    REMOTE
}
