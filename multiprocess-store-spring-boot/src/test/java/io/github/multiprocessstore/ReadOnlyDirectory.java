package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory unwritable for this process until closed. Permission bits do not stop root, so when they are
 * not enough the directory is also made immutable with {@code chattr +i}, which root cannot write through either;
 * where neither works (no chattr, a file system without the attribute) the calling test is skipped.
 */
public final class ReadOnlyDirectory implements AutoCloseable {

    private final Path directory;
    private boolean immutable;

    private ReadOnlyDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * @param directory an existing directory
     * @return a handle that restores the directory's write access when closed
     * @throws IOException if the permissions cannot be changed
     */
    public static ReadOnlyDirectory of(Path directory) throws IOException {
        ReadOnlyDirectory readOnly = new ReadOnlyDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(directory)) {
            readOnly.immutable = chattr("+i", directory);
        }
        if (Files.isWritable(directory)) {
            readOnly.close();
            Assumptions.abort("cannot make " + directory + " unwritable for this user (root without chattr?)");
        }
        return readOnly;
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            chattr("-i", directory);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean chattr(String attribute, Path directory) {
        try {
            Process process = new ProcessBuilder("chattr", attribute, directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
