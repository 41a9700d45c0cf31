package dev.edgepair.internal.transport;

import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.wire.CborMap;

/** A test resource at {@code /whoami} that echoes what the device saw of the connection. */
final class WhoAmI extends DeviceResource {
    private final Consumer<RequestContext> onCall;

    WhoAmI(Consumer<RequestContext> onCall) {
        super("whoami");
        this.onCall = onCall;
    }

    @Override
    protected Reply get(Call call) {
        onCall.accept(call.context());
        return Reply.cbor(ResponseCode.CONTENT, CborMap.builder()
                .put("Fingerprint", call.clientFingerprint().hex())
                .put("Local", call.isLocal())
                .put("Exporter", call.context().exporter()).build());
    }
}
