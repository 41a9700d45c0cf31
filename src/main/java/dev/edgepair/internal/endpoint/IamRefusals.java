package dev.edgepair.internal.endpoint;

import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.IamException;

/** The one place where a refused IAM change becomes its CoAP answer (spec/coap-api.md, "Errors"). */
public final class IamRefusals {
    private IamRefusals() {
    }

    /**
     * @param e the refused change
     * @return 4.04 not found, 4.09 conflict, 4.00 invalid, 4.01 unauthorized, 5.03 storage (nothing changed)
     */
    public static Refusal of(IamException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Refusal.notFound(e.getMessage());
            case CONFLICT -> Refusal.conflict(e.getMessage());
            case INVALID -> Refusal.badRequest(e.getMessage());
            case UNAUTHORIZED -> Refusal.unauthorized(e.getMessage());
            case STORAGE -> Refusal.unavailable(e.getMessage());
        };
    }
}
