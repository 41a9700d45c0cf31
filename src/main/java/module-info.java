/**
 * EdgePair: device pairing over EC J-PAKE, bound to the DTLS session, on CoAP.
 *
 * <p>The exported packages are the API; everything under {@code dev.edgepair.internal} may change in any release.
 * A device application starts from {@link dev.edgepair.device.Device}, a client application from
 * {@link dev.edgepair.client.Client}.
 */
module dev.edgepair {
    exports dev.edgepair.device;
    exports dev.edgepair.endpoint;
    exports dev.edgepair.client;
    exports dev.edgepair.iam;
    exports dev.edgepair.identity;
    exports dev.edgepair.pairing;
    exports dev.edgepair.wire;
    exports dev.edgepair.net;
    exports dev.edgepair.discovery;

    requires californium.core;
    requires element.connector;
    requires scandium;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires com.fasterxml.jackson.databind;
    requires cbor;
    requires javax.jmdns;
    requires org.slf4j;
}
