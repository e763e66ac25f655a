package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.ChangeToken;
import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.journal.JournalFiles;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.journal.JournalSettings;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One consumer's reading of a store's change feed, from a position: first a snapshot when it starts from the
 * beginning or is reset, then the journal's records, then what reconciliation found that nobody journaled. Not
 * thread-safe: one subscription thread, or one {@code changes} call, owns it.
 *
 * <h2>Per-object order across segments</h2>
 * Every writer appends to its own segment, and segments are read one after the other, so a pass can see a record
 * in one segment without yet seeing an earlier record of the same object in another (appended just before, while
 * the pass read elsewhere). A record is therefore delivered only after a <em>later</em> pass has read every
 * segment again: everything appended before it was appended by then, and so has been read. Records of one object
 * are delivered by revision number, so the later pass's earlier records go first.
 */
final class FeedReader {

    /** Margin for file-system time granularity when comparing directory change times. */
    static final long CTIME_MARGIN_MILLIS = 2_000;
    /** Directories changed more recently than this are left for the next reconciliation: their record may come. */
    static final long SETTLE_MILLIS = 1_000;

    private static final int SNAPSHOT_CHUNK = 256;
    private static final int RECENT_LIMIT = 100_000;

    /** A journal entry read and not delivered yet. */
    private record Held(String segment, long created, long pass, JournalFiles.Entry entry) {}

    private final ChangeFeed feed;
    private long listed;
    private long reconciled;
    private String snapshot;
    private List<String> snapshotNames;
    private int snapshotIndex;
    private boolean reset;
    private boolean scanPending;
    private long passes;
    private final Map<String, Long> delivered = new HashMap<>();
    private final Map<String, Long> readTo = new HashMap<>();
    private final Map<String, Long> created = new HashMap<>();
    private final Set<String> sealed = new HashSet<>();
    private List<Held> held = new ArrayList<>();
    /**
     * The segments {@link #held} has entries of, kept with it ({@link #hold}): a position is taken for every change
     * delivered, and working this out from {@code held} each time made a pass quadratic in what it held.
     */
    private Set<String> heldSegments = Set.of();

