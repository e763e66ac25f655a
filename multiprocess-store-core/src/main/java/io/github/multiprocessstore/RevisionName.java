package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.RevisionNames;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A revision's name, its {@code _rev} and the name of its file: {@code <N>-<32 lowercase hex>}, the revision
 * number N (no leading zeros, at most 15 digits so that JavaScript's numbers hold it exactly) and a random part that
 * makes the name unique across processes and hosts. A name never changes meaning: the same name always stands for
 * the same content, which makes it a sound HTTP entity tag.
 *
 * @param number the revision number N
 * @param name   the whole name
 */
public record RevisionName(long number, String name) {

    /** Length of the random hexadecimal part. */
    public static final int RANDOM_HEX_LENGTH = RevisionNames.RANDOM_HEX_LENGTH;

    /**
     * Parses a name.
     *
     * @param name a {@code _rev} or file name
     * @return the revision name, or empty if {@code name} is not one
     */
    public static Optional<RevisionName> parse(String name) {
        long number = RevisionNames.numberOf(name);
        return number < 0 ? Optional.empty() : Optional.of(new RevisionName(number, name));
    }

    /**
     * Whether a string is a revision name.
     *
     * @param name a {@code _rev} or file name
     * @return true if it has the form {@code <N>-<32 lowercase hex>}
     */
    public static boolean isValid(String name) {
        return RevisionNames.isValid(name);
    }

    /**
     * The revision number of a name, or -1 if it is not a revision name; allocation-free.
     *
     * @param name a {@code _rev} or file name
     * @return N, or -1
     */
    public static long numberOf(String name) {
        return RevisionNames.numberOf(name);
    }

    /**
     * Makes a new revision name with a random part, as the store does for each write.
     *
     * @param number the revision number
     * @param random the random source
     * @return the new revision name
     * @throws IllegalArgumentException if the number is negative or has more than 15 digits
     */
    public static RevisionName random(long number, RandomGenerator random) {
        return new RevisionName(number, RevisionNames.random(number, random));
    }

    @Override
    public String toString() {
        return name;
    }
}
