/**
 * {@code mpstore}, the operator's command line: the entry point ({@link io.github.multiprocessstore.cli.Mpstore}),
 * its commands ({@code .command}), what they share ({@code .support}), whole-store scans ({@code .scan}), NDJSON
 * export and import ({@code .transfer}) and the progress bar ({@code .progress}). Uses the core's public API only.
 */
package io.github.multiprocessstore.cli;
