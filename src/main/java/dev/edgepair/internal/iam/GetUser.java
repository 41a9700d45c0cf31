package dev.edgepair.internal.iam;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;

/** {@code GET /iam/users/{username}} → the user; action {@code IAM:GetUser} with {@code IAM:Username}. */
final class GetUser extends UserEndpoint.ByUsername {
    GetUser(Iam iam) {
        super(iam, Method.GET, "iam/users/{username}", "IAM:GetUser");
    }

    @Override
    Reply change(Call call, String username) throws Refusal {
        return Reply.content(IamRequests.user(iam.state().user(username)
                .orElseThrow(() -> Refusal.notFound("no user " + username))));
    }
}
