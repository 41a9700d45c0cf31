/**
 * The IAM endpoints of a device ({@code /iam/users}, {@code /iam/settings}, {@code /iam/pairing-tokens} and the
 * others of spec/coap-api.md) and the module that installs them with access control.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.iam;
