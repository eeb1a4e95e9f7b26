package dev.ductor.gateway.matrix.inbound;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.matrix.MatrixAccountCondition;
import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.MatrixStore;
import dev.ductor.gateway.matrix.client.HttpMatrixPort;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.outbound.RoomSender;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.media.MediaStore;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The inbound side: the sync loop and what it needs. */
@Configuration(proxyBeanMethods = false)
@Conditional(MatrixAccountCondition.class)
class InboundConfiguration {

    @Bean
    SyncLoop matrixSyncLoop(
            HttpMatrixPort port,
            Bus bus,
            ConfigStore config,
            DuctorHome home,
            MatrixStore store,
            RoomIds roomIds,
            Rooms rooms,
            ButtonSets buttons,
            Threads threads,
            BroadcastRooms broadcastRooms,
            RoomSender sender,
            MatrixMetrics metrics,
            MatrixProperties properties,
            @Value("${ductor.agent:main}") String agent) {
        IncomingFiles files = new IncomingFiles(
                port,
                new MediaStore(home.workspace(), "matrix_files", Clock.systemUTC(), properties.maxImagePixels()),
                properties.maxFileSize().toBytes(),
                properties.minBackoff(),
                properties.maxBackoff());
        RoomEvents events = new RoomEvents(
                agent,
                port.userId(),
                config::current,
                roomIds,
                rooms,
                buttons,
                files,
                sender,
                threads,
                broadcastRooms,
                port,
                metrics);
        return new SyncLoop(
                port,
                bus,
                config,
                events,
                rooms,
                sender,
                new JoinNotification(home.root().resolve("JOIN_NOTIFICATION.md"), sender, port),
                broadcastRooms,
                new SyncToken(store.path()),
                new TimelineGaps(port, port.userId()),
                metrics,
                properties,
                agent);
    }
}
