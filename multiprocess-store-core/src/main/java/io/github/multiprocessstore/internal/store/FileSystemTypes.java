package io.github.multiprocessstore.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What the engine needs to know about the file system a store is on. Kept listings rely on a directory's change
 * time being the kernel's own, current at every {@code stat}: true of local file systems (ext4, xfs, btrfs, tmpfs,
 * ...), not of FUSE file systems (the kernel caches their attributes for a while, and the daemon may report
 * another file system's times) nor of network file systems (attributes cached by the client, times set by another
 * host's clock).
 */
public final class FileSystemTypes {

    /** Network and cluster file systems, as {@code /proc/mounts} names them. */
    private static final Set<String> SHARED = Set.of(
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "smbfs",
            "9p",
            "ceph",
            "glusterfs",
            "gfs2",
            "ocfs2",
            "lustre",
            "afs",
            "virtiofs",
            "fuse",
            "fuseblk");

    private FileSystemTypes() {}

    /**
     * The type of the file system holding a path, as the platform names it ({@code ext4}, {@code fuse.bindfs}...).
     *
     * @param path a path; if it does not exist yet, its nearest existing ancestor's file system is the one
     * @return its type, or {@code "unknown"} if it cannot be told
     */
    public static String typeOf(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent(); // a directory about to be created is on its parent's file system
        }
        if (existing == null) {
            return "unknown";
        }
        try {
            return Files.getFileStore(existing).type();
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }

    /**
     * Whether directory change times on this file system are fresh at every {@code stat} and set by this host's
     * kernel, so that a kept listing can be proved current with one {@code stat}.
     *
     * @param type a type from {@link #typeOf}
     * @return false for FUSE and network file systems
     */
    public static boolean changeTimesAreLocal(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("fuse.") || SHARED.contains(lower));
    }
}
