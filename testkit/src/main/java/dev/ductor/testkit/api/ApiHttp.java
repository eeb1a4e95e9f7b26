package dev.ductor.testkit.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The API's HTTP routes as a client calls them: {@code /health}, {@code /files}, {@code /upload} (multipart). */
public final class ApiHttp {

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code base} is {@code http://host:port}. */
    public ApiHttp(URI base) {
        this.base = base;
    }

    public HttpResponse<String> health() {
        return send(HttpRequest.newBuilder(base.resolve("/health")).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /files?path=…} with {@code token} as bearer (none when null). */
    public HttpResponse<byte[]> file(@Nullable String token, @Nullable String path) {
        String query = path == null ? "" : "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve("/files" + query)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code POST /upload} of one {@code file} part (and a {@code caption} part when given). */
    public HttpResponse<String> upload(
            @Nullable String token, String fileName, byte[] content, @Nullable String caption) {
        String boundary = "ductor-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            if (caption != null) {
                body.write(
                        ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n" + caption)
                                .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
