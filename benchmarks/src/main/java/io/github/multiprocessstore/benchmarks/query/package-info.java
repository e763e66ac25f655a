/**
 * The scan-query benchmark: derived queries of the Spring Data repositories against SQLite's {@code json_extract}
 * full scans and against reading every object, on the same documents, in one run.
 */
package io.github.multiprocessstore.benchmarks.query;
