/**
 * ductor's {@code config.json} (behaviour §7): defaults merged into the user's file without touching their
 * values, {@code DUCTOR_*} environment overrides, clear errors for a broken file, hot reload.
 */
@NullMarked
package dev.ductor.config;

import org.jspecify.annotations.NullMarked;
