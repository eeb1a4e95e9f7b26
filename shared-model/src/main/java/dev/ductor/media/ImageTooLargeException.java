package dev.ductor.media;

/**
 * An image whose header names more pixels than the budget: it is never decoded (a decompression bomb, or
 * just too large), and asking again gets the same answer.
 */
public final class ImageTooLargeException extends RuntimeException {

    public ImageTooLargeException(String message) {
        super(message);
    }
}
