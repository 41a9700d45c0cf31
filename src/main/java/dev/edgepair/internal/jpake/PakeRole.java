package dev.edgepair.internal.jpake;

/** Which side of the exchange a participant plays; the server's TLS-framed round two carries ECParameters. */
public enum PakeRole {
    CLIENT,
    SERVER
}
