@NullMarked
package dev.ductor.gateway.api.outbound;

import org.jspecify.annotations.NullMarked;
