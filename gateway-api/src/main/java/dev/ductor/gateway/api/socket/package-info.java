@NullMarked
package dev.ductor.gateway.api.socket;

import org.jspecify.annotations.NullMarked;
