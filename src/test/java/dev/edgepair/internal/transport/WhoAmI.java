package dev.edgepair.internal.transport;

import java.util.Map;
import java.util.function.Consumer;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.endpoint.ConnectionCall;
import dev.edgepair.wire.CborMap;

/** A test endpoint at {@code GET /whoami} that echoes what the device saw of the connection. */
final class WhoAmI extends Endpoint<Void> {
    private final Consumer<RequestContext> onCall;

    WhoAmI(Consumer<RequestContext> onCall) {
        super(Method.GET, "whoami", null);
        this.onCall = onCall;
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    protected Reply act(Call call, Void none) {
        RequestContext context = ConnectionCall.context(call);
        onCall.accept(context);
        return Reply.content(CborMap.builder()
                .put("Fingerprint", call.clientFingerprint().hex())
                .put("Local", call.isLocal())
                .put("Exporter", context.exporter()).build());
    }
}
