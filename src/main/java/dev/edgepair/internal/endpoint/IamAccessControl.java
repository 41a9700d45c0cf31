package dev.edgepair.internal.endpoint;

import java.util.Map;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.Iam;
import dev.edgepair.identity.Fingerprint;

/** IAM as the device's access control: the caller's key and listener decide through {@link Iam#isAllowed}. */
public final class IamAccessControl implements AccessControl {
    private final Iam iam;

    /** @param iam the device's IAM */
    public IamAccessControl(Iam iam) {
        this.iam = iam;
    }

    @Override
    public void check(Call call, String action, Map<String, String> requestAttributes) throws Refusal {
        if (!iam.isAllowed(call.clientFingerprint(), call.isLocal(), action, requestAttributes)) {
            throw Refusal.forbidden("access denied: " + action);
        }
    }

    @Override
    public boolean isPaired(Fingerprint client) {
        return iam.isPaired(client);
    }
}
