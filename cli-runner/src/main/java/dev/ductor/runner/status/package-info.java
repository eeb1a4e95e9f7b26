/** The runner's periodic {@code RunnerStatus}: slots, runs held, and which CLIs are installed and logged in. */
@NullMarked
package dev.ductor.runner.status;

import org.jspecify.annotations.NullMarked;
