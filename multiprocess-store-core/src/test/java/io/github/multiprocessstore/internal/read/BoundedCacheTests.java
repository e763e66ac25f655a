package io.github.multiprocessstore.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The budget holds, and a full cache lets a key in only on its second miss. */
class BoundedCacheTests {

    @Test
    void whileThereIsRoomEveryKeyIsAdmittedAtOnce() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);

        cache.putIfAbsent("a", "A", 100);
        cache.put("b", "B", 100);

        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("b")).isEqualTo("B");
    }

    @Test
    void aFullCacheAdmitsAKeyOnlyOnItsSecondMissAndStaysWithinBudget() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);
        for (int i = 0; i < 10; i++) {
            cache.putIfAbsent("warm-" + i, "W", 100);
        }

        cache.putIfAbsent("once", "O", 100);
        assertThat(cache.get("once"))
                .as("a key missed once while the cache is full")
                .isNull();
        assertThat(cache.get("warm-0")).as("nothing was pushed out for it").isEqualTo("W");

        cache.putIfAbsent("once", "O", 100);
        assertThat(cache.get("once")).as("the same key missed again").isEqualTo("O");
        long kept = java.util.stream.IntStream.range(0, 10)
                .filter(i -> cache.get("warm-" + i) != null)
                .count();
        assertThat(kept * 100 + 100)
                .as("bytes kept after the eviction it caused")
                .isLessThanOrEqualTo(1_000);
    }

    @Test
    void scansUseOnlyFreeRoom() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);
        for (int i = 0; i < 10; i++) {
            cache.putIfAbsent("warm-" + i, "W", 100);
        }

        cache.putIfRoom("scanned", "S", 100);
        cache.putIfRoom("scanned", "S", 100);

        assertThat(cache.get("scanned")).isNull();
        assertThat(cache.get("warm-9")).isEqualTo("W");
    }

    @Test
    void anEntryTooLargeForAnEighthOfTheBudgetIsNeverKept() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);

        cache.put("big", "B", 126);
        cache.putIfAbsent("big", "B", 126);

        assertThat(cache.get("big")).isNull();
    }

    @Test
    void removingAnEntryFreesItsRoom() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);
        for (int i = 0; i < 10; i++) {
            cache.putIfAbsent("warm-" + i, "W", 100);
        }

        cache.remove("warm-3");
        cache.putIfRoom("scanned", "S", 100);

        assertThat(cache.get("warm-3")).isNull();
        assertThat(cache.get("scanned"))
                .as("fits in the room the removal freed")
                .isEqualTo("S");
    }

    @Test
    void evictionsGoOnRoundTheCacheAndKeepItWithinBudget() {
        BoundedCache<String, String> cache = new BoundedCache<>(1_000);
        for (int i = 0; i < 5_000; i++) {
            String key = "k-" + i;
            cache.put(key, "V", 100);
            cache.put(key, "V", 100); // its second miss: admitted, pushing others out

            long kept = java.util.stream.IntStream.rangeClosed(Math.max(0, i - 20), i)
                    .filter(k -> cache.get("k-" + k) != null)
                    .count();
            assertThat(kept * 100)
                    .as("bytes kept after %d evicting additions", i)
                    .isLessThanOrEqualTo(1_000);
            assertThat(cache.get(key)).as("the key just admitted").isEqualTo("V");
        }
    }
}
