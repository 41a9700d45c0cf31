package dev.edgepair.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.PairingException;
import dev.edgepair.iam.IamState;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PasswordPairing;
import dev.edgepair.transport.ClientTransport.Reply;

/**
 * Red-team finding (medium): one source, knowing nothing, keeps the password window closed for everyone.
 *
 * <p>Every {@code /pake/1} whose round-one proof fails counts as a window failure (PasswordPairing.Start calls
 * recordFailure on an EcJpakeException), although no password was tried: a proof made with any other prover id
 * (for example an old protocol-1 client's {@code edgepair-client}) fails before any J-PAKE work that involves the
 * password. The failures are counted device-wide, not per source, and the per-source throttle (3, then one per 5 s,
 * i.e. 120 per 10 minutes) lets one address make the 20 that close the window in about 85 s, then keep it closed
 * with two requests a minute, for ever. spec/security.md's "Left open" says many sources are needed. Expected: a
 * source cannot close the window for others on its own (at the least, a round one that fails its proof is not a
 * password guess and does not count; better, failures beyond a source's share do not count against others).
 */
class OneSourceKeepsThePasswordWindowClosedTest {
    @TempDir
    Path dir;

    @Test
    void twentyBadRoundOnesFromOneAddressLockOutAnHonestClientElsewhere() throws Exception {
        try (RedTeamDevice d = new RedTeamDevice(dir, PasswordPairing.Options.defaults().alwaysOpen())) {
            IamState before = d.iam.state();
            Client attacker = RedTeamDevice.client("127.0.0.2");
            try (DeviceConnection c = attacker.connect(d.device.remoteAddress())) {
                for (int i = 0; i < 20; i++) {
                    d.advance(Duration.ofSeconds(5)); // one token back in the attacker's own bucket each time
                    // a round one proved with another prover id: no password is tried at all
                    RedTeamDevice.Pake bad = new RedTeamDevice.Pake("Username", "", "user:",
                            new DeviceSecrets("pr-test", "de-test").password("", "anything-at-all"),
                            "edgepair-client");
                    Reply r = bad.start(c);
                    assertThat(r.code()).as(r.text()).isEqualTo("4.01");
                }
            }
            assertThat(d.iam.state()).isEqualTo(before);
            // 100 s of the attacker's time later, an honest client from another address with the right password:
            Client honest = RedTeamDevice.client("127.0.0.3");
            PairingException refused = null;
            try {
                honest.pairPasswordOpen(d.device.remoteAddress(), null, RedTeamDevice.OPEN_PASSWORD, "honest", "");
            } catch (PairingException e) {
                refused = e;
            }
            assertThat(refused).as("the honest client is locked out by one source: %s",
                    refused == null ? "" : refused.code() + " " + refused.getMessage()).isNull();
            assertThat(d.iam.state().user("honest")).isPresent();
        }
    }
}
