/**
 * EC J-PAKE (RFC 8236) on P-256, byte-compatible with Mbed TLS and Thread: participants, round messages, Schnorr
 * proofs, their TLS framing, and constant-sequence multiplication by secret scalars; no I/O.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.jpake;
