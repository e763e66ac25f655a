/** Spring Data's factory bean of declared repository interfaces. */
@NullMarked
package io.github.multiprocessstore.repository.support;

import org.jspecify.annotations.NullMarked;
