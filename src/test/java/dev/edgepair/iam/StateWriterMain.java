package dev.edgepair.iam;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.edgepair.identity.Identity;

/**
 * A child process for CrashSafetyTest: pairs users into a state file as fast as it can until it is killed. With a
 * second argument {@code n}, n threads pair at once (their saves are shared by group commit) and each confirmed
 * user is printed by name.
 */
public final class StateWriterMain {
    private StateWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(Path.of(args[0])));
        int start = iam.state().users().size();
        System.out.println("ready");
        System.out.flush();
        if (args.length > 1) {
            AtomicInteger next = new AtomicInteger(start);
            String life = Long.toString(ProcessHandle.current().pid());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < Integer.parseInt(args[1]); t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (;;) {
                            String name = "p" + life + "-" + next.getAndIncrement();
                            iam.pairNewUser(name, Identity.generate().fingerprint(), "");
                            synchronized (System.out) {
                                System.out.println("confirmed " + name);
                                System.out.flush();
                            }
                        }
                    } catch (IamException e) {
                        throw new IllegalStateException(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            return;
        }
        for (int i = start; ; i++) {
            iam.pairNewUser("u" + i, Identity.generate().fingerprint(), "k" + i);
            System.out.println("saved " + iam.state().users().size());
            System.out.flush();
        }
    }
}
