/** NDJSON in and out of a store: {@code export} (the live winners) and {@code import} (validated, then written). */
package io.github.multiprocessstore.cli.transfer;
