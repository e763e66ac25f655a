package io.github.multiprocessstore.filesystems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file systems a test mounts, unmounted (lazily if busy) and their images removed by {@link #close()}, in
 * reverse order, even after a failure: call it from {@code @AfterAll}/{@code @AfterEach}. Needs root.
 */
final class Mounts implements AutoCloseable {

    private final Deque<Path> mounted = new ArrayDeque<>();
    private final Deque<Path> images = new ArrayDeque<>();

    /** Mounts a tmpfs with the given options (e.g. {@code size=4m} or {@code nr_inodes=200}). */
    Path tmpfs(Path mountPoint, String options) {
        createDirectories(mountPoint);
        HostTools.require("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString());
        mounted.push(mountPoint);
        return mountPoint;
    }

    /**
     * Creates an image file of the given size, makes a file system on it and loop-mounts it.
     *
     * @param mkfs the mkfs command and its options, e.g. {@code mkfs.xfs -q}; the image path is appended
     */
    Path loopImage(Path image, String size, Path mountPoint, String... mkfs) {
        createDirectories(mountPoint);
        HostTools.require("truncate", "-s", size, image.toString());
        images.push(image);
        String[] command = java.util.Arrays.copyOf(mkfs, mkfs.length + 1);
        command[mkfs.length] = image.toString();
        HostTools.require(command);
        HostTools.require("mount", "-o", "loop", image.toString(), mountPoint.toString());
        mounted.push(mountPoint);
        return mountPoint;
    }

    /** Mounts {@code source} again at {@code mountPoint} through the FUSE file system bindfs. */
    Path bindfs(Path source, Path mountPoint) {
        createDirectories(source);
        createDirectories(mountPoint);
        HostTools.require("bindfs", "--no-allow-other", source.toString(), mountPoint.toString());
        mounted.push(mountPoint);
        return mountPoint;
    }

    /** Records a mount made elsewhere (e.g. GlusterFS), to be unmounted by {@link #close()}. */
    Path adopt(Path mountPoint) {
        mounted.push(mountPoint);
        return mountPoint;
    }

    /** Remounts a mounted file system read-only or read-write, without unmounting it. */
    static void remount(Path mountPoint, boolean readOnly) {
        HostTools.require("mount", "-o", readOnly ? "remount,ro" : "remount,rw", mountPoint.toString());
    }

    /** The type of the file system holding a path, as {@code stat -f} reports it (tmpfs, xfs, btrfs, fuseblk...). */
    static String typeOf(Path path) {
        return HostTools.require("stat", "-f", "-c", "%T", path.toString()).strip();
    }

    @Override
    public void close() {
        StringBuilder failures = new StringBuilder();
        while (!mounted.isEmpty()) {
            Path mountPoint = mounted.pop();
            HostTools.Result result = HostTools.run("umount", mountPoint.toString());
            if (!result.ok()) {
                HostTools.Result lazy = HostTools.run("umount", "-l", mountPoint.toString());
                if (!lazy.ok()
                        && !HostTools.run("mountpoint", "-q", mountPoint.toString())
                                .ok()) {
                    continue; // already gone
                }
                if (!lazy.ok()) {
                    failures.append(mountPoint)
                            .append(": ")
                            .append(lazy.output())
                            .append('\n');
                }
            }
        }
        while (!images.isEmpty()) {
            try {
                Files.deleteIfExists(images.pop());
            } catch (IOException e) {
                failures.append(e).append('\n');
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("could not unmount:\n" + failures);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
