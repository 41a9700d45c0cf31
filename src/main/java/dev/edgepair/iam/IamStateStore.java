package dev.edgepair.iam;

import java.util.Optional;

/** Where the IAM state lives. {@link JsonFileIamStateStore} is the default; an application may keep it elsewhere. */
public interface IamStateStore {
    /**
     * Reads the saved state.
     *
     * @return the saved state, or empty if none was ever saved
     * @throws IamStateException if a saved state exists but cannot be read (never an empty result then)
     */
    Optional<IamState> load() throws IamStateException;

    /**
     * Saves the whole state durably; when it returns normally a crash can no longer lose it.
     *
     * @param state the new state
     * @throws IamStateException if it cannot be saved; the change is then refused
     */
    void save(IamState state) throws IamStateException;

    /**
     * A store that keeps the state in memory only, for tests and devices without storage: a restart forgets every
     * user.
     *
     * @return a new, empty store
     */
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
