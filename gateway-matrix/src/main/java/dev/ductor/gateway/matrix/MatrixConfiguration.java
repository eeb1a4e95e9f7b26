package dev.ductor.gateway.matrix;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.matrix.client.HttpMatrixPort;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixLogin;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.gateway.matrix.rooms.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The homeserver connection and the room state every part of the gateway shares. The bot logs in while
 * the context starts (behaviour §9.1): a homeserver that cannot be reached is tried a few times, a refused
 * login stops the gateway with the server's message. A main agent without a Matrix account has none of this
 * ({@link MatrixAccountCondition}): its context serves the Matrix sub-agents only.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MatrixAccountCondition.class)
class MatrixConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MatrixConfiguration.class);
    private static final int LOGIN_ATTEMPTS = 6;

    /** {@code DUCTOR_HOME/<matrix.store_path>} (ductor's {@code matrix_store/}), created at start. */
    @Bean
    MatrixStore matrixStore(ConfigStore config, DuctorHome home) {
        DuctorConfig.Matrix matrix = matrix(config);
        String storePath =
                matrix.storePath() == null || matrix.storePath().isBlank() ? "matrix_store" : matrix.storePath();
        return new MatrixStore(home.root().resolve(storePath));
    }

    @Bean
    MatrixMetrics matrixMetrics(MeterRegistry registry) {
        return new MatrixMetrics(registry);
    }

    @Bean
    HttpMatrixPort matrixPort(ConfigStore config, MatrixStore store, MatrixMetrics metrics, MatrixProperties properties)
            throws InterruptedException {
        DuctorConfig.Matrix matrix = matrix(config);
        if (matrix.homeserver() == null || matrix.homeserver().isBlank()) {
            throw new IllegalStateException("config.json: matrix.homeserver is not set");
        }
        HttpMatrixPort port = new HttpMatrixPort(matrix.homeserver(), metrics, properties.timelineLimit());
        MatrixLogin login = new MatrixLogin(port, store.path());
        Duration backoff = properties.minBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                login.login(matrix);
                return port;
            } catch (MatrixException e) {
                if (!e.transientFailure() || attempt == LOGIN_ATTEMPTS) {
                    throw new IllegalStateException("Matrix login failed: " + e.getMessage(), e);
                }
                Duration wait = e.retryAfter(backoff);
                log.warn("Matrix login failed ({}); retrying in {}", e.getMessage(), wait);
                Thread.sleep(wait);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    @Bean
    RoomIds roomIds(MatrixStore store) {
        return new RoomIds(store.path());
    }

    @Bean
    Rooms rooms(MatrixStore store) {
        return new Rooms(store.path());
    }

    @Bean
    ButtonSets buttonSets(MatrixStore store) {
        return new ButtonSets(store.path());
    }

    @Bean
    Threads threads(MatrixStore store) {
        return new Threads(store.path());
    }

    @Bean
    BroadcastRooms broadcastRooms(ConfigStore config, Rooms rooms, MatrixStore store) {
        return new BroadcastRooms(config::current, rooms, store.path());
    }

    private static DuctorConfig.Matrix matrix(ConfigStore config) {
        DuctorConfig.Matrix matrix = config.current().matrix();
        if (matrix == null) {
            throw new IllegalStateException("config.json has no \"matrix\" block; the Matrix gateway needs one");
        }
        return matrix;
    }
}
