package dev.ductor.gateway.matrix.client;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorConfig;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs the bot in (behaviour §9.1) in ductor's order: (1) the credentials persisted in
 * {@code <store>/credentials.json} when they are for the configured homeserver and user and the homeserver
 * still knows the token; (2) {@code access_token} + {@code device_id} from the config, checked with
 * {@code whoami} and mirrored to the file; (3) a password login, whose token and device id are persisted.
 * The file is written with mode 0600. Reusing the device keeps transaction ids meaningful across restarts:
 * a homeserver deduplicates them per device.
 */
public final class MatrixLogin {

    private static final Logger log = LoggerFactory.getLogger(MatrixLogin.class);

    private final HttpMatrixPort port;
    private final Path file;
    private final JsonMapper mapper = ContractJson.mapper();

    public MatrixLogin(HttpMatrixPort port, Path store) {
        this.port = port;
        this.file = store.resolve("credentials.json");
    }

    /** Logs in and authenticates {@code port}; a refused login is fatal (an exception with the server's text). */
    public Credentials login(DuctorConfig.Matrix config) {
        Credentials stored = stored(config);
        if (stored != null && valid(stored)) {
            log.info("Matrix: restored the session of {} (device {})", stored.userId(), stored.deviceId());
            return use(stored, false);
        }
        if (!blank(config.accessToken()) && !blank(config.deviceId())) {
            String userId = port.whoami(config.accessToken());
            return use(new Credentials(userId, config.deviceId(), config.accessToken(), port.homeserver()), true);
        }
        if (blank(config.password())) {
            throw new IllegalStateException("matrix: neither a valid stored session, nor access_token + device_id,"
                    + " nor a password to log in with");
        }
        Credentials fresh = port.passwordLogin(config.userId(), config.password(), null);
        log.info("Matrix: logged in as {} (new device {})", fresh.userId(), fresh.deviceId());
        return use(fresh, true);
    }

    private Credentials use(Credentials credentials, boolean persist) {
        if (persist) {
            save(credentials);
        }
        port.authenticate(credentials);
        return credentials;
    }

    private boolean valid(Credentials stored) {
        try {
            return stored.userId().equals(port.whoami(stored.accessToken()));
        } catch (MatrixException e) {
            if (e.status() == 401) {
                log.warn("Matrix: the stored access token was refused ({}); logging in again", e.errcode());
                return false;
            }
            throw e;
        }
    }

    private @Nullable Credentials stored(DuctorConfig.Matrix config) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Credentials stored = mapper.readValue(file.toFile(), Credentials.class);
            boolean same = stored.homeserver().equals(port.homeserver())
                    && (blank(config.userId()) || stored.userId().equals(config.userId()));
            return same && !blank(stored.accessToken()) ? stored : null;
        } catch (JacksonException | NullPointerException e) {
            log.warn("Matrix: {} cannot be read ({}); logging in again", file, e.getMessage());
            return null;
        }
    }

    private void save(Credentials credentials) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, mapper.writeValueAsBytes(credentials));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } catch (UnsupportedOperationException e) {
            log.debug("No POSIX permissions on {}", file);
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
