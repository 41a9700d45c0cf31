package dev.edgepair.iam;

/** An IAM config file is not a valid Nabto Edge {@code Version 1} config; the message says where. */
public final class IamConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid config.
     *
     * @param message what is wrong and where (file, policy, role), for a person to read
     */
    public IamConfigException(String message) {
        super(message);
    }
}
