package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeToken;
import io.github.multiprocessstore.internal.journal.SegmentName;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link ChangeToken} holds, in the text {@link ChangeToken#toString()} shows:
 * {@code <order>.<listed>.<reconciled>.<snapshot>[.<segment>~<offset>]...}, numbers in base 36.
 *
 * @param order      increases with every token a feed hands out (microseconds)
 * @param listed     when the journal directory was listed (ms): segments created earlier and not named here were
 *                   sealed and read to their end
 * @param reconciled every change to an object directory whose change time is older than this (ms) was delivered
 * @param snapshot   null if no snapshot is under way, else the name of the last object the snapshot delivered
 *                   ({@code ""} before the first)
 * @param offsets    per segment id, the offset up to which its records were delivered
 */
record FeedPosition(long order, long listed, long reconciled, String snapshot, Map<String, Long> offsets) {

    FeedPosition {
        offsets = new TreeMap<>(offsets);
    }

    ChangeToken token() {
        StringBuilder text = new StringBuilder(64)
                .append(Long.toString(order, 36))
                .append('.')
                .append(Long.toString(listed, 36))
                .append('.')
                .append(Long.toString(reconciled, 36))
                .append('.');
        if (snapshot == null) {
            text.append('n');
        } else {
            text.append('s')
                    .append(Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(snapshot.getBytes(StandardCharsets.UTF_8)));
        }
        offsets.forEach((segment, offset) ->
                text.append('.').append(segment).append('~').append(Long.toString(offset, 36)));
        return ChangeToken.parse(text.toString());
    }

    /** The position a token holds, or empty if it is not one this engine writes. */
    static Optional<FeedPosition> of(ChangeToken token) {
        String[] parts = token.toString().split("\\.", -1);
        if (parts.length < 4) {
            return Optional.empty();
        }
        try {
            long order = Long.parseLong(parts[0], 36);
            long listed = Long.parseLong(parts[1], 36);
            long reconciled = Long.parseLong(parts[2], 36);
            String snapshot;
            if (parts[3].equals("n")) {
                snapshot = null;
            } else if (parts[3].startsWith("s")) {
                snapshot = new String(Base64.getUrlDecoder().decode(parts[3].substring(1)), StandardCharsets.UTF_8);
            } else {
                return Optional.empty();
            }
            Map<String, Long> offsets = new TreeMap<>();
            for (int i = 4; i < parts.length; i++) {
                int tilde = parts[i].indexOf('~');
                if (tilde < 0 || SegmentName.parse(parts[i].substring(0, tilde)).isEmpty()) {
                    return Optional.empty();
                }
                long offset = Long.parseLong(parts[i].substring(tilde + 1), 36);
                if (offset < 0) {
                    return Optional.empty();
                }
                offsets.put(parts[i].substring(0, tilde), offset);
            }
            return Optional.of(new FeedPosition(order, listed, reconciled, snapshot, offsets));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
