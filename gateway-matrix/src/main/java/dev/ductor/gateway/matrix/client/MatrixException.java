package dev.ductor.gateway.matrix.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A call the homeserver refused or that did not reach it ({@code status} 0). {@code retryAfterMs} is set on
 * a 429 {@code M_LIMIT_EXCEEDED}. The message never contains the access token.
 */
public class MatrixException extends RuntimeException {

    private final int status;
    private final String errcode;
    private final @Nullable Long retryAfterMs;

    public MatrixException(int status, String errcode, String message, @Nullable Long retryAfterMs) {
        super(message);
        this.status = status;
        this.errcode = errcode;
        this.retryAfterMs = retryAfterMs;
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    public @Nullable Long retryAfterMs() {
        return retryAfterMs;
    }

    /** The wait the homeserver asked for ({@code retry_after_ms}), else {@code otherwise}. */
    public Duration retryAfter(Duration otherwise) {
        return retryAfterMs != null ? Duration.ofMillis(retryAfterMs) : otherwise;
    }

    public boolean rateLimited() {
        return status == 429;
    }

    /** Worth retrying: rate limits, server errors and calls that did not get through. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
