package io.github.multiprocessstore.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two applications, each with its own store root (two hosts), the first replicating with the second's root as its
 * peer: objects travel both ways, a conflict resolved on one stays resolved everywhere, and the schedule runs on its
 * own.
 */
class ReplicationBetweenTwoApplicationsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreReplicationAutoConfiguration.class))
            .withPropertyValues("multiprocess.store.durable=false");

    @TempDir
    Path rootA;

    @TempDir
    Path rootB;

    @Test
    void objectsWrittenOnEitherSideAppearOnTheOtherAfterReplicateNow() {
        hostA(Duration.ofHours(1))
                .run(a -> hostB().run(b -> {
                    ObjectRepository<Note> notesA = notes(a);
                    ObjectRepository<Note> notesB = notes(b);
                    Note first = notesA.save(new Note("first", null, "written on A"));
                    Note second = notesA.save(new Note("second", null, "also written on A"));
                    Note fromB = notesB.save(new Note("from-b", null, "written on B"));

                    List<PeerReplicationResult> results =
                            a.getBean(ReplicationScheduler.class).replicateNow();

                    assertThat(notesB.findById("first")).contains(first);
                    assertThat(notesB.findById("second")).contains(second);
                    assertThat(notesA.findById("from-b")).contains(fromB);
                    PeerReplicationResult result = results.get(0);
                    assertThat(result.peer()).isEqualTo(rootB);
                    assertThat(result.succeeded()).isTrue();
                    assertThat(result.collections()).containsExactly("notes");
                    assertThat(result.pulled().revisionsCopied()).isEqualTo(1);
                    assertThat(result.pushed().revisionsCopied()).isEqualTo(2);

                    PeerReplicationResult again =
                            a.getBean(ReplicationScheduler.class).replicateNow().get(0);
                    assertThat(again.revisionsCopied()).isZero();
                    assertThat(notesB.findAll()).containsExactlyInAnyOrderElementsOf(notesA.findAll());
                }));
    }

    @Test
    void aConflictResolvedOnOneSideStaysResolvedAfterReplication() {
        hostA(Duration.ofHours(1))
                .run(a -> hostB().run(b -> {
                    ObjectRepository<Note> notesA = notes(a);
                    ObjectRepository<Note> notesB = notes(b);
                    ReplicationScheduler replication = a.getBean(ReplicationScheduler.class);
                    Note base = notesA.save(new Note("doc", null, "base"));
                    replication.replicateNow();
                    // Each host changes the same revision, strictly: both succeed, as neither has seen the other's yet.
                    notesA.save(new Note("doc", base.rev(), "changed on A"));
                    notesB.save(new Note("doc", base.rev(), "changed on B"));
                    replication.replicateNow();
                    List<List<String>> conflicts = notesA.findConflicts("doc");
                    assertThat(conflicts).hasSize(1);
                    assertThat(notesB.findConflicts("doc")).isEqualTo(conflicts);
                    List<String> group = conflicts.get(0);
                    String elected = notesA.findById("doc").orElseThrow().rev();
                    // Choose the revision readers do NOT elect: if its rival ever came back, it would win again.
                    String chosen = group.stream()
                            .filter(rev -> !rev.equals(elected))
                            .findFirst()
                            .orElseThrow();

                    notesA.resolveConflict("doc", chosen);
                    // The run pulls from B, which still holds the rival, before it pushes the resolution.
                    PeerReplicationResult result = replication.replicateNow().get(0);

                    assertThat(result.succeeded()).isTrue();
                    assertThat(result.pulled().revisionsCopied()).isZero();
                    assertThat(result.pushed().revisionsRetired()).isEqualTo(1);
                    for (ObjectRepository<Note> side : List.of(notesA, notesB)) {
                        assertThat(side.findConflicts("doc")).isEmpty();
                        assertThat(side.findById("doc").orElseThrow().rev()).isEqualTo(chosen);
                    }

                    replication.replicateNow();
                    replication.replicateNow();
                    assertThat(notesA.findConflicts("doc")).isEmpty();
                    assertThat(notesB.findConflicts("doc")).isEmpty();
                    assertThat(notesB.findById("doc").orElseThrow().rev()).isEqualTo(chosen);
                    assertThat(notesB.findRevisions("doc")).isEqualTo(notesA.findRevisions("doc"));
                }));
    }

    @Test
    void theScheduleReplicatesOnItsOwn() {
        hostA(Duration.ofMillis(100))
                .withPropertyValues("multiprocess.store.replication.initial-delay=0s")
                .run(a -> hostB().run(b -> {
                    Note written = notes(a).save(new Note("scheduled", null, "written on A"));
                    Note fromB = notes(b).save(new Note("scheduled-b", null, "written on B"));

                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        assertThat(notes(b).findById("scheduled")).contains(written);
                        assertThat(notes(a).findById("scheduled-b")).contains(fromB);
                    });
                }));
    }

    /** Host A: its store in {@code rootA}, replicating with {@code rootB}. */
    private ApplicationContextRunner hostA(Duration interval) {
        return contextRunner.withPropertyValues(
                "multiprocess.store.path=" + rootA,
                "multiprocess.store.replication.peers=" + rootB,
                "multiprocess.store.replication.interval=" + interval.toMillis() + "ms",
                "multiprocess.store.replication.initial-delay=1h");
    }

    /** Host B: its store in {@code rootB}, not replicating itself. */
    private ApplicationContextRunner hostB() {
        return contextRunner.withPropertyValues("multiprocess.store.path=" + rootB);
    }

    private static ObjectRepository<Note> notes(AssertableApplicationContext context) {
        return context.getBean(ObjectRepositoryFactory.class).create(Note.class, "notes");
    }

    /** A stored object of both applications. */
    record Note(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String text) {}
}
