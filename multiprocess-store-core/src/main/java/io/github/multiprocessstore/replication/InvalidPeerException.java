package io.github.multiprocessstore.replication;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A peer root given to {@link RootReplication#of} can never work. Carries the peer's index and the problem, so
 * that a caller that reads peers from its own settings can name the setting in its message.
 */
public final class InvalidPeerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a peer was rejected. */
    public enum Problem {
        /** The path is relative: a replication must not depend on the working directory. */
        RELATIVE("must be an absolute path"),
        /** The same directory is listed twice. */
        REPEATED("is listed twice"),
        /** The peer is inside the store's root or contains it: one side would be replicated into itself. */
        OVERLAPS_ROOT("overlaps the store's root; a peer must be a separate directory tree, e.g. a shared mount");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        /** A sentence fragment saying what is wrong, starting with the verb. */
        public String description() {
            return description;
        }
    }

    private final int index;
    private final transient Path peer;
    private final Problem problem;

    InvalidPeerException(int index, Path peer, Problem problem, Path root) {
        super("peers[" + index + "] (" + peer + ") " + problem.description() + " (store root: " + root + ")");
        this.index = index;
        this.peer = Objects.requireNonNull(peer);
        this.problem = Objects.requireNonNull(problem);
    }

    /** The position of the rejected peer in the given list, from 0. */
    public int index() {
        return index;
    }

    /** The rejected peer, as given. */
    public Path peer() {
        return peer;
    }

    /** Why it was rejected. */
    public Problem problem() {
        return problem;
    }
}
