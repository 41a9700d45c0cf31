/**
 * Identity and access management of a device, in Nabto Edge's model: who is paired, and what each may do.
 *
 * <p>{@link dev.edgepair.iam.IamConfig} holds the static rules, read unchanged from a Nabto Edge IAM config:
 * {@link dev.edgepair.iam.Policy policies} of {@link dev.edgepair.iam.Statement statements} (allow or deny actions,
 * under {@link dev.edgepair.iam.Condition conditions}), grouped into {@link dev.edgepair.iam.Role roles}.
 * {@link dev.edgepair.iam.IamState} is the persistent, immutable state: {@link dev.edgepair.iam.User users} with
 * their role and client keys, the pairing-mode switches, pairing tokens, and only the derived
 * {@link dev.edgepair.iam.PakeSecret secrets} of passwords and tokens, never the passwords. {@link dev.edgepair.iam.Iam}
 * combines the two: it decides requests and applies every change by saving the new state first through an
 * {@link dev.edgepair.iam.IamStateStore} ({@link dev.edgepair.iam.JsonFileIamStateStore} by default).
 */
package dev.edgepair.iam;
