package dev.edgepair.iam;

import java.nio.file.Path;

import dev.edgepair.identity.Identity;

/** A child process for CrashSafetyTest: pairs users into a state file as fast as it can until it is killed. */
public final class StateWriterMain {
    private StateWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(Path.of(args[0])));
        int start = iam.state().users().size();
        System.out.println("ready");
        System.out.flush();
        for (int i = start; ; i++) {
            iam.pairNewUser("u" + i, Identity.generate().fingerprint(), "k" + i);
            System.out.println("saved " + iam.state().users().size());
            System.out.flush();
        }
    }
}
