package io.github.multiprocessstore.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link MultiprocessStoreTest#properties()} into the test's environment, as Boot's own slices do. */
final class MultiprocessStoreTestContextBootstrapper extends TestSliceTestContextBootstrapper<MultiprocessStoreTest> {}
