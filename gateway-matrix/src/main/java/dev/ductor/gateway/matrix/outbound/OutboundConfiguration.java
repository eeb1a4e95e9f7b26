package dev.ductor.gateway.matrix.outbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.matrix.MatrixAccountCondition;
import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.HttpMatrixPort;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.state.DeliveredIds;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Path;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The outbound side: sender, stream progress and delivered ids under {@code state/gateway-matrix-<agent>/}. */
@Configuration(proxyBeanMethods = false)
@Conditional(MatrixAccountCondition.class)
class OutboundConfiguration {

    private final Path stateDir;

    OutboundConfiguration(DuctorHome home, @Value("${ductor.agent:main}") String agent) {
        this.stateDir = home.stateDir("gateway-matrix-" + agent);
    }

    @Bean
    RoomSender roomSender(
            HttpMatrixPort port,
            ButtonSets buttons,
            Threads threads,
            MatrixMetrics metrics,
            MatrixProperties properties) {
        return new RoomSender(port, buttons, threads, metrics, properties);
    }

    @Bean
    OutboundCommands matrixOutboundCommands(
            HttpMatrixPort port,
            RoomSender sender,
            RoomIds roomIds,
            BroadcastRooms broadcastRooms,
            ConfigStore config,
            DuctorHome home) {
        SendableFiles sendable = new SendableFiles(
                () -> config.current().fileAccess(),
                home.workspace(),
                Path.of(System.getProperty("user.home")),
                home.root());
        return new OutboundCommands(
                port,
                sender,
                roomIds,
                config::current,
                broadcastRooms,
                new Streams(stateDir),
                new PostedMessages(stateDir),
                sendable,
                home.workspace());
    }

    @Bean
    OutboundListener matrixOutboundListener(
            MessageConverter converter, OutboundCommands commands, MatrixMetrics metrics, MatrixProperties properties) {
        return new OutboundListener(
                converter, commands, new DeliveredIds(stateDir, properties.deliveredWindow()), metrics);
    }
}
