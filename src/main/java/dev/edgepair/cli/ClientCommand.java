package dev.edgepair.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingException;
import dev.edgepair.identity.IdentityException;
import dev.edgepair.pairing.Codes;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.transport.ClientTransport.Reply;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgepair client}: pair, talk to devices, manage users, invitations and tokens. */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Pair with and use devices.",
        subcommands = {ClientCommand.Pair.class, ClientCommand.PairLocal.class, ClientCommand.PairPassword.class,
                ClientCommand.PairToken.class, ClientCommand.Get.class, ClientCommand.Post.class, ClientCommand.Delete.class,
                ClientCommand.Users.class, ClientCommand.Invite.class, ClientCommand.Token.class,
                ClientCommand.Tokens.class, ClientCommand.Revoke.class, ClientCommand.Devices.class})
final class ClientCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Shared error handling: every failure is one line that says what happened and what to do. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ClientOptions opts;

        abstract int execute(Client client) throws Exception;

        @Override
        public final Integer call() {
            try {
                return execute(opts.client());
            } catch (PairingException e) {
                System.err.println("edgepair: pairing failed: " + (e.code().isEmpty() ? e.getMessage()
                        : Explain.code(e.code(), e.getMessage(), 60)));
            } catch (DeviceKeyChangedException e) {
                System.err.println("edgepair: " + e.getMessage());
            } catch (IOException | IdentityException | IllegalArgumentException e) {
                System.err.println("edgepair: " + e.getMessage());
            } catch (Exception e) {
                System.err.println("edgepair: unexpected error: " + e);
            }
            return 1;
        }

        static int print(Reply r) {
            if (!r.isSuccess()) {
                System.err.println("edgepair: " + Explain.code(r.code(), r.text(), r.maxAge()));
                return 1;
            }
            System.out.println(r.code() + " " + render(r));
            return 0;
        }

        static String render(Reply r) {
            if (r.contentFormat() == 60) {
                try {
                    return Cbor.decodeMap(r.payload()).toString();
                } catch (WireException e) {
                    return "<bad CBOR: " + e.getMessage() + ">";
                }
            }
            return r.text();
        }

        /** Prints a pairing string for device {@code d} after {@code heading}, then its QR code. */
        static void showPairingString(String heading, KnownDevice d, String username, String secret, String tokenId) {
            String s = new PairingString(d.productId(), d.deviceId(), username, secret, tokenId, d.fingerprint(),
                    d.lastAddress().isEmpty() ? null : d.lastAddress()).format();
            System.out.println(heading + s);
            System.out.print(Qr.terminal(s));
        }

        static void paired(KnownDevice d) {
            System.out.println("paired with " + d.productId() + "/" + d.deviceId() + ", device fingerprint "
                    + d.fingerprint().hex() + " (pinned from now on)");
        }
    }

    @Command(name = "pair", mixinStandardHelpOptions = true,
            description = "Pair from a pairing string (p=..,d=..,[u=..|tid=..],pwd=..[,fp=..][,a=..]).")
    static final class Pair extends Base {
        @Option(names = "--string", required = true, description = "The pairing string (or QR code text).")
        String string;

        @Option(names = "--username", description = "Your username, for open pairing.")
        String username;

        @Option(names = "--name", defaultValue = "", description = "A name for this client's key, e.g. phone.")
        String name;

        @Override
        int execute(Client client) throws Exception {
            System.out.println("pairing (EC J-PAKE over DTLS)...");
            paired(client.pair(PairingString.parse(string), opts.address == null ? null : opts.requiredAddress(),
                    username, name));
            return 0;
        }
    }

    @Command(name = "pair-local", mixinStandardHelpOptions = true,
            description = "Pair on the device's local listener: local-initial, or local-open with --username.")
    static final class PairLocal extends Base {
        @Option(names = "--username", description = "New username (local-open); without it: local-initial.")
        String username;

        @Option(names = "--name", defaultValue = "", description = "A name for this client's key.")
        String name;

        @Override
        int execute(Client client) throws Exception {
            paired(username == null ? client.pairLocalInitial(opts.requiredAddress(), name)
                    : client.pairLocalOpen(opts.requiredAddress(), username, name));
            return 0;
        }
    }

    @Command(name = "pair-password", mixinStandardHelpOptions = true,
            description = "Pair with the open-pairing password (new user --username) or an invitation (--invited).")
    static final class PairPassword extends Base {
        @Option(names = "--password", required = true, description = "The password.")
        String password;

        @Option(names = "--username", required = true, description = "New username, or the invited username.")
        String username;

        @Option(names = "--invited", description = "The password is an invitation for --username.")
        boolean invited;

        @Option(names = "--name", defaultValue = "", description = "A name for this client's key.")
        String name;

        @Override
        int execute(Client client) throws Exception {
            System.out.println("pairing (EC J-PAKE over DTLS)...");
            paired(invited ? client.pairPasswordInvite(opts.requiredAddress(), null, username, password, name)
                    : client.pairPasswordOpen(opts.requiredAddress(), null, password, username, name));
            return 0;
        }
    }

    @Command(name = "pair-token", mixinStandardHelpOptions = true, description = "Pair with a pairing token.")
    static final class PairToken extends Base {
        @Option(names = "--token-id", required = true, description = "The token id (8 hex).")
        String tokenId;

        @Option(names = "--token", required = true, description = "The token (16 symbols, dashes optional).")
        String token;

        @Option(names = "--name", defaultValue = "", description = "A name for this client's key.")
        String name;

        @Override
        int execute(Client client) throws Exception {
            System.out.println("pairing (EC J-PAKE over DTLS)...");
            paired(client.pairWithToken(opts.requiredAddress(), null, tokenId, token, name));
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "GET a resource of a known device.")
    static final class Get extends Base {
        @Parameters(paramLabel = "PATH", description = "e.g. /hello or /iam/me")
        String path;

        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                return print(c.get(path));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "DELETE a resource of a known device, e.g. /iam/users/bob.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "PATH")
        String path;

        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                return print(c.delete(path));
            }
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true,
            description = "POST a CBOR map built from --field key=value (true/false and digits become bool/int).")
    static final class Post extends Base {
        @Parameters(paramLabel = "PATH")
        String path;

        @Option(names = "--field", description = "key=value")
        Map<String, String> fields = Map.of();

        @Option(names = "--put", description = "Send PUT instead of POST.")
        boolean put;

        @Override
        int execute(Client client) throws Exception {
            CborMap.Builder b = CborMap.builder();
            fields.forEach((k, v) -> {
                if (v.equals("true") || v.equals("false")) {
                    b.put(k, Boolean.parseBoolean(v));
                } else if (v.matches("[0-9]{1,18}")) {
                    b.put(k, Long.parseLong(v));
                } else {
                    b.put(k, v);
                }
            });
            try (DeviceConnection c = opts.connect(client)) {
                return print(put ? c.put(path, b.build()) : c.post(path, b.build()));
            }
        }
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "List the device's users.")
    static final class Users extends Base {
        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                Reply r = c.get("/iam/users");
                if (!r.isSuccess()) {
                    return print(r);
                }
                for (String u : DeviceConnection.cbor(r).textList("Users", 10_000, 64)) {
                    Reply user = c.get("/iam/users/" + u);
                    System.out.println(user.isSuccess() ? render(user) : u);
                }
                return 0;
            }
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true,
            description = "Invite a user: create it, set a one-time password, print the pairing string.")
    static final class Invite extends Base {
        @Option(names = "--username", required = true)
        String username;

        @Option(names = "--role", defaultValue = "Standard")
        String role;

        @Override
        int execute(Client client) throws Exception {
            KnownDevice d = opts.known(client);
            try (DeviceConnection c = opts.connect(client)) {
                Reply created = c.post("/iam/users", CborMap.builder().put("Username", username).put("Role", role)
                        .build());
                if (!created.isSuccess() && !created.code().equals("4.09")) {
                    return print(created);
                }
                String password = Codes.newPassword();
                Reply set = c.put("/iam/users/" + username + "/password", CborMap.builder().put("Password", password)
                        .build());
                if (!set.isSuccess()) {
                    return print(set);
                }
                Reply on = c.put("/iam/settings/password-invite-pairing", CborMap.builder().put("Value", true)
                        .build());
                if (!on.isSuccess()) {
                    return print(on);
                }
                showPairingString("invitation for " + username + " (works once): ", d, username, password, null);
                return 0;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Create a one-time pairing token for a user and role; print its pairing string.")
    static final class Token extends Base {
        @Option(names = "--username", required = true)
        String username;

        @Option(names = "--role", description = "Role (default: the open-pairing role).")
        String role;

        @Option(names = "--valid-seconds", defaultValue = "86400")
        long valid;

        @Override
        int execute(Client client) throws Exception {
            KnownDevice d = opts.known(client);
            try (DeviceConnection c = opts.connect(client)) {
                CborMap.Builder b = CborMap.builder().put("Username", username).put("ValidSeconds", valid);
                if (role != null) {
                    b.put("Role", role);
                }
                Reply r = c.post("/iam/pairing-tokens", b.build());
                if (!r.isSuccess()) {
                    return print(r);
                }
                CborMap t = DeviceConnection.cbor(r);
                showPairingString("token " + t.text("Id", 8) + " for " + username + " (" + t.text("Role", 64)
                        + "), works once until " + java.time.Instant.ofEpochSecond(t.unsigned("Expires",
                        Long.MAX_VALUE)) + ": ", d, null, t.text("Token", 32), t.text("Id", 8));
                return 0;
            }
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "List live pairing tokens.")
    static final class Tokens extends Base {
        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                return print(c.get("/iam/pairing-tokens"));
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a pairing token.")
    static final class Revoke extends Base {
        @Parameters(paramLabel = "TOKEN_ID")
        String id;

        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                return print(c.delete("/iam/pairing-tokens/" + id));
            }
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "List known devices.")
    static final class Devices extends Base {
        @Override
        int execute(Client client) {
            List<KnownDevice> all = client.knownDevices().list();
            System.out.println("client fingerprint " + client.fingerprint().hex() + "; " + all.size()
                    + " known device(s)");
            for (KnownDevice d : all) {
                System.out.println(d.productId() + "/" + d.deviceId() + "  " + d.fingerprint().hex() + "  "
                        + d.lastAddress() + (d.name().isEmpty() ? "" : "  " + d.name()));
            }
            return 0;
        }
    }
}
