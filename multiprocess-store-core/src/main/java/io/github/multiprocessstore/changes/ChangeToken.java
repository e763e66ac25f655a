package io.github.multiprocessstore.changes;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A position in a store's change feed: opaque text (safe in a URL, a header and a Server-Sent Events id), stable
 * across restarts, to be stored and passed back to resume after it. {@code "0"} ({@link #BEGINNING}) is never a
 * real position: it means "from the beginning", i.e. every live object once, then the changes.
 *
 * <p>Tokens are ordered by when the feed delivered them: within one feed a later change has a greater token. Tokens
 * of different feeds of one store compare by time, roughly. Equal tokens have equal text.
 */
public final class ChangeToken implements Comparable<ChangeToken>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** "From the beginning". */
    public static final ChangeToken BEGINNING = new ChangeToken("0", 0);

    private static final int MAX_LENGTH = 8192;

    private final String text;
    private final long order;

    private ChangeToken(String text, long order) {
        this.text = text;
        this.order = order;
    }

    /**
     * The token a feed wrote as text.
     *
     * @param text {@code "0"} or a token's {@link #toString()}
     * @return the token
     * @throws IllegalArgumentException if the text cannot be a token (the store checks the rest when it is used)
     */
    public static ChangeToken parse(String text) {
        Objects.requireNonNull(text, "token text must not be null");
        if (text.equals("0")) {
            return BEGINNING;
        }
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw invalid(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "._~-".indexOf(c) >= 0)) {
                throw invalid(text);
            }
        }
        int dot = text.indexOf('.');
        try {
            long order = Long.parseLong(dot < 0 ? text : text.substring(0, dot), 36);
            if (order <= 0) {
                throw invalid(text);
            }
            return new ChangeToken(text, order);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return new IllegalArgumentException("'" + shown + "' is not a change feed position: pass \"0\" or a token"
                + " exactly as the feed gave it");
    }

    /** Whether this is {@link #BEGINNING}. */
    public boolean isBeginning() {
        return order == 0;
    }

    @Override
    public int compareTo(ChangeToken other) {
        int byOrder = Long.compare(order, other.order);
        return byOrder != 0 ? byOrder : text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChangeToken token && token.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The token's text, for {@link #parse}. */
    @Override
    public String toString() {
        return text;
    }
}
