package dev.ductor.gateway.api;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import dev.ductor.gateway.api.crypto.Box;
import dev.ductor.media.MediaStore;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Run by {@link NativeLibrariesInJreImageIT} inside the service image's JRE with the service jar's own
 * libraries: the two native libraries gateway-api loads, libsodium (a {@link Box} frame a client opens) and
 * libwebp (an uploaded image stored as WebP by {@link MediaStore}). Prints one line per library that works;
 * any failure ends it with an exception and a non-zero exit.
 */
public final class NativeCheck {

    private NativeCheck() {}

    public static void main(String[] args) throws Exception {
        LazySodiumJava sodium = new LazySodiumJava(new SodiumJava());
        byte[] clientPublic = new byte[Box.KEY_BYTES];
        byte[] clientSecret = new byte[Box.KEY_BYTES];
        if (!sodium.cryptoBoxKeypair(clientPublic, clientSecret)) {
            throw new IllegalStateException("crypto_box_keypair failed");
        }
        Box box = new Box(Base64.getEncoder().encodeToString(clientPublic));
        byte[] frame = Base64.getDecoder().decode(box.seal("{\"type\":\"result\"}"));
        byte[] cipher = Arrays.copyOfRange(frame, 24, frame.length);
        byte[] message = new byte[cipher.length - 16];
        if (!sodium.cryptoBoxOpenEasy(
                message,
                cipher,
                cipher.length,
                Arrays.copyOf(frame, 24),
                Base64.getDecoder().decode(box.publicKey()),
                clientSecret)) {
            throw new IllegalStateException("the client could not open the server's frame");
        }
        System.out.println("libsodium: " + new String(message, StandardCharsets.UTF_8));

        Path workspace = Files.createTempDirectory("native-check");
        MediaStore media = new MediaStore(workspace, "api_files", Clock.systemUTC());
        Path upload = media.target("chart.png");
        Files.createDirectories(upload.getParent());
        ImageIO.write(new BufferedImage(3000, 100, BufferedImage.TYPE_INT_RGB), "png", upload.toFile());
        MediaStore.Stored stored = media.store(upload, "image/png", true);
        System.out.println("libwebp: " + stored.mime() + " " + stored.path().getFileName());
    }
}
