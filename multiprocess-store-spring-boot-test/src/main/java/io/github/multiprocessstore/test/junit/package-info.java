/** JUnit Jupiter support for users of the core: {@link io.github.multiprocessstore.test.junit.TempStore} stores. */
@NullMarked
package io.github.multiprocessstore.test.junit;

import org.jspecify.annotations.NullMarked;
