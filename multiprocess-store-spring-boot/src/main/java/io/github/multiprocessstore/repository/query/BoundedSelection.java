package io.github.multiprocessstore.repository.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Selects the window {@code [offset, offset + limit)} of the matches of a scan in a given order while holding at
 * most {@code offset + limit} of them, and counts all matches. Not thread-safe: feed it from one thread.
 *
 * @param <T> the matches
 */
public final class BoundedSelection<T> {

    private final Comparator<? super T> order;
    private final long offset;
    private final long keep;
    private final PriorityQueue<T> kept;
    private final List<T> unbounded;
    private long matches;

    /**
     * @param order  the order of the results
     * @param offset how many of the first matches to skip
     * @param limit  how many to return at most, or a negative number for all
     */
    public BoundedSelection(Comparator<? super T> order, long offset, long limit) {
        this.order = order;
        this.offset = offset;
        this.keep = limit < 0 ? -1 : offset + limit;
        // The head of the queue is the greatest kept match: the first to drop when a smaller one arrives.
        this.kept = keep < 0 ? new PriorityQueue<>() : new PriorityQueue<>(11, order.reversed());
        this.unbounded = new ArrayList<>();
    }

    /** Offers one match. */
    public void add(T match) {
        matches++;
        if (keep < 0) {
            unbounded.add(match);
            return;
        }
        if (keep == 0) {
            return;
        }
        if (kept.size() < keep) {
            kept.add(match);
        } else if (order.compare(match, kept.peek()) < 0) {
            kept.poll();
            kept.add(match);
        }
    }

    /** How many matches were offered. */
    public long matches() {
        return matches;
    }

    /** The selected window, in order. */
    public List<T> result() {
        List<T> all = new ArrayList<>(keep < 0 ? unbounded : kept);
        all.sort(order);
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList((int) offset, all.size());
    }
}
