package dev.edgepair.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceAdmin;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingException;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.RequestRefusedException;
import dev.edgepair.client.Response;
import dev.edgepair.discovery.Discovery;
import dev.edgepair.identity.IdentityException;
import dev.edgepair.pairing.PairingString;
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
                ClientCommand.Tokens.class, ClientCommand.Revoke.class, ClientCommand.Devices.class,
                ClientCommand.Forget.class, ClientCommand.Remember.class, ClientCommand.Discover.class})
final class ClientCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** Shared error handling: every failure is one or two lines that say what happened and what to do. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ClientOptions opts;

        abstract int execute(Client client) throws Exception;

        @Override
        public final Integer call() throws Exception {
            Duration timeout = opts.timeout();
            try (ClientHome home = ClientHome.open(opts.home, timeout)) {
                return execute(home.client);
            } catch (ClientHome.StoreFailed e) {
                KnownDevice d = e.device;
                Safe.err("the device " + d.productId() + "/" + d.deviceId() + " paired this client, but saving it in "
                        + opts.home.resolve("known-devices.json") + " failed (" + e.getMessage() + ").\n"
                        + "The device already holds this client's key: fix the home, then run `edgepair client "
                        + "remember --home " + opts.home + " --fp " + d.fingerprint().hex() + " --address "
                        + d.lastAddress() + "` (or pair again with a fresh invitation, token or the open password).");
            } catch (PairingException e) {
                Safe.err("pairing failed: " + Explain.pairing(e));
            } catch (BadRequest e) {
                Safe.err("pairing failed: " + e.getMessage());
            } catch (RequestRefusedException e) {
                Safe.err(Explain.reply(e.method(), e.path(), e.code(), e.reason(), 0));
            } catch (DeviceKeyChangedException e) {
                Safe.err(e.getMessage());
            } catch (IOException | IdentityException | IllegalArgumentException e) {
                Safe.err(Explain.io(e.getMessage(), timeout));
            }
            return 1;
        }

        static String path(String p) {
            return p.startsWith("/") ? p : "/" + p;
        }

        /** A pairing request as built, or what is wrong with it. */
        static PairingRequest request(PairingRequest.Builder b) throws BadRequest {
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }

        /** A successful answer on standard output, an error as a sentence worded for this request; the exit code. */
        static int print(String method, String path, Response r) {
            if (!r.isSuccess()) {
                Safe.err(Explain.reply(method, path, r.code(), r.text(), r.maxAge()));
                return 1;
            }
            Safe.out(r.code() + " " + render(r));
            return 0;
        }

        static String render(Response r) {
            if (r.contentFormat() == 60) {
                try {
                    return Cbor.decodeMap(r.payload()).toString();
                } catch (WireException e) {
                    return "<bad CBOR: " + e.getMessage() + ">";
                }
            }
            return r.text();
        }

        /** Prints a pairing string after {@code heading}, then its QR code. */
        static String showPairingString(String heading, PairingString ps) {
            String s = ps.format();
            Safe.out(heading + s);
            System.out.print(Qr.terminal(s));
            return s;
        }

        /** A user as the device sends it ({@code GET /iam/users/U}), for output that scripts parse. */
        static CborMap userMap(DeviceAdmin.DeviceUser u) throws WireException {
            return wire(CborMap.builder().put("Username", u.username()).put("DisplayName", u.displayName())
                    .put("Role", u.role()).putMaps("Fingerprints", u.keys().stream()
                            .map(k -> CborMap.builder().put("Fingerprint", k.fingerprint().hex())
                                    .put("Name", k.name()).build()).toList()).build());
        }

        /** The map as it comes off the wire (canonical key order), so that it prints as the device's answer. */
        static CborMap wire(CborMap map) throws WireException {
            return Cbor.decodeMap(Cbor.encode(map));
        }

        static void paired(KnownDevice d) {
            Safe.out("paired with " + d.productId() + "/" + d.deviceId() + ", device fingerprint "
                    + d.fingerprint().hex() + " (pinned from now on)");
        }
    }

    /** A pairing request the options do not make: "pairing failed: " and why, exit 1. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    @Command(name = "pair", mixinStandardHelpOptions = true,
            description = "Pair from a pairing string (p=..,d=..,[u=..|tid=..],pwd=..[,fp=..][,a=..]); without a= "
                    + "the device is looked up on the LAN (mDNS).")
    static final class Pair extends Base {
        @Option(names = "--string", required = true, description = "The pairing string (or QR code text).")
        String string;

        @Option(names = "--username", description = "Your username, for open pairing.")
        String username;

        @Option(names = "--name", defaultValue = "", description = "A name for this client's key, e.g. phone.")
        String name;

        @Override
        int execute(Client client) throws Exception {
            PairingString ps;
            try {
                ps = PairingString.parse(string);
            } catch (IllegalArgumentException e) {
                throw new IOException("--string: " + e.getMessage() + " (e.g. p=pr-..,d=de-..,pwd=..,a=host:port)");
            }
            InetSocketAddress address = opts.addressOrNull();
            if (address == null && ps.address() != null) {
                address = ClientOptions.resolve("a=", ps.address());
            }
            if (address == null) {
                address = lookUp(ps);
            }
            PairingRequest.Builder b = PairingRequest.fromPairingString(ps).address(address).keyName(name);
            if (!ps.isToken() && (ps.username() == null || ps.username().isEmpty())) {
                b.username(username);
            }
            PairingRequest request = request(b);
            Safe.out("pairing with " + Client.format(address) + " (EC J-PAKE over DTLS)...");
            try {
                paired(client.pair(request));
            } catch (DeviceKeyChangedException e) {
                if (ps.fingerprint() != null && e.expected().equals(ps.fingerprint())
                        && (ps.productId() == null || ps.deviceId() == null
                        || client.knownDevices().find(ps.productId(), ps.deviceId()).isEmpty())) {
                    throw new IOException("the device at " + Client.format(address) + " presented key "
                            + e.presented().hex() + ", not the fp= of the pairing string (" + e.expected().hex()
                            + ").\nAnother device answered, or the pairing string is wrong; nothing was stored.");
                }
                throw e;
            }
            return 0;
        }

        /** The device of a pairing string without a=, by mDNS; the pairing (or fp=) still authenticates it. */
        private InetSocketAddress lookUp(PairingString ps) throws IOException {
            if (ps.productId() == null || ps.deviceId() == null) {
                throw new IOException("the pairing string has no a= (address) and no p=/d= to look the device up "
                        + "by; give --address host:port");
            }
            Safe.out("looking for " + ps.productId() + "/" + ps.deviceId() + " on the LAN (mDNS)...");
            for (Discovery.Found f : Discovery.browse(Discovery.lanAddresses(), Duration.ofSeconds(3))) {
                if (f.productId().equals(ps.productId()) && f.deviceId().equals(ps.deviceId())
                        && !f.addresses().isEmpty()) {
                    return f.addresses().get(0);
                }
            }
            throw new IOException("device " + ps.productId() + "/" + ps.deviceId() + " not found on the LAN (mDNS): "
                    + "is it running, on this network? Give its address with --address host:port");
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
            paired(client.pair(request(username == null
                    ? PairingRequest.localInitial(opts.requiredAddress()).keyName(name)
                    : PairingRequest.localOpen(opts.requiredAddress()).username(username).keyName(name))));
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
            InetSocketAddress a = opts.requiredAddress();
            PairingRequest request = request((invited ? PairingRequest.passwordInvite(a)
                    : PairingRequest.passwordOpen(a)).username(username).password(password).keyName(name));
            Safe.out("pairing with " + Client.format(a) + " (EC J-PAKE over DTLS)...");
            paired(client.pair(request));
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
            InetSocketAddress a = opts.requiredAddress();
            PairingRequest request = request(PairingRequest.token(a).tokenId(tokenId).token(token).keyName(name));
            Safe.out("pairing with " + Client.format(a) + " (EC J-PAKE over DTLS)...");
            paired(client.pair(request));
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
                return print("GET", path(path), c.get(path(path)));
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
                return print("DELETE", path(path), c.delete(path(path)));
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
                return print(put ? "PUT" : "POST", path(path), put ? c.put(path(path), b.build())
                        : c.post(path(path), b.build()));
            }
        }
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "List the device's users.")
    static final class Users extends Base {
        @Option(names = "--json", description = "One JSON array of the users.")
        boolean json;

        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                DeviceAdmin admin = c.admin();
                ArrayNode all = Json.NODES.arrayNode();
                for (String u : admin.listUsers()) {
                    CborMap user;
                    try {
                        user = userMap(admin.getUser(u));
                    } catch (RequestRefusedException e) {
                        user = null;
                    }
                    if (json) {
                        all.add(user != null ? Json.fromCbor(Cbor.encode(user))
                                : Json.NODES.objectNode().put("Username", u));
                    } else {
                        Safe.out(user != null ? user.toString() : u);
                    }
                }
                if (json) {
                    Json.print(all);
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

        @Option(names = "--invite-address", description = "host:port the invitee reaches the device at (a= of the "
                + "invitation; default: the address this client used).")
        String inviteAddress;

        @Override
        int execute(Client client) throws Exception {
            KnownDevice d = opts.known(client);
            String a = inviteAddress(inviteAddress, opts, d);
            try (DeviceConnection c = opts.connect(client)) {
                DeviceAdmin.Invitation invitation = c.admin().invite(username, role);
                showPairingString("invitation for " + username + " (works once, until used or revoked): ",
                        invitation.pairingString(d, a));
                Safe.out("the invitee needs this string (or the QR code) and to reach " + a + "; pairing with a "
                        + "password needs the device's pairing window open (`edgepair device window open` on the "
                        + "device)");
                return 0;
            }
        }
    }

    /** The a= of an invitation or token: the admin's choice, else the address this client reaches the device at. */
    static String inviteAddress(String given, ClientOptions opts, KnownDevice d) throws IOException {
        if (given != null) {
            ClientOptions.resolve("--invite-address", given);
            return given;
        }
        return opts.address != null ? opts.address : d.lastAddress();
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

        @Option(names = "--invite-address", description = "host:port the new user reaches the device at (a= of the "
                + "token; default: the address this client used).")
        String inviteAddress;

        @Override
        int execute(Client client) throws Exception {
            KnownDevice d = opts.known(client);
            String a = inviteAddress(inviteAddress, opts, d);
            try (DeviceConnection c = opts.connect(client)) {
                DeviceAdmin.IssuedToken t = c.admin().createPairingToken(DeviceAdmin.NewToken.forUser(username)
                        .withRole(role).validFor(Duration.ofSeconds(valid)));
                showPairingString("token " + t.token().id() + " for " + username + " (" + t.token().role()
                        + "), works once until " + t.token().expires() + ": ", t.pairingString(d, a));
                return 0;
            }
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "List live pairing tokens.")
    static final class Tokens extends Base {
        @Option(names = "--json", description = "The device's answer as JSON.")
        boolean json;

        @Override
        int execute(Client client) throws Exception {
            try (DeviceConnection c = opts.connect(client)) {
                CborMap tokens = wire(CborMap.builder().putMaps("Tokens", c.admin().listPairingTokens().stream()
                        .map(t -> CborMap.builder().put("Id", t.id()).put("Username", t.username())
                                .put("Role", t.role()).put("Expires", t.expires().getEpochSecond()).build())
                        .toList()).build());
                if (json) {
                    Json.print(Json.fromCbor(Cbor.encode(tokens)));
                } else {
                    Safe.out("2.05 " + tokens);
                }
                return 0;
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
                c.admin().deletePairingToken(id);
                Safe.out("2.02 ");
                return 0;
            }
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "List known devices.")
    static final class Devices extends Base {
        @Option(names = "--json", description = "One JSON object: this client's fingerprint and the devices.")
        boolean json;

        @Override
        int execute(Client client) {
            List<KnownDevice> all = client.knownDevices().list();
            if (json) {
                ObjectNode o = Json.NODES.objectNode().put("ClientFingerprint", client.fingerprint().hex());
                ArrayNode arr = o.putArray("Devices");
                for (KnownDevice d : all) {
                    arr.addObject().put("ProductId", d.productId()).put("DeviceId", d.deviceId())
                            .put("Fingerprint", d.fingerprint().hex()).put("Address", d.lastAddress())
                            .put("Name", d.name());
                }
                Json.print(o);
                return 0;
            }
            Safe.out("client fingerprint " + client.fingerprint().hex() + "; " + all.size() + " known device(s)");
            for (KnownDevice d : all) {
                Safe.out(d.productId() + "/" + d.deviceId() + "  " + d.fingerprint().hex() + "  "
                        + d.lastAddress() + (d.name().isEmpty() ? "" : "  " + d.name()));
            }
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Forget a known device (its pinned key); pair again to use it.")
    static final class Forget extends Base {
        @Override
        int execute(Client client) throws Exception {
            KnownDevice d = opts.known(client);
            client.knownDevices().forget(d.productId(), d.deviceId());
            Safe.out("forgot " + d.productId() + "/" + d.deviceId() + "; the device still lists this client's key "
                    + "until an admin deletes it");
            return 0;
        }
    }

    @Command(name = "remember", mixinStandardHelpOptions = true,
            description = "Store a device this client is already paired with (e.g. after saving it failed): connects "
                    + "pinned to --fp at --address and checks the device knows this client (GET /iam/me).")
    static final class Remember extends Base {
        @Option(names = "--fp", required = true, description = "The device fingerprint (64 hex).")
        String fp;

        @Override
        int execute(Client client) throws Exception {
            if (!dev.edgepair.identity.Fingerprint.isValid(fp)) {
                throw new DeviceCommand.UsageError("--fp is 64 lowercase hex characters");
            }
            InetSocketAddress a = opts.requiredAddress();
            dev.edgepair.identity.Fingerprint pinned = dev.edgepair.identity.Fingerprint.parse(fp);
            try (DeviceConnection c = client.connect(a, pinned)) {
                DeviceAdmin.DeviceUser me;
                try {
                    me = c.admin().me();
                } catch (RequestRefusedException e) {
                    Safe.err("the device at " + Client.format(a) + " (key " + fp + ") does not know this client ("
                            + e.code() + "): pair with it instead");
                    return 1;
                }
                var description = c.describe();
                KnownDevice known = new KnownDevice(description.productId(), description.deviceId(), pinned,
                        description.friendlyName(), Client.format(a));
                client.knownDevices().remember(known);
                Safe.out("stored " + known.productId() + "/" + known.deviceId() + " (key " + fp + ") at "
                        + Client.format(a) + "; this client is " + userMap(me));
                return 0;
            }
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = "List EdgePair devices announced on the LAN (mDNS/DNS-SD, _edgepair._udp).")
    static final class Discover implements Callable<Integer> {
        @Option(names = "--timeout", defaultValue = "3", description = "Seconds to listen (default: 3).")
        int seconds;

        @Option(names = "--json", description = "One JSON array.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || seconds > 60) {
                throw new DeviceCommand.UsageError("--timeout " + seconds + ": give 1-60 seconds");
            }
            List<InetAddress> on = Discovery.lanAddresses();
            if (on.isEmpty()) {
                throw new IOException("no LAN interface is up; nothing to browse on");
            }
            List<Discovery.Found> found = Discovery.browse(on, Duration.ofSeconds(seconds));
            if (json) {
                ArrayNode arr = Json.NODES.arrayNode();
                for (Discovery.Found f : found) {
                    ObjectNode o = arr.addObject().put("Instance", f.instance()).put("ProductId", f.productId())
                            .put("DeviceId", f.deviceId())
                            .put("Fingerprint", f.fingerprint() == null ? null : f.fingerprint().hex());
                    f.modes().forEach(o.putArray("Modes")::add);
                    ArrayNode addresses = o.putArray("Addresses");
                    f.addresses().forEach(a -> addresses.add(Client.format(a)));
                }
                Json.print(arr);
                return 0;
            }
            for (Discovery.Found f : found) {
                Safe.out(f.productId() + "/" + f.deviceId() + "  " + String.join(" ", f.addresses().stream()
                        .map(Client::format).toList()) + "  fp=" + (f.fingerprint() == null ? "?" : f.fingerprint()
                        .hex()) + "  modes: " + (f.modes().isEmpty() ? "none" : String.join(",", f.modes())));
            }
            Safe.out(found.size() + " device(s) found in " + seconds + " s");
            return 0;
        }
    }
}
