/**
 * Reads whole stores for {@code verify} and {@code stats} file by file (with the store's public file names and
 * winner order), on a pool of threads, in bounded memory; {@link io.github.multiprocessstore.cli.scan.ParallelScan}
 * also runs {@code ls} and {@code export}, which read through a read-only store.
 */
package io.github.multiprocessstore.cli.scan;
