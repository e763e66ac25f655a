/** Spring Data style repositories of stored objects, with their exception translation and observations. */
@NullMarked
package io.github.multiprocessstore.repository;

import org.jspecify.annotations.NullMarked;
