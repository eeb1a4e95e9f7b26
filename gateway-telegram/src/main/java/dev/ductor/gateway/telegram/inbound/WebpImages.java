package dev.ductor.gateway.telegram.inbound;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** spec §3.15 image processing: proportionally down to {@code image.max_dimension}, re-encoded as WebP. */
final class WebpImages {

    private static final Logger log = LoggerFactory.getLogger(WebpImages.class);

    private WebpImages() {}

    /** The WebP bytes, or null when the image cannot be read or no WebP encoder works here. */
    static byte @Nullable [] convert(byte[] content, int maxDimension, float quality) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            if (image == null) {
                return null;
            }
            BufferedImage scaled = scale(image, maxDimension);
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("webp");
            if (!writers.hasNext()) {
                return null;
            }
            ImageWriter writer = writers.next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Lossy");
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(scaled, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException | LinkageError e) {
            log.warn("Could not convert an image to WebP ({}); keeping its format", e.toString());
            return null;
        }
    }

    private static BufferedImage scale(BufferedImage image, int maxDimension) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        boolean alpha = image.getColorModel().hasAlpha();
        int w = image.getWidth();
        int h = image.getHeight();
        if (longest > maxDimension) {
            double factor = (double) maxDimension / longest;
            w = Math.max(1, (int) Math.round(w * factor));
            h = Math.max(1, (int) Math.round(h * factor));
        }
        BufferedImage target =
                new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = target.createGraphics();
        g.drawImage(image.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        g.dispose();
        return target;
    }
}
