@NullMarked
package dev.ductor.runner.bus;

import org.jspecify.annotations.NullMarked;
