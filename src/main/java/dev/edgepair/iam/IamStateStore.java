package dev.edgepair.iam;

import java.util.Optional;

/** Where the IAM state lives. {@link JsonFileIamStateStore} is the default; an application may keep it elsewhere. */
public interface IamStateStore {
    /** The saved state, or empty if none was ever saved. */
    Optional<IamState> load() throws IamStateException;

    /** Saves the whole state durably; when it returns normally a crash can no longer lose it. */
    void save(IamState state) throws IamStateException;

    static IamStateStore inMemory() {
        return new IamStateStore() {
            private volatile IamState state;

            @Override
            public Optional<IamState> load() {
                return Optional.ofNullable(state);
            }

            @Override
            public void save(IamState s) {
                state = s;
            }
        };
    }
}
