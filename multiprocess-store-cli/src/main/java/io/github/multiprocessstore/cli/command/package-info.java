/** The commands of {@code mpstore}, one class each, as picocli sub-commands; each returns its exit code. */
package io.github.multiprocessstore.cli.command;
