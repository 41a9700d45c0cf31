/**
 * The pairing protocol pieces device and client share: secret derivation, key confirmation bound to the DTLS
 * session, the CBOR encoding of the J-PAKE rounds, generated codes and protocol constants.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.protocol;
