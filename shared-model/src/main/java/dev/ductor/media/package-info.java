/**
 * Files users send, as both gateways store them (behaviour §3.15, §9.8): {@link MediaStore} names them in a
 * per-day folder of the workspace, checks an image's header against the pixel budget before decoding it,
 * decodes with subsampling, shrinks and converts it (WebP when an encoder is on the classpath), indexes the
 * folder and writes the prompt that tells the agent about the file.
 */
@NullMarked
package dev.ductor.media;

import org.jspecify.annotations.NullMarked;
