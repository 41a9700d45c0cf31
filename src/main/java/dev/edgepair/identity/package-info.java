/**
 * Keys: the long-term ECDSA P-256 key pair that is a device's or a client's identity, and how others name it.
 *
 * <p>{@link dev.edgepair.identity.Identity} generates, loads and saves a key pair as PEM files (the private key mode
 * 0600) and the self-signed certificate that carries its public key to peers without raw public keys.
 * {@link dev.edgepair.identity.Fingerprint} is the SHA-256 of a public key's SubjectPublicKeyInfo, the value that
 * pairing strings, known-device lists and access lists hold; {@link dev.edgepair.identity.PublicKeys} checks that a
 * peer's key is a P-256 key. Key file problems are {@link dev.edgepair.identity.IdentityException}s that name the
 * file.
 */
package dev.edgepair.identity;
