package io.github.multiprocessstore.internal.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The write path's file-system steps. Every revision becomes visible only through an atomic rename of a complete
 * file (or, for a new object, of a complete directory), so no reader in any process ever sees a partial one; with
 * {@code durable} the content and then the directory entry are fsynced before the write is acknowledged.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes a new file that must not exist yet, fsyncing its content if {@code durable}.
     *
     * @param file    the file to create
     * @param content its content
     * @param durable whether to fsync
     * @param modes   the permissions it is created with
     * @throws IOException if the file exists or cannot be written
     */
    public static void writeNewFile(Path file, byte[] content, boolean durable, FileModes modes) throws IOException {
        fillAndClose(modes.createFile(file), content, durable);
    }

    /**
     * Writes the whole content into a new file's channel, fsyncs it if {@code durable}, and closes it.
     *
     * @param channel from {@link FileModes#createFile}
     * @param content the file's content
     * @param durable whether to fsync
     * @throws IOException if it cannot be written (the channel is closed either way)
     */
    public static void fillAndClose(FileChannel channel, byte[] content, boolean durable) throws IOException {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        }
    }

    /**
     * Moves a file or directory into place with one atomic rename (same file system). A directory cannot replace a
     * non-empty directory, which is what makes racing creators safe.
     *
     * @param source the complete temp file or directory
     * @param target where it becomes visible
     * @throws IOException if the rename fails (e.g. the target directory exists and is not empty)
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Publishes a complete temp file under a name that must not exist yet, atomically and without ever replacing
     * an existing file: a hard link (which fails if the name is taken) followed by removing the temp name. On file
     * systems without hard links it falls back to a rename after an existence check.
     *
     * @param temp   the complete temp file, on the same file system
     * @param target the revision file to create
     * @throws java.nio.file.FileAlreadyExistsException if the target name is taken
     * @throws java.nio.file.NoSuchFileException         if the target's directory does not exist
     * @throws IOException                               on other I/O errors
     */
    public static void publishNew(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.FileAlreadyExistsException(target.toString());
            }
            moveAtomically(temp, target);
            return;
        }
        // File.delete is one unlink; Files.delete first stats the file to choose between unlink and rmdir.
        if (!temp.toFile().delete()) {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Fsyncs a directory so that entries created or renamed in it survive a power loss.
     *
     * @param directory the directory
     * @throws IOException if it cannot be opened or synced
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Deletes a file, or a directory with the files in it (one level, as the engine's temp directories are),
     * ignoring what is already gone.
     *
     * @param path the file or directory
     * @throws IOException if something present cannot be deleted
     */
    public static void deleteQuietlyIfPresent(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    Files.deleteIfExists(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
