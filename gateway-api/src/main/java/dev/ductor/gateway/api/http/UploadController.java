package dev.ductor.gateway.api.http;

import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.gateway.api.ApiToken;
import dev.ductor.media.ImageTooLargeException;
import dev.ductor.media.MediaStore;
import dev.ductor.workspace.IncomingFilePrompt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /upload} (behaviour §10): with the bearer token, a multipart {@code file} (and an optional
 * {@code caption}) is stored as {@code workspace/api_files/<date>/<name>} — the name reduced to safe
 * characters, never a rule file's name, a number added where the name is taken; an image shrunk to 2000
 * pixels and converted to WebP as ductor does — and answered with its path, name, type, size and the
 * prompt that tells the agent about it. The token is checked before a byte of
 * the body is read (multipart is resolved lazily); a body over {@link #MAX_BYTES} is refused with 413 and
 * nothing is kept.
 */
@RestController
class UploadController {

    static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final Set<String> RULE_FILES = Set.of("claude.md", "agents.md", "gemini.md");
    private static final Logger log = LoggerFactory.getLogger(UploadController.class);

    private final ApiToken token;
    private final Path workspace;
    private final MediaStore media;
    private final ApiMetrics metrics;

    UploadController(ApiToken token, DuctorHome home, ApiMetrics metrics) {
        this.token = token;
        this.workspace = home.workspace();
        this.media = new MediaStore(workspace, "api_files", Clock.systemUTC());
        this.metrics = metrics;
    }

    @PostMapping("/upload")
    ResponseEntity<?> upload(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            HttpServletRequest request)
            throws IOException {
        if (!token.matchesBearer(authorization)) {
            return answer(401, "unauthorized");
        }
        if (request.getContentLengthLong() > MAX_BYTES + 1024 * 1024) {
            return tooLarge();
        }
        Part file;
        Part caption;
        try {
            file = request.getPart("file");
            caption = request.getPart("caption");
        } catch (IllegalStateException e) { // a part or the request over the limit
            return tooLarge();
        } catch (jakarta.servlet.ServletException | IOException e) {
            return answer(400, "multipart body required");
        }
        if (file == null || file.getSubmittedFileName() == null) {
            return answer(400, "expected a 'file' field");
        }
        if (file.getSize() > MAX_BYTES) {
            return tooLarge();
        }
        String text =
                caption == null ? null : new String(caption.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        MediaStore.Stored stored;
        try {
            stored = store(file);
        } catch (ImageTooLargeException e) {
            log.warn("API upload refused: {}", e.getMessage());
            return answer(413, "image exceeds " + MediaStore.DEFAULT_MAX_PIXELS + " pixels");
        }
        Path target = stored.path();
        long size = Files.size(target);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", target.toString());
        body.put("name", target.getFileName().toString());
        body.put("mime", stored.mime());
        body.put("size", size);
        body.put("prompt", media.prompt("API", stored, kind(stored.mime()), text));
        log.info("API upload stored: {} ({}, {} bytes)", workspace.relativize(target), stored.mime(), size);
        metrics.http("upload", 200);
        return ResponseEntity.ok(body);
    }

    /**
     * Copies the part to a free name of today's folder; an image is then shrunk and converted to WebP as
     * Telegram's and Matrix's incoming images are ({@link MediaStore}).
     */
    private MediaStore.Stored store(Part file) throws IOException {
        Path target = media.target(safeName(file.getSubmittedFileName()));
        try (InputStream in = file.getInputStream()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            media.release(target);
            Files.deleteIfExists(target);
            throw e;
        }
        String mime = mime(target, file.getContentType());
        return media.store(target, mime, mime.startsWith("image/") && !mime.contains("svg"));
    }

    /** The last path element in safe characters; a rule file's name ({@code CLAUDE.md} …) is prefixed. */
    static String safeName(@Nullable String submitted) {
        String base = submitted == null ? "" : submitted.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^\\.+", "_");
        base = base.isEmpty() ? "upload" : base.substring(0, Math.min(base.length(), 120));
        return RULE_FILES.contains(base.toLowerCase(Locale.ROOT)) ? "upload_" + base : base;
    }

    private static String mime(Path file, @Nullable String declared) throws IOException {
        String probed = Files.probeContentType(file);
        if (probed != null) {
            return probed;
        }
        return declared == null || declared.isBlank() ? "application/octet-stream" : declared;
    }

    private static IncomingFilePrompt.Kind kind(String mime) {
        if (mime.startsWith("audio/")) {
            return IncomingFilePrompt.Kind.AUDIO;
        }
        return mime.startsWith("video/") ? IncomingFilePrompt.Kind.VIDEO : IncomingFilePrompt.Kind.OTHER;
    }

    private ResponseEntity<?> tooLarge() {
        return answer(413, "file exceeds " + MAX_BYTES / (1024 * 1024) + " MB limit");
    }

    private ResponseEntity<?> answer(int status, String error) {
        metrics.http("upload", status);
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
