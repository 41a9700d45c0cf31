package dev.edgepair.example;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.device.Call;
import dev.edgepair.device.DeviceResource;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
import dev.edgepair.iam.AccessList;

/** {@code GET /hello}: the application resource of the Nabto Edge 5.1 example; paired clients only (4.03 otherwise). */
public final class HelloResource extends DeviceResource {
    private final AccessList access;

    public HelloResource(AccessList access) {
        super("hello");
        this.access = access;
    }

    @Override
    protected Reply get(Call call) throws Refusal {
        if (!access.isPaired(call.clientFingerprint())) {
            throw Refusal.forbidden("not paired");
        }
        return Reply.text(ResponseCode.CONTENT, "Hello world");
    }
}
