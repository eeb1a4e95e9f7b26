@NullMarked
package dev.ductor.runner.run;

import org.jspecify.annotations.NullMarked;
