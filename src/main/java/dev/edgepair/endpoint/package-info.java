/**
 * The CoAP endpoint framework a device's handlers are written against, EdgePair's and an application's.
 *
 * <p>A handler sees a request as a {@link dev.edgepair.endpoint.Call} (the connection, the body, the path below its
 * resource), answers with a {@link dev.edgepair.endpoint.Reply}, or throws a {@link dev.edgepair.endpoint.Refusal}
 * that becomes a CoAP error code with a short diagnostic. {@link dev.edgepair.endpoint.AccessControl} decides
 * whether the caller may perform an action (the IAM module implements it).
 */
package dev.edgepair.endpoint;
