package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.User;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/users} → {@code {"Users": [username...]}}; action {@code IAM:ListUsers}. */
final class ListUsers extends IamEndpoint<Void> {
    ListUsers(Iam iam) {
        super(iam, Method.GET, "iam/users", "IAM:ListUsers");
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    Reply change(Call call, Void none) {
        return Reply.content(CborMap.builder()
                .put("Users", iam.state().users().stream().map(User::username).toList()).build());
    }
}