    private final Map<String, String> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_LIMIT;
        }
    };
    private final ArrayDeque<ReconciledChange> observed = new ArrayDeque<>();
    /** Per segment, the size up to which the last journal pass read every complete record. */
    private Map<String, Long> coveredTo = Map.of();

    private boolean overflowed;
    private ChangeToken position;

    private FeedReader(ChangeFeed feed) {
        this.feed = feed;
    }

    /**
     * A reader from a position.
     *
     * @throws IllegalArgumentException if the token is not one this engine wrote
     */
    static FeedReader from(ChangeFeed feed, ChangeToken since) throws IOException {
        FeedReader reader = new FeedReader(feed);
        if (since.isBeginning()) {
            reader.startSnapshot();
            return reader;
        }
        FeedPosition position = FeedPosition.of(since)
                .orElseThrow(() -> new IllegalArgumentException("'" + since + "' is not a change feed position of"
                        + " this store: pass \"0\" or a token exactly as the feed gave it"));
        reader.restore(position, since);
        return reader;
    }

    /** A reader from now: the changes after this call. */
    static FeedReader fromNow(ChangeFeed feed) throws IOException {
        FeedReader reader = new FeedReader(feed);
        reader.startAtJournalEnd();
        reader.position = reader.positionNow();
        return reader;
    }

    /**
     * A reader from the oldest change the journal still holds: every journaled change, then the state of every
     * object directory (reconciliation from the beginning of time) for what nobody journaled.
     */
    static FeedReader fromJournalStart(ChangeFeed feed) throws IOException {
        FeedReader reader = new FeedReader(feed);
        reader.startAtJournalEnd();
        reader.delivered.replaceAll((segment, offset) -> 0L);
        reader.readTo.replaceAll((segment, offset) -> 0L);
        reader.reconciled = Long.MIN_VALUE / 2;
        reader.scanPending = true;
        reader.position = reader.positionNow();
        return reader;
    }

    private void startSnapshot() throws IOException {
        startAtJournalEnd();
        snapshot = "";
        List<String> names = new ArrayList<>();
        for (ObjectDirectory object : feed.files().objects()) {
            names.add(object.name());
        }
        Collections.sort(names);
        snapshotNames = names;
        snapshotIndex = 0;
        position = positionNow();
    }

    private void startAtJournalEnd() throws IOException {
        long now = feed.clock().millis();
        delivered.clear();
        readTo.clear();
        hold(new ArrayList<>());
        for (JournalFiles.SegmentFile segment : JournalFiles.list(feed.journalDirectory())) {
            delivered.put(segment.name().id(), segment.size());
            readTo.put(segment.name().id(), segment.size());
            created.put(segment.name().id(), segment.name().created());
        }
        listed = now;
        // Every directory changed from here on is either journaled or found by the next reconciliation.
        reconciled = now - SETTLE_MILLIS;
        scanPending = false;
    }

    private void restore(FeedPosition position, ChangeToken token) throws IOException {
        long now = feed.clock().millis();
        JournalSettings settings = feed.journalSettings();
        boolean tooOld = position.listed() < now - settings.retention().toMillis();
        Map<String, JournalFiles.SegmentFile> existing = new HashMap<>();
        for (JournalFiles.SegmentFile segment : JournalFiles.list(feed.journalDirectory())) {
            existing.put(segment.name().id(), segment);
        }
        if (!tooOld && !existing.keySet().containsAll(position.offsets().keySet())) {
            tooOld = true; // a segment the position still needed is gone: the journal was lost or trimmed
        }
        if (tooOld) {
            reset = true;
            startSnapshot();
            return;
        }
        listed = position.listed();
        reconciled = position.reconciled();
        for (JournalFiles.SegmentFile segment : existing.values()) {
            String id = segment.name().id();
            created.put(id, segment.name().created());
            Long offset = position.offsets().get(id);
            if (offset == null) {
                // Not named: sealed and read to its end before the position was taken, or created after it.
                boolean before = segment.name().created() < listed - JournalSettings.SEALING_MARGIN.toMillis();
                offset = before ? segment.size() : 0L;
            }
            delivered.put(id, offset);
            readTo.put(id, offset);
        }
        if (position.snapshot() != null) {
            snapshot = position.snapshot();
            List<String> names = new ArrayList<>();
            for (ObjectDirectory object : feed.files().objects()) {
                if (object.name().compareTo(snapshot) > 0) {
                    names.add(object.name());
                }
            }
            Collections.sort(names);
            snapshotNames = names;
        } else {
            scanPending = true;
        }
        this.position = token;
    }

    /** Whether the start position was too old: the first changes are a snapshot. */
    boolean wasReset() {
        return reset;
    }

    /** The position after the latest change returned. */
    ChangeToken position() {
        return position;
    }

    /**
     * Whether the last call of {@link #next} delivered every journal record it read: nothing is held for a later
     * pass and no snapshot is under way. Then every record complete in a segment up to {@link #coveredTo()} when
     * that pass listed the journal has been returned.
     */
    boolean journalSettled() {
        return held.isEmpty() && snapshot == null;
    }

    /** Whether a snapshot (every live object as created) is being delivered. */
    boolean snapshotting() {
        return snapshot != null;
    }

    /** Per segment id, the size up to which the last journal pass read every complete record (a copy). */
    Map<String, Long> coveredTo() {
        return Map.copyOf(coveredTo);
    }

    /** Whether entries are held for one more pass: call {@link #next} again soon, without waiting. */
    boolean holding() {
        return !held.isEmpty() || snapshot != null || scanPending || !observed.isEmpty();
    }

    /** Asks for a reconciliation scan on the next call (pulls, whose reconciliation is their own). */
    void reconcileIfDue(long intervalMillis) {
        if (snapshot == null && feed.clock().millis() - reconciled >= intervalMillis) {
            scanPending = true;
        }
    }

    /**
     * Takes a change that the shared reconciliation found; when too many wait, the reader is reset instead.
     *
     * @return false if the buffer overflowed (the reader will reset)
     */
    boolean offer(ReconciledChange change, int capacity) {
        if (observed.size() >= capacity) {
            overflowed = true;
            return false;
        }
        observed.add(change);
        return true;
    }

    /** Notes that the shared reconciliation has covered every directory changed before {@code upTo}. */
    void reconciledUpTo(long upTo) {
        if (upTo > reconciled && snapshot == null) {
            reconciled = upTo;
        }
    }

    /** Whether the reader fell too far behind and must reset (its buffer overflowed). */
    boolean mustReset() {
        return overflowed;
    }

    /** Starts again from a snapshot of now, as a reset. */
    void resetNow() throws IOException {
        overflowed = false;
        observed.clear();
        reset = true;
        startSnapshot();
    }

    /**
     * The next changes available now, possibly none.
     *
     * @throws IOException if the journal or the store cannot be listed
     */
    List<Change> next() throws IOException {
        if (snapshot != null) {
            return snapshotChunk();
        }
        List<Change> journaled = journalPass();
        if (!journaled.isEmpty() || !held.isEmpty()) {
            return journaled;
        }
        if (scanPending) {
            scanPending = false;
            return scan();
        }
        if (!observed.isEmpty()) {
            List<Change> changes = new ArrayList<>();
            while (!observed.isEmpty()) {
                ReconciledChange change = observed.poll();
                if (!delivered(change.name(), change.revision(), change.kind())) {
                    changes.add(deliver(change.name(), change.id(), change.revision(), change.kind()));
                }
            }
            return changes;
        }
        return List.of();
    }

    private List<Change> snapshotChunk() throws IOException {
        List<Change> changes = new ArrayList<>();
        while (snapshotIndex < snapshotNames.size() && changes.size() < SNAPSHOT_CHUNK) {
            String name = snapshotNames.get(snapshotIndex++);
            ObjectDirectory object = feed.files().named(name);
            Optional<String> live = feed.liveWinner(object);
            snapshot = name;
            if (live.isPresent()) {
                changes.add(deliver(name, object.id(), live.get(), ChangeKind.CREATED));
            }
        }
        if (snapshotIndex >= snapshotNames.size()) {
            snapshot = null;
            snapshotNames = null;
            position = positionNow();
        }
        return changes;
    }

    /** One pass over the journal; returns what is now safe to deliver, in order. */
    private List<Change> journalPass() throws IOException {
        long now = feed.clock().millis();
        long pass = ++passes;
        Set<String> present = new HashSet<>();
        Map<String, List<Held>> fresh = new LinkedHashMap<>();
        Map<String, Long> covered = new HashMap<>();
        List<JournalFiles.SegmentFile> segments = JournalFiles.list(feed.journalDirectory());
        segments.sort(Comparator.comparingLong(
                        (JournalFiles.SegmentFile s) -> s.name().created())
                .thenComparing(s -> s.name().id()));
        for (JournalFiles.SegmentFile segment : segments) {
            String id = segment.name().id();
            present.add(id);
            created.putIfAbsent(id, segment.name().created());
            long from = readTo.computeIfAbsent(id, unknown -> 0L);
            delivered.putIfAbsent(id, 0L);
            if (segment.size() <= from) {
                covered.put(id, from);
                continue;
            }
            JournalFiles.Chunk chunk = JournalFiles.read(segment.path(), from);
            readTo.put(id, chunk.end());
            // One read takes in at most CHUNK_BYTES: beyond that, records complete at the listing may be unread.
            covered.put(id, segment.size() - from <= JournalFiles.CHUNK_BYTES ? segment.size() : chunk.end());
            if (chunk.sealed()) {
                sealed.add(id);
            }
            if (chunk.entries().isEmpty() && !heldSegments.contains(id)) {
                delivered.put(id, chunk.end()); // only skipped garbage
            }
            for (JournalFiles.Entry entry : chunk.entries()) {
                fresh.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new Held(id, segment.name().created(), pass, entry));
            }
        }
        listed = now;
        coveredTo = covered;
        forgetRemoved(present);
        List<Held> deliverable = selectDeliverable(fresh);
        return deliverAll(deliverable);
    }

    /**
     * Everything held from earlier passes, plus the fresh entries some of them need to come after (an earlier
     * revision of the same object), with the entries before those in their segment, to a fixpoint.
     */
    private List<Held> selectDeliverable(Map<String, List<Held>> fresh) {
        List<Held> deliverable = new ArrayList<>(held);
        Map<String, Long> highest = new HashMap<>();
        for (Held entry : deliverable) {
            highest.merge(entry.entry().record().name(), number(entry), Math::max);
        }
        Map<String, Integer> taken = new HashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<Held>> segment : fresh.entrySet()) {
                List<Held> entries = segment.getValue();
                int upTo = taken.getOrDefault(segment.getKey(), 0);
                int last = -1;
                for (int i = entries.size() - 1; i >= upTo; i--) {
                    Held entry = entries.get(i);
                    Long top = highest.get(entry.entry().record().name());
                    if (top != null && number(entry) <= top) {
                        last = i;
                        break;
                    }
                }
                if (last >= upTo) {
                    for (int i = upTo; i <= last; i++) {
                        Held entry = entries.get(i);
                        deliverable.add(entry);
                        highest.merge(entry.entry().record().name(), number(entry), Math::max);
                    }
                    taken.put(segment.getKey(), last + 1);
                    grew = true;
                }
            }
        }
        List<Held> stillHeld = new ArrayList<>();
        for (Map.Entry<String, List<Held>> segment : fresh.entrySet()) {
            List<Held> entries = segment.getValue();
            stillHeld.addAll(entries.subList(taken.getOrDefault(segment.getKey(), 0), entries.size()));
        }
        hold(stillHeld);
        return deliverable;
    }

    /** Replaces the held entries, with the set of their segments. */
    private void hold(List<Held> entries) {
        held = entries;
        Set<String> segments = new HashSet<>();
        entries.forEach(entry -> segments.add(entry.segment()));
        heldSegments = segments;
    }

    private static long number(Held entry) {
        return RevisionNames.numberOf(entry.entry().record().revision());
    }

    /** Orders the entries (per object by revision number, resolutions last) and turns them into changes. */
    private List<Change> deliverAll(List<Held> entries) {
        if (entries.isEmpty()) {
            advanceOffsets();
            return List.of();
        }
        entries.sort(Comparator.comparingLong(Held::pass)
                .thenComparingLong(Held::created)
                .thenComparing(Held::segment)
                .thenComparingLong(h -> h.entry().start()));
        Map<String, List<Integer>> slots = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            slots.computeIfAbsent(entries.get(i).entry().record().name(), k -> new ArrayList<>())
                    .add(i);
        }
        Held[] ordered = entries.toArray(Held[]::new);
        Comparator<Held> perObject = Comparator.comparingLong(FeedReader::number)
                .thenComparingInt(h -> h.entry().record().kind() == JournalKind.RESOLVED ? 1 : 0);
        for (List<Integer> indexes : slots.values()) {
            if (indexes.size() > 1) {
                List<Held> own = new ArrayList<>();
                indexes.forEach(i -> own.add(entries.get(i)));
                own.sort(perObject);
                for (int k = 0; k < indexes.size(); k++) {
                    ordered[indexes.get(k)] = own.get(k);
                }
            }
        }
        // Per segment, the starts of entries not delivered yet: a token never claims past one of them.
        Map<String, TreeMap<Long, Integer>> pending = new HashMap<>();
        for (Held entry : ordered) {
            pending.computeIfAbsent(entry.segment(), k -> new TreeMap<>())
                    .merge(entry.entry().start(), 1, Integer::sum);
        }
        for (Held entry : held) {
            pending.computeIfAbsent(entry.segment(), k -> new TreeMap<>())
                    .merge(entry.entry().start(), 1, Integer::sum);
        }
        // Per object, the revisions this batch delivers later: a plain update's rival among them is delivered as
        // the conflict itself, so the update before it stays an update.
        Map<String, Set<String>> later = new HashMap<>();
        for (Held entry : ordered) {
            later.computeIfAbsent(entry.entry().record().name(), k -> new HashSet<>())
                    .add(entry.entry().record().revision());
        }
        List<Change> changes = new ArrayList<>(ordered.length);
        for (Held entry : ordered) {
            later.get(entry.entry().record().name())
                    .remove(entry.entry().record().revision());
            TreeMap<Long, Integer> starts = pending.get(entry.segment());
            starts.compute(entry.entry().start(), (k, count) -> count == 1 ? null : count - 1);
            delivered.put(entry.segment(), starts.isEmpty() ? readTo.get(entry.segment()) : starts.firstKey());
            String name = entry.entry().record().name();
            String id = ObjectIds.decode(name);
            if (id == null) {
                continue;
            }
            String revision = entry.entry().record().revision();
            changes.add(deliver(
                    name,
                    id,
                    revision,
                    kind(name, revision, entry.entry().record().kind(), later.get(name))));
        }
        advanceOffsets();
        return changes;
    }

    /** Segments with nothing held are delivered up to where they were read. */
    private void advanceOffsets() {
        for (Map.Entry<String, Long> read : readTo.entrySet()) {
            if (!heldSegments.contains(read.getKey())) {
                delivered.put(read.getKey(), read.getValue());
            } else {
                long first = held.stream()
                        .filter(h -> h.segment().equals(read.getKey()))
                        .mapToLong(h -> h.entry().start())
                        .min()
                        .orElse(read.getValue());
                delivered.put(read.getKey(), first);
            }
        }
        position = positionNow();
    }

    private void forgetRemoved(Set<String> present) {
        for (String id : new ArrayList<>(readTo.keySet())) {
            if (!present.contains(id)) {
                readTo.remove(id);
                delivered.remove(id);
                created.remove(id);
                sealed.remove(id);
            }
        }
    }

    /** The kind of change a record reports; a plain update is a conflict if a rival not delivered later is there. */
    private ChangeKind kind(String name, String revision, JournalKind kind, Set<String> deliveredLater) {
        return switch (kind) {
            case CREATED -> ChangeKind.CREATED;
            case UPDATED -> ChangeKind.UPDATED;
            case UPDATED_UNLOCKED ->
                feed.hasRival(feed.files().named(name), revision, deliveredLater)
                        ? ChangeKind.CONFLICT
                        : ChangeKind.UPDATED;
            case DELETED -> ChangeKind.DELETED;
            case CONFLICT -> ChangeKind.CONFLICT;
            case RESOLVED -> ChangeKind.RESOLVED;
            case SEAL -> throw new IllegalStateException("a seal is no change");
        };
    }

    /** Finds the directories changed since the position's reconciliation time and reports their state. */
    private List<Change> scan() throws IOException {
        long start = feed.clock().millis();
        long from = reconciled - CTIME_MARGIN_MILLIS;
        List<Change> changes = new ArrayList<>();
        for (ObjectDirectory object : feed.files().objects()) {
            long changed = ChangeFeed.changeTime(object);
            if (changed < from || changed >= start - SETTLE_MILLIS) {
                continue; // unchanged since, or so recent that its record may still come: next time
            }
            Optional<ObjectState> state = feed.state(object);
            if (state.isEmpty()) {
                continue;
            }
            ChangeKind kind = ObjectState.kind(null, state.get());
            if (delivered(object.name(), state.get().winner(), kind)) {
                continue;
            }
            changes.add(deliver(object.name(), object.id(), state.get().winner(), kind));
        }
        reconciled = start - SETTLE_MILLIS;
        position = positionNow();
        return changes;
    }

    /** Whether this reader delivered just this change of the object last (a journaled change reconciled again). */
    private boolean delivered(String name, String revision, ChangeKind kind) {
        return (revision + ' ' + kind).equals(recent.get(name));
    }

    private Change deliver(String name, String id, String revision, ChangeKind kind) {
        recent.put(name, revision + ' ' + kind);
        position = positionNow();
        return new Change(position, id, revision, kind);
    }

    private ChangeToken positionNow() {
        long now = feed.clock().millis();
        long sealingMargin = JournalSettings.SEALING_MARGIN.toMillis();
        Map<String, Long> offsets = new TreeMap<>();
        for (Map.Entry<String, Long> segment : delivered.entrySet()) {
            String id = segment.getKey();
            long createdAt = created.getOrDefault(id, now);
            boolean finished = (sealed.contains(id) || feed.journalSettings().sealedByAge(createdAt, now))
                    && segment.getValue().equals(readTo.get(id))
                    && !heldSegments.contains(id)
                    && createdAt < listed - sealingMargin;
            if (!finished) {
                offsets.put(id, segment.getValue());
            }
        }
        return new FeedPosition(feed.nextOrder(), listed, reconciled, snapshot, offsets).token();
    }
}
