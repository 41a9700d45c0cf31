/**
 * The runtime of device endpoints on Californium: the resource that routes a path subtree to its endpoints, runs
 * their pipeline and maps refusals and bad bodies to CoAP codes, and the IAM access control and error mapping they
 * share.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.endpoint;
