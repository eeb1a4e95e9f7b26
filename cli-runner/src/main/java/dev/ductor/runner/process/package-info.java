@NullMarked
package dev.ductor.runner.process;

import org.jspecify.annotations.NullMarked;
