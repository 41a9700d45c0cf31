package dev.edgepair.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.tags.EndToEnd;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;

/**
 * spec/architecture.md, "The endpoint pipeline": every endpoint reads its parameters and body before it checks
 * access, so one malformed request gets the same 4.00 from every endpoint whoever sends it, and changes nothing. The
 * routes come from the device itself, so a new endpoint is covered without touching this test.
 */
@EndToEnd
class EndpointPipelineTest {

    @Test
    void aMalformedBodyIs400FromEveryEndpointBeforeAnyAccessDecision(@TempDir Path dir) throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        try (Device device = TestDevices.device(Identity.generate()).iam(iam)
                .passwordPairing(PairingOptions.defaults()).endpoint(new HelloEndpoint()).build().start();
             ClientTransport stranger = ClientTransport.connect(Identity.generate(), device.remoteAddress(),
                     device.fingerprint(), TestDevices.FAST)) {
            IamState before = iam.state();
            List<Routes.Route> withBody = Routes.of(device).stream()
                    .filter(r -> r.method().equals("POST") || r.method().equals("PUT")).toList();
            assertThat(withBody).hasSizeGreaterThan(10);
            byte[] garbage = {(byte) 0xa1, 0x61}; // a map whose first key is cut off
            byte[] unknownField = Cbor.encode(CborMap.builder().put("Zz", 0).build());
            for (Routes.Route r : withBody) {
                String path = "/" + r.path().replace("{username}", "admin").replace("{fingerprint}", "a".repeat(64))
                        .replace("{setting}", "friendly-name").replace("{id}", "0123abcd");
                for (byte[] body : List.of(garbage, unknownField)) {
                    ClientTransport.Reply reply = r.method().equals("POST")
                            ? stranger.post(path, body, MediaTypeRegistry.APPLICATION_CBOR)
                            : stranger.put(path, body, MediaTypeRegistry.APPLICATION_CBOR);
                    assertThat(reply.code()).as(r + " " + reply.text()).isEqualTo("4.00");
                    if (body == unknownField && !path.equals("/pake/2")) {
                        // /pake/2 takes the pending exchange before it reads (there is none here)
                        assertThat(reply.text()).as(r.toString()).contains("Zz");
                    }
                }
            }
            assertThat(iam.state()).isEqualTo(before);
        }
    }

    @Test
    void theDeviceRefusesEndpointsItCannotRouteUnambiguously() {
        Endpoint<Void> hello = new HelloEndpoint();
        assertThatThrownBy(() -> TestDevices.device(Identity.generate()).endpoint(hello).endpoint(new HelloEndpoint())
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two endpoints for GET hello");
        assertThatThrownBy(() -> TestDevices.device(Identity.generate()).endpoint(new Endpoint<Void>(
                Endpoint.Method.GET, "{x}/y", null) {
            @Override
            protected Void read(Call call, Map<String, String> params) {
                return null;
            }

            @Override
            protected Reply act(Call call, Void none) {
                return Reply.changed();
            }
        }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed segment");
    }

    @Test
    void passwordPairingNeedsIamAndIamIsTheOnlyAccessControl(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TestDevices.device(Identity.generate()).passwordPairing(PairingOptions.defaults())
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("needs IAM");
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("s.json")));
        assertThatThrownBy(() -> TestDevices.device(Identity.generate()).iam(iam)
                .accessControl((call, action, attributes) -> { }).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("IAM as its access control");
    }
}
