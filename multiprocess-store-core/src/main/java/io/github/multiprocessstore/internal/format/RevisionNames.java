package io.github.multiprocessstore.internal.format;

import java.util.random.RandomGenerator;

/**
 * Revision file names, {@code <N>-<32 lowercase hex>}, as the engine reads and makes them: allocation-free checks
 * for the hot paths and the random part that makes names unique across processes and hosts. The public value type
 * is {@code io.github.multiprocessstore.RevisionName}.
 */
public final class RevisionNames {

    /** Length of the random hexadecimal part. */
    public static final int RANDOM_HEX_LENGTH = 32;

    /** At most 15 digits, so that JavaScript's numbers hold N exactly. */
    private static final int MAX_NUMBER_DIGITS = 15;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RevisionNames() {}

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
     * @return the new name
     * @throws IllegalArgumentException if the number is negative or has more than 15 digits
     */
    public static String random(long number, RandomGenerator random) {
        if (number < 0 || number >= 1_000_000_000_000_000L) {
            throw new IllegalArgumentException("revision number out of range: " + number);
        }
        StringBuilder name =
                new StringBuilder(20 + RANDOM_HEX_LENGTH).append(number).append('-');
        appendRandomHex(name, random, RANDOM_HEX_LENGTH);
        return name.toString();
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
}
