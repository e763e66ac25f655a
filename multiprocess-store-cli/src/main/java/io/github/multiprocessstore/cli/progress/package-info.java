/** The progress bar on stderr, and the decision whether stderr is a terminal that should get one. */
package io.github.multiprocessstore.cli.progress;
