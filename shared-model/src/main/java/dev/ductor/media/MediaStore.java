package dev.ductor.media;

import dev.ductor.state.AtomicFiles;
import dev.ductor.workspace.IncomingFilePrompt;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Stores what users send (behaviour §3.15, §9.8) under {@code workspace/<folder>/YYYY-MM-DD/} (UTC;
 * {@code telegram_files}, {@code matrix_files}) with unique names ({@code stem_1.ext}, …), shrinks images to
 * {@code image.max_dimension}, rebuilds {@code _index.yaml} and writes the prompt that tells the agent about
 * the file. Used by both gateways.
 */
public final class MediaStore {

    static final int MAX_DIMENSION = 2000;
    static final float QUALITY = 0.85f;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000;
    private static final Set<String> SKIPPED = Set.of("_index.yaml", "CLAUDE.md", "AGENTS.md", "GEMINI.md");

    private final Path workspace;
    private final Path root;
    private final Clock clock;
    private final long maxPixels;
    /** Names handed to downloads in work, not on disk yet. */
    private final Set<Path> reserved = new HashSet<>();

    public MediaStore(Path workspace, String folder, Clock clock) {
        this(workspace, folder, clock, DEFAULT_MAX_PIXELS);
    }

    public MediaStore(Path workspace, String folder, Clock clock, long maxPixels) {
        this.workspace = workspace;
        this.root = workspace.resolve(folder);
        this.clock = clock;
        this.maxPixels = maxPixels;
    }

    /** The stored file and its MIME type (images become {@code image/webp}). */
    public record Stored(Path path, String mime) {}

    /**
     * Where a download of {@code fileName} (already made safe by the caller) goes: a free name in today's
     * folder, reserved until {@link #store} or {@link #release}, so two chats' files of the same name
     * downloading at once never get the same path.
     */
    public Path target(String fileName) {
        Path day = root.resolve(
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        return reserve(day, fileName);
    }

    /** A download that failed gives its name back. */
    public synchronized void release(Path target) {
        reserved.remove(target);
    }

    /**
     * Finishes a downloaded file of type {@code mime}: an {@code image} is decoded (refused from its header
     * above the pixel budget, {@link ImageTooLargeException}, and then removed; subsampled while decoding),
     * shrunk and stored as WebP in place of the download; the index is rebuilt. Answers the stored file.
     * Decoding runs outside the store's lock, so one large image does not hold back the files of other chats.
     */
    public Stored store(Path downloaded, String mime, boolean image) {
        try {
            Stored stored = image ? image(mime, downloaded) : new Stored(downloaded, mime);
            indexAndRelease(downloaded, stored.path());
            return stored;
        } catch (IOException e) {
            release(downloaded);
            throw new UncheckedIOException(e);
        } catch (ImageTooLargeException e) {
            release(downloaded);
            try {
                Files.deleteIfExists(downloaded); // never decoded, never shown to the agent
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            release(downloaded);
            throw e;
        }
    }

    private Stored image(String mime, Path downloaded) throws IOException {
        BufferedImage image = WebpImages.read(downloaded, MAX_DIMENSION, maxPixels);
        if (image == null) {
            return new Stored(downloaded, mime); // not an image we can read: kept as it came
        }
        byte[] webp = WebpImages.convert(image, MAX_DIMENSION, QUALITY);
        if (webp == null) {
            shrink(image, downloaded, extension(downloaded.getFileName().toString()));
            return new Stored(downloaded, mime);
        }
        String name = downloaded.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path target = reserve(downloaded.getParent(), (dot > 0 ? name.substring(0, dot) : name) + ".webp");
        try {
            AtomicFiles.write(target, webp);
            Files.delete(downloaded);
        } catch (RuntimeException | IOException e) {
            release(target);
            throw e;
        }
        return new Stored(target, "image/webp");
    }

    private synchronized void indexAndRelease(Path downloaded, Path stored) throws IOException {
        reserved.remove(downloaded);
        reserved.remove(stored);
        writeIndex();
    }

    /** The prompt for the agent (behaviour §3.15) about a file sent via {@code transport}, paths relative to the workspace. */
    public String prompt(String transport, Stored file, IncomingFilePrompt.Kind kind, @Nullable String caption) {
        Path stored = file.path();
        String path = stored.startsWith(workspace)
                ? workspace.relativize(stored).toString().replace('\\', '/')
                : stored.toString();
        return IncomingFilePrompt.text(
                transport, path, file.mime(), stored.getFileName().toString(), kind, caption);
    }

    /** A name in {@code day} neither on disk nor reserved by a download in work ({@code stem_1.ext}, …). */
    private synchronized Path reserve(Path day, String name) {
        Path candidate = day.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; Files.exists(candidate) || reserved.contains(candidate); i++) {
            candidate = day.resolve(stem + "_" + i + ext);
        }
        reserved.add(candidate);
        return candidate;
    }

    /** Proportionally down to {@link #MAX_DIMENSION}, rewritten in place; small images stay as they are. */
    private static void shrink(BufferedImage image, Path file, String format) throws IOException {
        if (Math.max(image.getWidth(), image.getHeight()) < MAX_DIMENSION) {
            return; // never subsampled (that keeps the longest side at MAX_DIMENSION or more): stays as it came
        }
        double scale = Math.min(1.0, (double) MAX_DIMENSION / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean alpha = format.equals("png") && image.getColorModel().hasAlpha();
        BufferedImage resized =
                new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = resized.createGraphics();
        g.drawImage(image.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (ImageIO.write(resized, format.equals("jpeg") ? "jpg" : format, out)) {
            AtomicFiles.write(file, out.toByteArray());
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "jpg" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code _index.yaml}: last_updated, total_files, tree of day → files (behaviour §3.15). */
    private void writeIndex() throws IOException {
        TreeMap<String, List<Path>> tree = new TreeMap<>();
        try (Stream<Path> days = Files.list(root)) {
            for (Path day : days.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(day)) {
                    tree.put(
                            day.getFileName().toString(),
                            files.filter(Files::isRegularFile)
                                    .filter(f ->
                                            !SKIPPED.contains(f.getFileName().toString()))
                                    .filter(f -> !f.getFileName().toString().endsWith(".tmp"))
                                    .sorted()
                                    .toList());
                }
            }
        }
        StringBuilder yaml = new StringBuilder()
                .append("last_updated: '")
                .append(Instant.now(clock))
                .append("'\n")
                .append("total_files: ")
                .append(tree.values().stream().mapToInt(List::size).sum())
                .append('\n')
                .append("tree:\n");
        for (var day : tree.entrySet()) {
            yaml.append("  '").append(day.getKey()).append("':\n");
            for (Path f : day.getValue()) {
                yaml.append("  - name: '")
                        .append(f.getFileName().toString().replace("'", "''"))
                        .append("'\n    type: ")
                        .append(type(f))
                        .append("\n    size: ")
                        .append(Files.size(f))
                        .append("\n    received: '")
                        .append(Files.getLastModifiedTime(f).toInstant())
                        .append("'\n");
            }
        }
        AtomicFiles.write(root.resolve("_index.yaml"), yaml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String type(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "ogg" -> "audio/ogg";
            case "mp3" -> "audio/mpeg";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "pdf" -> "application/pdf";
            case "txt", "md" -> "text/plain";
            default -> "application/octet-stream";
        };
    }
}
