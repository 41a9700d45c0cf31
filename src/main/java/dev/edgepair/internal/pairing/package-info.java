/**
 * The device's pairing modes (local-initial, local-open, password-open, password-invite, token, fingerprint
 * confirmation), password and token authentication over EC J-PAKE, and the throttle and window that limit guessing.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.pairing;
