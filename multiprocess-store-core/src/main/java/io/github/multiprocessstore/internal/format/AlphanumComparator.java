package io.github.multiprocessstore.internal.format;

import java.util.Comparator;

/**
 * The order in which the original npm package sorts the file names of an object, so that Java and Node.js readers
 * elect the same winner: the "alphanum" comparison of the npm package {@code alphanum-sort} 1.x, used there without
 * options (no sign handling, case-sensitive).
 *
 * <p>Runs of digits compare as numbers ({@code 5-a9b} before {@code 5-a10b}, {@code 9-x} before {@code 10-x}); a
 * digit sorts before any other character; equal numbers with more leading zeros sort first; other characters
 * compare by UTF-16 code unit; whitespace (code units up to 32) is skipped at the start of each token. Where the
 * JavaScript original compares with "past the end" (NaN, which is never less, greater or equal), this port
 * reproduces that exactly. Stateless and thread-safe.
 */
public final class AlphanumComparator implements Comparator<String> {

    /** The shared instance. */
    public static final AlphanumComparator INSTANCE = new AlphanumComparator();

    /** Stands for JavaScript's NaN from charCodeAt past the end of a string. */
    private static final int END = -1;

    private AlphanumComparator() {}

    @Override
    public int compare(String a, String b) {
        int ia = 0;
        int ib = 0;
        int ma = a.length();
        int mb = b.length();
        while (ia < ma && ib < mb) {
            int ca = a.charAt(ia);
            int cb = b.charAt(ib);
            while (isWhitespace(ca)) {
                ca = charAt(a, ++ia);
            }
            while (isWhitespace(cb)) {
                cb = charAt(b, ++ib);
            }
            if (isDigit(ca) && !isDigit(cb)) {
                return -1;
            }
            if (!isDigit(ca) && isDigit(cb)) {
                return 1;
            }
            int leadingZerosA = 0;
            int leadingZerosB = 0;
            while (ca == '0') {
                leadingZerosA++;
                ca = charAt(a, ++ia);
            }
            while (cb == '0') {
                leadingZerosB++;
                cb = charAt(b, ++ib);
            }
            int digitsA = 0;
            int digitsB = 0;
            int bias = 0;
            while (isDigit(ca) || isDigit(cb)) {
                if (isDigit(ca) && isDigit(cb) && bias == 0) {
                    bias = Integer.signum(ca - cb);
                }
                if (isDigit(ca)) {
                    digitsA++;
                    ca = charAt(a, ++ia);
                }
                if (isDigit(cb)) {
                    digitsB++;
                    cb = charAt(b, ++ib);
                }
            }
            if (digitsA != digitsB) {
                return digitsA < digitsB ? -1 : 1;
            }
            if (bias != 0) {
                return bias;
            }
            if (leadingZerosA != leadingZerosB) {
                return leadingZerosA > leadingZerosB ? -1 : 1;
            }
            // In the original, a comparison with NaN is false both ways: the characters count as equal.
            if (ca != END && cb != END && ca != cb) {
                return ca < cb ? -1 : 1;
            }
            ia++;
            ib++;
        }
        return Integer.compare(ma, mb);
    }

    private static int charAt(String s, int index) {
        return index < s.length() ? s.charAt(index) : END;
    }

    private static boolean isWhitespace(int c) {
        return c != END && c <= 32;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
