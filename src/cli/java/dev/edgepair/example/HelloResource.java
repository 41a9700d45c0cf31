package dev.edgepair.example;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.endpoint.Reply;

/**
 * {@code GET /hello}: the application resource of the Nabto Edge 5.1 example. Install it guarded by an action,
 * {@code builder.resource("hello", HelloResource.ACTION, new HelloResource())}, and IAM answers 4.03 to whoever the
 * action is denied (in the default config: unpaired clients and guests).
 */
public final class HelloResource extends DeviceResource {
    public static final String ACTION = "Hello:Get";

    public HelloResource() {
        super("hello");
    }

    @Override
    protected Reply get(Call call) {
        return Reply.text(ResponseCode.CONTENT, "Hello world");
    }
}
