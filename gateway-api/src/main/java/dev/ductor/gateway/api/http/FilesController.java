package dev.ductor.gateway.api.http;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.gateway.api.ApiToken;
import dev.ductor.workspace.SendableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /files?path=<path>} (behaviour §10): with the bearer token, a file the bot may send —
 * shared-model's {@link SendableFiles} rule: symlinks and {@code ..} resolved, inside what {@code
 * file_access} allows, never a secret. 401 without the token, 400 without a path, 403 outside, 404 when
 * it is no file.
 */
@RestController
class FilesController {

    private final ApiToken token;
    private final SendableFiles sendable;
    private final Path workspace;
    private final ApiMetrics metrics;

    FilesController(ApiToken token, ConfigStore config, DuctorHome home, ApiMetrics metrics) {
        this.token = token;
        this.sendable = new SendableFiles(
                () -> config.current().fileAccess(),
                home.workspace(),
                Path.of(System.getProperty("user.home")),
                home.root());
        this.workspace = home.workspace();
        this.metrics = metrics;
    }

    @GetMapping("/files")
    ResponseEntity<?> file(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestParam(name = "path", required = false) @Nullable String path)
            throws IOException {
        if (!token.matchesBearer(authorization)) {
            return answer(401, "unauthorized");
        }
        if (path == null || path.isBlank()) {
            return answer(400, "missing 'path' query parameter");
        }
        Path file = sendable.resolve(workspace, path);
        if (file == null) {
            return answer(403, "path outside allowed roots");
        }
        if (!Files.isRegularFile(file)) {
            return answer(404, "file not found");
        }
        String type = Files.probeContentType(file);
        metrics.http("files", 200);
        return ResponseEntity.ok()
                .contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type))
                .body(new FileSystemResource(file));
    }

    private ResponseEntity<?> answer(int status, String error) {
        metrics.http("files", status);
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
