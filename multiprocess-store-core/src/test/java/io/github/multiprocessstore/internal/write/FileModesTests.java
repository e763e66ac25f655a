package io.github.multiprocessstore.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory creation that several starting processes race: each of them succeeds, and only something that is not a
 * directory in the way is an error. (The case of a client that does not show at once what another created is proved
 * on GlusterFS by {@code GlusterFsIT}.)
 */
class FileModesTests {

    @TempDir
    Path temp;

    @Test
    void creatorsRacingForTheSameDirectoriesAllSucceed() throws Exception {
        FileModes modes = FileModes.of(
                PosixFilePermissions.fromString("rw-rw----"), PosixFilePermissions.fromString("rwxrwx---"));
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 200; round++) {
                Path store = temp.resolve("round-" + round).resolve("store");
                CyclicBarrier start = new CyclicBarrier(racers);
                List<Future<?>> creations = new ArrayList<>();
                for (int racer = 0; racer < racers; racer++) {
                    boolean withModes = racer % 2 == 0;
                    creations.add(pool.submit(() -> {
                        start.await();
                        if (withModes) {
                            modes.createDirectories(store.resolve("area"));
                        } else {
                            FileModes.createMissingDirectories(store.resolve("area"));
                        }
                        return null;
                    }));
                }
                for (Future<?> creation : creations) {
                    creation.get(30, TimeUnit.SECONDS);
                }
                assertThat(store.resolve("area")).isDirectory();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileInTheWayIsAnError() throws Exception {
        Path inTheWay = Files.createFile(temp.resolve("area"));

        assertThatThrownBy(() -> FileModes.umask().createDirectories(inTheWay))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> FileModes.createMissingDirectories(inTheWay.resolve("below")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.isRegularFile(inTheWay, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
