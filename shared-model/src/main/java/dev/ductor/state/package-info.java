/** State files under {@code DUCTOR_HOME}: atomic writes (temp file, fsync, rename) and dotenv reading. */
@NullMarked
package dev.ductor.state;

import org.jspecify.annotations.NullMarked;
