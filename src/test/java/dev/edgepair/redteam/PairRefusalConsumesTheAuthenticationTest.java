package dev.edgepair.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.iam.IamState;
import dev.edgepair.pairing.PasswordPairing;
import dev.edgepair.transport.ClientTransport.Reply;
import dev.edgepair.wire.CborMap;

/**
 * Red-team finding (low, code and spec disagree): a refused {@code Pair} in {@code /pake/2} consumes the
 * authentication.
 *
 * <p>spec/pairing.md: "if it is refused, the answer is that refusal (no Confirm), and the connection stays
 * authenticated, so the client may try the pairing-mode endpoint with another name within the exchange timeout".
 * PasswordPairing.Finish puts the Authenticated attribute and pairAuthenticated takes it before the mode refuses
 * (4.09 for a taken name), so the follow-up {@code POST /iam/pairing/password-open} with a free name answers 4.01
 * and the client has paid a throttle token and must start over. Either the code keeps the authentication after a
 * refused {@code Pair} (taken only by a pairing that succeeds), or the spec says it is consumed.
 */
class PairRefusalConsumesTheAuthenticationTest {
    @TempDir
    Path dir;

    @Test
    void afterATakenNameTheConnectionMayPairWithAnotherName() throws Exception {
        try (RedTeamDevice d = new RedTeamDevice(dir, PasswordPairing.Options.defaults().alwaysOpen())) {
            Client c = RedTeamDevice.client(null);
            try (DeviceConnection conn = c.connect(d.device.remoteAddress())) {
                RedTeamDevice.Pake pake = RedTeamDevice.Pake.openPassword(RedTeamDevice.OPEN_PASSWORD);
                assertThat(pake.start(conn).code()).isEqualTo("2.01");
                IamState before = d.iam.state();
                Reply taken = pake.finish(conn, c.fingerprint(), CborMap.builder().put("Username", "admin").build());
                assertThat(taken.code()).as(taken.text()).isEqualTo("4.09");
                assertThat(d.iam.state()).isEqualTo(before);
                Reply other = conn.post("/iam/pairing/password-open", CborMap.builder().put("Username", "carol")
                        .build());
                assertThat(other.code()).as("spec: the connection stays authenticated after a refused Pair; got "
                        + other.code() + " " + other.text()).isEqualTo("2.01");
                assertThat(d.iam.state().user("carol")).isPresent();
            }
        }
    }
}
