package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.model.RunnerStatus.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §4.4: Gemini's model ids from the files of its installation, in both layouts npm produces. */
class GeminiModelFilesTest {

    @TempDir
    Path tmp;

    /** As in gemini-cli 0.61.0's bundle chunk: the set lists constants defined in the same file. */
    private static final String BUNDLE_CHUNK = """
            var PREVIEW_GEMINI_MODEL = "gemini-3-pro-preview";
            var DEFAULT_GEMINI_MODEL = "gemini-2.5-pro";
            var BASE_GEMINI_FLASH_MODEL = "gemini-3.5-flash";
            var PREVIEW_GEMINI_FLASH_LITE_MODEL = "none";
            var PREVIEW_GEMINI_MODEL_AUTO = "auto-gemini-3";
            var DEFAULT_GEMINI_EMBEDDING_MODEL = "gemini-embedding-001";
            var VALID_GEMINI_MODELS = /* @__PURE__ */ new Set([
              PREVIEW_GEMINI_MODEL,
              DEFAULT_GEMINI_MODEL,
              BASE_GEMINI_FLASH_MODEL,
              PREVIEW_GEMINI_FLASH_LITE_MODEL,
              PREVIEW_GEMINI_MODEL_AUTO,
              UNDEFINED_ELSEWHERE
            ]);
            """;

    @Test
    void readsTheSetOfTheBundleThroughTheSymlinkedExecutable() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("node_modules/@google/gemini-cli/bundle"));
        Files.writeString(
                pkg.resolveSibling("package.json"), "{\"name\": \"@google/gemini-cli\", \"version\": \"0.61.0\"}");
        Files.writeString(pkg.resolve("gemini.js"), "#!/usr/bin/env node\nimport './chunk-A.js';\n");
        Files.writeString(pkg.resolve("chunk-A.js"), "export const unrelated = 'gemini-not-a-model';\n");
        Files.writeString(pkg.resolve("chunk-B.js"), BUNDLE_CHUNK);
        Path bin = Files.createDirectories(tmp.resolve("node_modules/.bin"));
        Files.createSymbolicLink(bin.resolve("gemini"), Path.of("../@google/gemini-cli/bundle/gemini.js"));

        var models = new GeminiModelFiles(Duration.ofSeconds(10), () -> tmp)
                .list(bin.resolve("gemini"), Map.of(), ModelLister.Placement.HOST);

        assertThat(models)
                .extracting(ModelInfo::id)
                .containsExactly("auto-gemini-3", "gemini-2.5-pro", "gemini-3-pro-preview", "gemini-3.5-flash");
        assertThat(models).allSatisfy(m -> assertThat(m.supportedEfforts()).isEmpty());
    }

    @Test
    void readsCoresModelsJsOfAnInstallWithDependencies() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("lib/node_modules/@google/gemini-cli"));
        Files.writeString(root.resolve("package.json"), "{\"name\":\"@google/gemini-cli\"}");
        Path config = Files.createDirectories(root.resolve("node_modules/@google/gemini-cli-core/dist/src/config"));
        Files.writeString(config.resolve("models.js"), """
                export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-pro';
                export const VALID_GEMINI_MODELS = new Set([DEFAULT_GEMINI_MODEL, 'gemini-2.5-flash']);
                """);
        Path exe = Files.createDirectories(root.resolve("dist")).resolve("index.js");
        Files.writeString(exe, "");

        assertThat(new GeminiModelFiles(Duration.ofSeconds(10), () -> tmp)
                        .list(exe, Map.of(), ModelLister.Placement.HOST))
                .extracting(ModelInfo::id)
                .containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
    }

    @Test
    void anExecutableOutsideAGeminiPackageCannotTell() throws IOException {
        Path exe = Files.writeString(tmp.resolve("gemini"), "#!/bin/sh\n");

        assertThatThrownBy(() -> new GeminiModelFiles(Duration.ofSeconds(10), () -> tmp)
                        .list(exe, Map.of(), ModelLister.Placement.HOST))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("@google/gemini-cli");
    }
}
