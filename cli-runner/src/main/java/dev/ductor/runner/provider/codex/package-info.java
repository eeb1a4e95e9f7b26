@NullMarked
package dev.ductor.runner.provider.codex;

import org.jspecify.annotations.NullMarked;
