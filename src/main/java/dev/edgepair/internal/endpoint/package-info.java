/**
 * The runtime of device endpoints on Californium: the resource base class that builds each call, runs its handler
 * and maps refusals and bad bodies to CoAP codes, and the routing of a path subtree to endpoints.
 *
 * <p>Internal: not part of the API.
 */
package dev.edgepair.internal.endpoint;
