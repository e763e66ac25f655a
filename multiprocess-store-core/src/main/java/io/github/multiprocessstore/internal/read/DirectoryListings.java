package io.github.multiprocessstore.internal.read;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Object directory listings kept between reads, so that a read of an object that has not changed costs one
 * {@code stat} of its directory instead of a listing (which takes four to nine system calls).
 *
 * <p>Why this is sound: adding, renaming or removing an entry sets the directory's change time (ctime) to the
 * current time, and no program can set a ctime back. A listing is kept together with the directory's state
 * (device, inode, ctime, mtime) from a {@code stat} taken <em>before</em> listing it, and is used again only while
 * a new {@code stat} shows exactly the same state. File systems record times at a coarse granularity (a few
 * milliseconds on Linux, a second or two on some file systems), so a change made within the same tick as the
 * recorded ctime could leave it unchanged; a listing is therefore kept only if the directory had been left alone
 * for {@code settleTime} (longer than any granularity) when its {@code stat} was taken. Any later change then
 * happens at least that much later and must show as a new ctime. Directories written in the last seconds are
 * simply listed every time.
 *
 * <p>Where the file system has no {@code unix} attribute view (no ctime), nothing is kept. Thread-safe.
 */
public final class DirectoryListings {

    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,ctime,lastModifiedTime,isDirectory";
    private static final boolean HAS_CTIME =
            FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /**
     * What a {@code stat} of a directory showed, and when it was taken.
     *
     * @param device      the device number (0 where unknown)
     * @param inode       the inode number (0 where unknown)
     * @param changed     the change time (ctime), or null where the file system has none
     * @param modified    the modification time (mtime)
     * @param isDirectory whether it is a directory (not following a symbolic link)
     * @param takenMillis the wall-clock time just before the {@code stat}
     */
    public record State(
            long device, long inode, FileTime changed, FileTime modified, boolean isDirectory, long takenMillis) {

        boolean sameDirectoryAs(State other) {
            return device == other.device
                    && inode == other.inode
                    && changed != null
                    && changed.equals(other.changed)
                    && modified.equals(other.modified);
        }
    }

    private record Listing(State state, List<String> names) {}

    /** Heap estimate of one kept listing: its key and state, plus each name (a 45-character string). */
    private static final long BYTES_PER_LISTING = 240;

    private static final long BYTES_PER_NAME = 120;

    private final BoundedCache<Path, Listing> cache;
    private final long settleMillis;

    /**
     * @param limitBytes estimated heap bytes the kept listings may take; 0 keeps none
     * @param settleTime how long a directory must have been left alone for its listing to be kept
     */
    public DirectoryListings(long limitBytes, Duration settleTime) {
        this.cache = new BoundedCache<>(HAS_CTIME ? limitBytes : 0);
        this.settleMillis = settleTime.toMillis();
    }

    /**
     * Listings that keep nothing: every directory is listed each time (replication, compaction).
     *
     * @return listings without a cache
     */
    public static DirectoryListings none() {
        return new DirectoryListings(0, Duration.ZERO);
    }

    /**
     * Takes a directory's state, not following a symbolic link.
     *
     * @param directory the object directory
     * @return its state, or null if nothing is there
     * @throws IOException if it cannot be inspected
     */
    public State state(Path directory) throws IOException {
        long now = System.currentTimeMillis();
        try {
            if (!HAS_CTIME || !cache.enabled()) {
                // nothing is kept, so the change time is never compared: the stat without the attribute map
                return basicState(directory, now);
            }
            Map<String, Object> attributes =
                    Files.readAttributes(directory, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new State(
                    ((Number) attributes.get("dev")).longValue(),
                    ((Number) attributes.get("ino")).longValue(),
                    (FileTime) attributes.get("ctime"),
                    (FileTime) attributes.get("lastModifiedTime"),
                    (Boolean) attributes.get("isDirectory"),
                    now);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A state without the change time, which no kept listing is compared with. */
    private static State basicState(Path directory, long now) throws IOException {
        BasicFileAttributes basic =
                Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new State(0, 0, null, basic.lastModifiedTime(), basic.isDirectory(), now);
    }

    /**
     * The names listed earlier, if the directory is in the same state now.
     *
     * @param directory the object directory
     * @param now       its state, just taken
     * @return the kept names (unmodifiable), or null if there are none or they may be out of date
     */
    public List<String> kept(Path directory, State now) {
        Listing listing = cache.get(directory);
        return listing != null && listing.state().sameDirectoryAs(now) ? listing.names() : null;
    }

    /**
     * Keeps a listing, if the directory had settled when {@code before} was taken.
     *
     * @param directory the object directory
     * @param before    its state, taken before it was listed
     * @param names     what the listing found (kept as given: pass an unmodifiable list)
     * @param admission whether it may push other listings out to make room
     */
    public void keep(Path directory, State before, List<String> names, CacheAdmission admission) {
        if (admission == CacheAdmission.NONE
                || before.changed() == null
                || before.changed().toMillis() >= before.takenMillis() - settleMillis) {
            return;
        }
        long weight = BYTES_PER_LISTING + BYTES_PER_NAME * names.size();
        if (admission == CacheAdmission.EVICT) {
            cache.put(directory, new Listing(before, names), weight);
        } else {
            cache.putIfRoom(directory, new Listing(before, names), weight);
        }
    }

    /** Drops everything kept: the store was closed. */
    public void clear() {
        cache.clear();
    }
}
