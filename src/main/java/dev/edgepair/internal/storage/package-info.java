/**
 * Crash-safe file writes: temporary file, fsync, atomic rename, directory fsync.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.storage;
