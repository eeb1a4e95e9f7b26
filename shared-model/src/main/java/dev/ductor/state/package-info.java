/**
 * State files under {@code DUCTOR_HOME}: atomic writes (temp file, fsync, rename), dotenv reading, and deleting
 * a folder tree without following its links.
 */
@NullMarked
package dev.ductor.state;

import org.jspecify.annotations.NullMarked;
