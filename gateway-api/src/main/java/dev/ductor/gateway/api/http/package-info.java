@NullMarked
package dev.ductor.gateway.api.http;

import org.jspecify.annotations.NullMarked;
