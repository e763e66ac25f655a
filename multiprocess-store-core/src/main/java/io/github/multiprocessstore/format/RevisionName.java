package io.github.multiprocessstore.format;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A revision file name, {@code <N>-<32 lowercase hex>}: the revision number N (no leading zeros, at most 15 digits
 * so that JavaScript's numbers hold it exactly) and a random part that makes the name unique across processes and
 * hosts. The name is the revision's {@code _rev}.
 *
 * @param number the revision number N
 * @param name   the whole file name
 */
public record RevisionName(long number, String name) {

    /** Length of the random hexadecimal part. */
    public static final int RANDOM_HEX_LENGTH = 32;

    private static final int MAX_NUMBER_DIGITS = 15;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Parses a file name.
     *
     * @param name a file name
     * @return the revision, or empty if the name is not a revision file name
     */
    public static Optional<RevisionName> parse(String name) {
        long number = numberOf(name);
        return number < 0 ? Optional.empty() : Optional.of(new RevisionName(number, name));
    }

    /**
     * Whether a file name is a revision file name.
     *
     * @param name a file name
     * @return true if it has the form {@code <N>-<32 lowercase hex>}
     */
    public static boolean isValid(String name) {
        return numberOf(name) >= 0;
    }

    /**
     * The revision number of a file name, or -1 if it is not a revision file name; allocation-free, for hot paths.
     *
     * @param name a file name
     * @return N, or -1
     */
    public static long numberOf(String name) {
        int dash = name.indexOf('-');
        if (dash < 1 || dash > MAX_NUMBER_DIGITS || name.length() != dash + 1 + RANDOM_HEX_LENGTH) {
            return -1;
        }
        if (name.charAt(0) == '0' && dash > 1) {
            return -1;
        }
        long number = 0;
        for (int i = 0; i < dash; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        for (int i = dash + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return -1;
            }
        }
        return number;
    }

    /**
     * Makes a new revision name with a random part.
     *
     * @param number the revision number
     * @param random the random source
     * @return the new revision
     */
    public static RevisionName random(long number, RandomGenerator random) {
        if (number < 0 || number >= 1_000_000_000_000_000L) {
            throw new IllegalArgumentException("revision number out of range: " + number);
        }
        StringBuilder name =
                new StringBuilder(20 + RANDOM_HEX_LENGTH).append(number).append('-');
        appendRandomHex(name, random, RANDOM_HEX_LENGTH);
        return new RevisionName(number, name.toString());
    }

    /**
     * Appends random lowercase hex digits.
     *
     * @param target where to append
     * @param random the random source
     * @param digits how many digits
     */
    public static void appendRandomHex(StringBuilder target, RandomGenerator random, int digits) {
        long bits = 0;
        for (int i = 0; i < digits; i++) {
            if (i % 16 == 0) {
                bits = random.nextLong();
            }
            target.append(HEX[(int) (bits & 0xF)]);
            bits >>>= 4;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
