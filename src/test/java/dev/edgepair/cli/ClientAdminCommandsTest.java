package dev.edgepair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.internal.pairing.PairingFixture;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.tags.EndToEnd;

/**
 * The {@code edgepair client} commands that now go through DeviceAdmin print what they printed when they wrote the
 * requests by hand: each is compared with the raw answer of the same request ({@code client get}/{@code delete}),
 * and the invitation and token they print pair a new client.
 */
@EndToEnd
class ClientAdminCommandsTest {
    @TempDir
    Path dir;

    private record Out(int exit, String out, String err) {
    }

    private static Out cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine(0).execute(args);
            return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void usersInvitationsAndTokensPrintWhatTheDeviceAnswers() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults(), IamConfig.defaults(),
                null, false, null)) {
            String home = dir.resolve("admin").toString();
            String local = Client.format(f.device.localAddress());
            assertThat(cli("client", "pair-local", "--home", home, "--address", local, "--name", "laptop").exit())
                    .isZero();

            Out users = cli("client", "users", "--home", home);
            Out raw = cli("client", "get", "/iam/users/admin", "--home", home);
            assertThat(users.exit()).isZero();
            assertThat("2.05 " + firstLine(users.out())).isEqualTo(firstLine(raw.out()));

            Out invite = cli("client", "invite", "--home", home, "--username", "carol", "--invite-address",
                    Client.format(f.device.remoteAddress()));
            assertThat(invite.exit()).as(invite.err()).isZero();
            Matcher m = Pattern.compile("invitation for carol \\(works once, until used or revoked\\): (\\S+)")
                    .matcher(invite.out());
            assertThat(m.find()).as(invite.out()).isTrue();
            PairingString invitation = PairingString.parse(m.group(1));
            assertThat(invitation.username()).isEqualTo("carol");
            assertThat(invitation.fingerprint()).isEqualTo(f.device.fingerprint());
            KnownDevice carol = PairingFixture.newClient().pair(invitation, null, null, "phone");
            assertThat(carol.productId()).isEqualTo("pr-test");
            assertThat(f.iam.state().user("carol").orElseThrow().fingerprints()).hasSize(1);

            Out token = cli("client", "token", "--home", home, "--username", "dave", "--role", "Guest");
            assertThat(token.exit()).as(token.err()).isZero();
            Matcher t = Pattern.compile("token ([0-9a-f]{8}) for dave \\(Guest\\), works once until \\S+Z: (\\S+)")
                    .matcher(token.out());
            assertThat(t.find()).as(token.out()).isTrue();
            assertThat(PairingString.parse(t.group(2)).tokenId()).isEqualTo(t.group(1));

            Out tokens = cli("client", "tokens", "--home", home);
            assertThat(tokens.out()).isEqualTo(cli("client", "get", "/iam/pairing-tokens", "--home", home).out());
            assertThat(tokens.out()).contains("\"dave\"").contains(t.group(1));

            Out second = cli("client", "token", "--home", home, "--username", "erin");
            Matcher t2 = Pattern.compile("token ([0-9a-f]{8}) for erin").matcher(second.out());
            assertThat(t2.find()).isTrue();
            Out revoked = cli("client", "revoke", t.group(1), "--home", home);
            Out deleted = cli("client", "delete", "/iam/pairing-tokens/" + t2.group(1), "--home", home);
            assertThat(revoked.exit()).isZero();
            assertThat(revoked.out()).isEqualTo(deleted.out());
            assertThat(f.iam.state().tokens()).isEmpty();

            Out noSuchToken = cli("client", "revoke", "ffffffff", "--home", home);
            Out rawNoSuchToken = cli("client", "delete", "/iam/pairing-tokens/ffffffff", "--home", home);
            assertThat(noSuchToken.exit()).isEqualTo(1);
            assertThat(noSuchToken.err()).isEqualTo(rawNoSuchToken.err()).contains("no live token ffffffff");
        }
    }
}
