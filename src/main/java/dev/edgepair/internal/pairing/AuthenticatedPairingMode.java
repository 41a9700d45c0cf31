package dev.edgepair.internal.pairing;

import java.util.Map;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;
import dev.edgepair.wire.WireException;

/**
 * A pairing mode that pairs on the password or token authentication of the same connection: password-open,
 * password-invite and token. Its endpoint and the {@code Pair} request of {@code /pake/2} run the same pipeline:
 * body, switched on, authentication (taken: one use; young enough; of this mode's kind; the window for a password),
 * the mode's IAM check, the change.
 */
abstract class AuthenticatedPairingMode extends PostPairingMode<AuthenticatedPairingMode.Attempt> {
    final PasswordPairing pairing;

    /** One pairing request and, once checked, the authentication it consumed. */
    static final class Attempt {
        final PairRequest request;
        Authenticated auth;

        Attempt(PairRequest request) {
            this.request = request;
        }
    }

    AuthenticatedPairingMode(String name, String path, String action, PasswordPairing pairing) {
        super(name, path, action, false, pairing.iam());
        this.pairing = pairing;
    }

    /** Whether this mode pairs on {@code auth}'s kind of principal. */
    abstract boolean accepts(Authenticated auth);

    /** The IAM request attributes of the check (the invited or token user). */
    abstract Map<String, String> attributes(Attempt attempt) throws Refusal;

    /** The IAM change; a refused change is an {@link IamException}. */
    abstract User change(Call call, Attempt attempt) throws Refusal, IamException;

    @Override
    protected final Attempt read(Call call) throws Refusal, WireException {
        return new Attempt(PairRequest.read(call.cbor()));
    }

    @Override
    protected final void authorize(Call call, Attempt attempt, AccessControl access) throws Refusal {
        attempt.auth = pairing.takeAuthentication(call, this);
        access.check(call, action(), attributes(attempt));
    }

    @Override
    protected final Reply pair(Call call, Attempt attempt) throws Refusal, IamException {
        pairing.paired(call, this, change(call, attempt));
        return Reply.created();
    }

    /** For invite and token: the Username field is absent or names the user the authentication is for. */
    static void requireSameUser(PairRequest request, String user) throws Refusal {
        if (request.username() != null && !request.username().equals(user)) {
            throw Refusal.badRequest("this authentication pairs user " + user + " only");
        }
    }
}
