package dev.edgepair.internal.pairing;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;
import dev.edgepair.wire.WireException;

/**
 * A pairing mode that pairs on the password or token authentication of the same connection: password-open,
 * password-invite and token. Its endpoint and the {@code Pair} request of {@code /pake/2} run the same steps in
 * {@link PasswordPairing#pairAuthenticated}: body, switch, authentication (taken: one use), window, access check,
 * change.
 */
abstract class AuthenticatedPairingMode extends PostPairingMode {
    final PasswordPairing pairing;

    AuthenticatedPairingMode(String name, String path, PasswordPairing pairing) {
        super(name, path);
        this.pairing = pairing;
    }

    /** Whether the mode is switched on (4.04 otherwise). */
    abstract boolean switchedOn();

    /** Whether this mode pairs on {@code auth}'s kind of principal. */
    abstract boolean accepts(Authenticated auth);

    /** The access check and the IAM change; a refused change is an {@link IamException}. */
    abstract User pair(Call call, Authenticated auth, PairRequest request) throws Refusal, IamException;

    @Override
    public boolean availableOn(Call call) {
        return switchedOn();
    }

    @Override
    protected final Reply pair(Call call) throws Refusal, WireException {
        PairRequest request = PairRequest.read(call.cbor());
        pairing.pairAuthenticated(call, this, request);
        return Reply.empty(ResponseCode.CREATED);
    }

    /** For invite and token: the Username field is absent or names the user the authentication is for. */
    static void requireSameUser(PairRequest request, String user) throws Refusal {
        if (request.username() != null && !request.username().equals(user)) {
            throw Refusal.badRequest("this authentication pairs user " + user + " only");
        }
    }
}
