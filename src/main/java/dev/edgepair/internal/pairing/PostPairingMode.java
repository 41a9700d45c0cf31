package dev.edgepair.internal.pairing;

import java.util.List;
import java.util.Map;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.internal.endpoint.IamRefusals;
import dev.edgepair.wire.WireException;

/**
 * A pairing mode whose one endpoint is a {@code POST} at {@code path}, run through the endpoint pipeline with the
 * checks every mode shares, in one place: body ({@link #read}) -> local only (4.03) -> switched on (4.04) -> the
 * mode's own access check ({@link #authorize}: its IAM action, an authentication) -> the pairing ({@link #pair}),
 * whose refused IAM change is answered once through {@link IamRefusals}. The checks and the pairing run as one step
 * against the IAM's other changes (the constructor's {@code oneStep}).
 *
 * @param <R> the request value
 */
public abstract class PostPairingMode<R> implements PairingMode {
    private final String name;
    private final String path;
    private final String action;
    private final boolean localOnly;
    private final Iam oneStep;

    /**
     * @param name the mode's name in {@code GET /iam/pairing}
     * @param path the endpoint's path
     * @param action the IAM action a caller needs
     * @param localOnly whether only local connections may pair this way
     * @param oneStep the IAM whose changes the checks and the pairing run as one step against
     *        ({@link Iam#atomically}), so that a check cannot pass on a state that a change still being saved has
     *        already overtaken (a switched-off mode, an administrator's first key); null for a mode whose check
     *        waits (for a person), which must not hold the IAM meanwhile
     */
    protected PostPairingMode(String name, String path, String action, boolean localOnly, Iam oneStep) {
        this.name = name;
        this.path = path;
        this.action = action;
        this.localOnly = localOnly;
        this.oneStep = oneStep;
    }

    @Override
    public final String name() {
        return name;
    }

    /** @return whether the mode is switched on (4.04 otherwise) */
    protected abstract boolean switchedOn();

    @Override
    public boolean availableOn(Call call) {
        return (!localOnly || call.isLocal()) && switchedOn();
    }

    /** Reads the request body. */
    protected abstract R read(Call call) throws Refusal, WireException;

    /** The mode's access check after the shared ones: by default its IAM action. */
    protected void authorize(Call call, R request, AccessControl access) throws Refusal {
        access.check(call, action, Map.of());
    }

    /** Pairs: 2.01 (or what the mode answers). */
    protected abstract Reply pair(Call call, R request) throws Refusal, IamException;

    /** @return the IAM action of the mode */
    protected final String action() {
        return action;
    }

    /** The shared checks and then the mode's own (used by the endpoint and by {@code Pair} in {@code /pake/2}). */
    final void check(Call call, R request, AccessControl access) throws Refusal {
        if (localOnly) {
            call.requireLocal();
        }
        if (!switchedOn()) {
            throw Refusal.notFound(name + " pairing is switched off");
        }
        authorize(call, request, access);
    }

    /** The pairing with a refused IAM change answered as its code. */
    final Reply pairMapped(Call call, R request) throws Refusal {
        try {
            return pair(call, request);
        } catch (IamException e) {
            throw IamRefusals.of(e);
        }
    }

    @Override
    public final List<Endpoint<?>> endpoints() {
        return List.of(new Endpoint<R>(Endpoint.Method.POST, path, null) {
            @Override
            protected R read(Call call, Map<String, String> params) throws Refusal, WireException {
                return PostPairingMode.this.read(call);
            }

            @Override
            protected void authorize(Call call, R request, AccessControl access) throws Refusal {
                check(call, request, access);
            }

            @Override
            protected Reply authorizeAndAct(Call call, R request, AccessControl access) throws Refusal {
                Iam.Section<Reply, Refusal> checksAndPairing = () -> super.authorizeAndAct(call, request, access);
                return oneStep == null ? checksAndPairing.run() : oneStep.atomically(checksAndPairing);
            }

            @Override
            protected Reply act(Call call, R request) throws Refusal {
                return pairMapped(call, request);
            }
        });
    }
}
