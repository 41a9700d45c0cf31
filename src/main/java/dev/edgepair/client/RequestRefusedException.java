package dev.edgepair.client;

/**
 * The device answered a {@link DeviceAdmin} request with a CoAP error: {@link #code()} (e.g. {@code "4.03"} access
 * denied, {@code "4.04"} no such user, {@code "4.09"} already exists) and {@link #reason()}, the device's
 * diagnostic. The device changed nothing.
 */
public final class RequestRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The CoAP method. */
    private final String method;
    /** The request path. */
    private final String path;
    /** The CoAP response code. */
    private final String code;
    /** The device's diagnostic text. */
    private final String reason;

    /**
     * @param method the CoAP method, e.g. {@code "PUT"}
     * @param path the request path
     * @param code the CoAP response code
     * @param reason the device's diagnostic text (may be empty)
     */
    RequestRefusedException(String method, String path, String code, String reason) {
        super(method + " " + path + ": the device answered " + code + (reason.isEmpty() ? "" : " " + reason));
        this.method = method;
        this.path = path;
        this.code = code;
        this.reason = reason;
    }

    /**
     * @return the CoAP method of the refused request, e.g. {@code "POST"}
     */
    public String method() {
        return method;
    }

    /**
     * @return the path of the refused request, e.g. {@code "/iam/users"}
     */
    public String path() {
        return path;
    }

    /**
     * @return the CoAP response code in dotted form, e.g. {@code "4.03"}
     */
    public String code() {
        return code;
    }

    /**
     * @return the device's diagnostic text, possibly empty
     */
    public String reason() {
        return reason;
    }
}
