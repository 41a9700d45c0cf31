package dev.edgepair.internal.iam;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;

/** {@code DELETE /iam/users/{username}} → 2.02; action {@code IAM:DeleteUser} with {@code IAM:Username}. */
final class DeleteUser extends UserEndpoint.ByUsername {
    DeleteUser(Iam iam) {
        super(iam, Method.DELETE, "iam/users/{username}", "IAM:DeleteUser");
    }

    @Override
    Reply change(Call call, String username) throws IamException {
        iam.deleteUser(username);
        return Reply.deleted();
    }
}
