package dev.edgepair.example;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Reply;

/**
 * {@code GET /hello}: the application endpoint of the Nabto Edge 5.1 example, guarded by its own IAM action
 * {@code Hello:Get}: IAM answers 4.03 to whoever the action is denied (in the default config: unpaired clients and
 * guests).
 */
public final class HelloEndpoint extends Endpoint<Void> {
    /** The IAM action a caller needs. */
    public static final String ACTION = "Hello:Get";

    /** The endpoint at {@code GET /hello}. */
    public HelloEndpoint() {
        super(Method.GET, "hello", ACTION);
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    protected Reply act(Call call, Void none) {
        return Reply.text("Hello world");
    }
}
