/**
 * The CoAP endpoint framework a device's endpoints are written against, EdgePair's and an application's.
 *
 * <p>Each {@link dev.edgepair.endpoint.Endpoint} is one method on one path pattern, and every request runs the same
 * pipeline: read the path parameters and body, check access, act. An endpoint sees the request as a
 * {@link dev.edgepair.endpoint.Call} (who sent it, on which listener, the path and the body), answers with a
 * {@link dev.edgepair.endpoint.Reply}, or throws a {@link dev.edgepair.endpoint.Refusal} that becomes a CoAP error
 * code with a short diagnostic. {@link dev.edgepair.endpoint.AccessControl} decides whether the caller may perform an
 * action (a device with IAM uses its policies).
 */
package dev.edgepair.endpoint;
