@NullMarked
package dev.ductor.runner;

import org.jspecify.annotations.NullMarked;
