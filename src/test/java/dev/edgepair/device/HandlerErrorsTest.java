package dev.edgepair.device;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.endpoint.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** spec/transport.md, "CoAP codes": bad input is a 4.xx with a diagnostic, nothing escapes a handler. */
@EndToEnd
class HandlerErrorsTest {
    private Device device;
    private DeviceConnection connection;

    /** Reads {"Name": text} strictly. */
    static final class Greet extends Endpoint<String> {
        Greet() {
            super(Method.POST, "greet", null);
        }

        @Override
        protected String read(Call call, java.util.Map<String, String> params) throws Refusal,
                dev.edgepair.wire.WireException {
            return call.cbor().onlyKeys("Name").text("Name", 16);
        }

        @Override
        protected Reply act(Call call, String name) {
            return Reply.text("hi " + name);
        }
    }

    static final class Broken extends Endpoint<Void> {
        Broken() {
            super(Method.GET, "broken", null);
        }

        @Override
        protected Void read(Call call, java.util.Map<String, String> params) {
            return null;
        }

        @Override
        protected Reply act(Call call, Void none) {
            throw new IllegalStateException("bug");
        }
    }

    @BeforeEach
    void start() throws Exception {
        device = TestDevices.device(Identity.generate()).endpoint(new Greet())
                .endpoint(new Broken()).build().start();
        connection = Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST).build()
                .connect(device.localAddress());
    }

    @AfterEach
    void stop() {
        connection.close();
        device.close();
    }

    @Test
    void wellFormedBodiesWork() throws Exception {
        assertThat(connection.post("/greet", CborMap.builder().put("Name", "ada").build()).text()).isEqualTo("hi ada");
    }

    @Test
    void garbageIs400WithADiagnostic() throws Exception {
        var reply = connection.post("/greet", new byte[] {(byte) 0xff, 1, 2}, MediaTypeRegistry.APPLICATION_CBOR);
        assertThat(reply.code()).isEqualTo("4.00");
        assertThat(reply.text()).isNotBlank().hasSizeLessThan(100);
    }

    @Test
    void wrongTypesMissingAndUnknownFieldsAre400NamingTheField() throws Exception {
        assertThat(connection.post("/greet", CborMap.builder().put("Name", 7).build()).text())
                .isEqualTo("Name must be text");
        assertThat(connection.post("/greet", CborMap.builder().build()).text()).isEqualTo("missing field Name");
        assertThat(connection.post("/greet", CborMap.builder().put("Name", "a").put("Evil", 1).build()).text())
                .isEqualTo("unknown field Evil");
        assertThat(connection.post("/greet", CborMap.builder().put("Name", "x".repeat(17)).build()).code())
                .isEqualTo("4.00");
    }

    @Test
    void aMethodWithoutAHandlerIs405() throws Exception {
        assertThat(connection.get("/greet").code()).isEqualTo("4.05");
    }

    @Test
    void aHandlerBugIs500AndTheDeviceKeepsServing() throws Exception {
        var reply = connection.get("/broken");
        assertThat(reply.code()).isEqualTo("5.00");
        assertThat(reply.text()).isEqualTo("internal error");
        assertThat(connection.post("/greet", CborMap.builder().put("Name", "b").build()).code()).isEqualTo("2.05");
    }
}
