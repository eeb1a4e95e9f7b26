package dev.ductor.media;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * behaviour §3.15 image processing: proportionally down to {@code image.max_dimension}, re-encoded as WebP.
 * Images are untrusted: the header is read first and an image over the pixel budget is refused before it
 * is decoded (a 30000×30000 PNG compresses to 1 MB and decodes to 900 MB); the rest is decoded with
 * subsampling, so no more than about four times {@code maxDimension}² pixels are ever held.
 */
final class WebpImages {

    private static final Logger log = LoggerFactory.getLogger(WebpImages.class);

    private WebpImages() {}

    /**
     * The image in {@code file}, subsampled while decoding to keep its longest side between
     * {@code maxDimension} and twice that; null when it is not an image ImageIO reads.
     *
     * @throws ImageTooLargeException when its header names more than {@code maxPixels} pixels
     */
    static @Nullable BufferedImage read(Path file, int maxDimension, long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new ImageTooLargeException(
                            "image of " + width + "x" + height + " pixels, more than " + maxPixels);
                }
                int step = (int) Math.max(1, Math.max(width, height) / maxDimension);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageTooLargeException) {
                    throw e;
                }
                log.warn("Could not read an image ({}); keeping it as it came", e.toString());
                return null;
            } finally {
                reader.dispose();
            }
        }
    }

    /** The WebP bytes of {@code image} shrunk to {@code maxDimension}, or null when no WebP encoder works here. */
    static byte @Nullable [] convert(BufferedImage image, int maxDimension, float quality) {
        try {
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
