/**
 * The one bridge through which internal code reads a stored secret's bytes, so that no exported type hands them out.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.secret;
