package dev.ductor.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media tools as the workspace ships them (behaviour §3.15), run with {@code sh} from the workspace on
 * a PATH that holds only the basic commands and fakes of {@code ffmpeg} and {@code whisper-cli}, which
 * record how they were called.
 */
class MediaToolsTest {

    @TempDir
    Path tmp;

    private Path workspace;
    private Path bin;
    private Path log;
    private final Map<String, String> env = new java.util.HashMap<>();

    @BeforeEach
    void seed() throws Exception {
        DuctorHome home = new DuctorHome(tmp.resolve("home"));
        new PreparingWorkspace(home, tmp.resolve("user"), null).prepare(java.util.Set.of("claude"));
        workspace = home.workspace();
        bin = Files.createDirectories(tmp.resolve("bin"));
        log = tmp.resolve("calls.log");
        for (String command : List.of("sh", "tr", "mktemp", "rm", "mkdir", "cat")) {
            Path real = Path.of(run(List.of("/bin/sh", "-c", "command -v " + command), Map.of(), tmp)
                    .out()
                    .strip());
            Files.createSymbolicLink(bin.resolve(command), real);
        }
        Files.createDirectories(workspace.resolve("telegram_files/2026-12-06"));
        Files.writeString(workspace.resolve("telegram_files/2026-12-06/voice_AbC.ogg"), "OggS");
        Files.writeString(workspace.resolve("telegram_files/2026-12-06/video_AbC.mp4"), "mp4");
        env.put("PATH", bin.toString());
        env.put("FAKE_LOG", log.toString());
    }

    private void fake(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho \"" + name + " $*\" >> \"$FAKE_LOG\"\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void fakeFfmpeg() throws IOException {
        fake("ffmpeg", """
                out=
                for a in "$@"; do out=$a; done
                case "$out" in
                    *%03d.jpg) printf 'jpg' > "$(printf "$out" 1)"; printf 'jpg' > "$(printf "$out" 2)" ;;
                    *.wav) [ -z "$FAKE_NO_AUDIO" ] || { echo "no audio stream" >&2; exit 1; }
                           printf 'RIFF' > "$out" ;;
                esac
                """);
    }

    private void fakeWhisperCpp() throws IOException {
        fake("whisper-cli", """
                while [ $# -gt 0 ]; do
                    case "$1" in -m) m=$2; shift 2 ;; -f) f=$2; shift 2 ;; *) shift ;; esac
                done
                [ -f "$m" ] && [ -f "$f" ] || { echo "bad model or input" >&2; exit 2; }
                echo " Remind me to water the plants at six."
                """);
    }

    record Run(int exit, String out) {}

    private static Run run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().putIfAbsent("PATH", "/usr/bin:/bin");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private Run tool(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve("sh").toString(), "tools/media_tools/" + name));
        command.addAll(List.of(args));
        return run(command, env, workspace);
    }

    private String calls() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void transcribeAudioConvertsWithFfmpegAndTranscribesWithWhisperCpp() throws Exception {
        fakeFfmpeg();
        fakeWhisperCpp();
        Path model = Files.writeString(tmp.resolve("ggml-base.bin"), "model");
        env.put("WHISPER_MODEL", model.toString());

        Run run = tool("transcribe_audio.py", "--file", "telegram_files/2026-12-06/voice_AbC.ogg", "--language", "de");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo(" Remind me to water the plants at six.\n");
        assertThat(calls())
                .contains("ffmpeg -nostdin -loglevel error -y -i telegram_files/2026-12-06/voice_AbC.ogg -ar 16000")
                .contains("whisper-cli -m " + model + " -f ")
                .contains("-l de -nt -np");
    }

    @Test
    void withoutAnEngineTheToolSaysInOneLineWhatToInstall() throws Exception {
        fakeFfmpeg();

        Run run = tool("transcribe_audio.py", "--file", "telegram_files/2026-12-06/voice_AbC.ogg");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out())
                .startsWith("{\"error\": \"No offline transcription engine")
                .contains("install whisper.cpp (whisper-cli) and ffmpeg", "DUCTOR_HOME/models/", "openai-whisper");
    }

    @Test
    void whisperCppWithoutAModelFileAsksForOne() throws Exception {
        fakeFfmpeg();
        fakeWhisperCpp();
        env.put("WHISPER_MODEL", tmp.resolve("missing.bin").toString());
        env.put("DUCTOR_HOME", tmp.resolve("home").toString());

        Run run = tool("transcribe_audio.py", "--file", "telegram_files/2026-12-06/voice_AbC.ogg");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("has no model file: put one (e.g. ggml-base.bin) into DUCTOR_HOME/models/");
        assertThat(calls()).doesNotContain("whisper-cli");
    }

    @Test
    void badArgumentsAreRefusedClearly() throws Exception {
        assertThat(tool("transcribe_audio.py").out()).contains("Missing required parameters: --file");
        assertThat(tool("transcribe_audio.py", "--file", "nope.ogg").out())
                .isEqualTo("{\"error\": \"No such file: nope.ogg\"}\n");
        assertThat(tool("process_video.py", "--fiel", "x").out()).contains("unrecognized arguments: --fiel");
    }

    @Test
    void processVideoExtractsKeyframesAndTranscribesTheAudioTrack() throws Exception {
        fakeFfmpeg();
        fakeWhisperCpp();
        // the model where ductor's home keeps it, found without WHISPER_MODEL
        Path model = Files.writeString(
                Files.createDirectories(tmp.resolve("home/models")).resolve("ggml-base.bin"), "model");
        env.put("DUCTOR_HOME", tmp.resolve("home").toString());

        Run run = tool("process_video.py", "--file", "telegram_files/2026-12-06/video_AbC.mp4", "--max-frames", "4");

        assertThat(run.exit()).as(run.out()).isZero();
        Path frames = workspace.resolve("telegram_files/2026-12-06/video_AbC_frames");
        assertThat(frames.resolve("frame_001.jpg")).exists();
        assertThat(run.out())
                .contains("telegram_files/2026-12-06/video_AbC_frames/frame_001.jpg")
                .contains("telegram_files/2026-12-06/video_AbC_frames/frame_002.jpg")
                .contains("Transcript of the audio:\n Remind me to water the plants at six.");
        assertThat(calls()).contains("-frames:v 4").contains("-vn -ar 16000").contains("whisper-cli -m " + model);
    }

    @Test
    void processVideoStillGivesTheFramesWhenTheAudioCannotBeTranscribed() throws Exception {
        fakeFfmpeg();

        Run noEngine = tool("process_video.py", "--file", "telegram_files/2026-12-06/video_AbC.mp4");
        assertThat(noEngine.exit()).as(noEngine.out()).isZero();
        assertThat(noEngine.out()).contains("frame_001.jpg", "Audio not transcribed: {\"error\": \"No offline");

        env.put("FAKE_NO_AUDIO", "1");
        Run silent = tool("process_video.py", "--file", "telegram_files/2026-12-06/video_AbC.mp4");
        assertThat(silent.out()).contains("frame_001.jpg", "Audio: none (the video has no audio track)");
    }

    @Test
    void processVideoWithoutFfmpegSaysSo() throws Exception {
        Run run = tool("process_video.py", "--file", "telegram_files/2026-12-06/video_AbC.mp4");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ffmpeg is not installed where this CLI runs");
    }

    @Test
    void pythonHandsTheScriptsOverToSh() throws Exception {
        Assumptions.assumeTrue(
                run(List.of("/bin/sh", "-c", "command -v python3"), Map.of("PATH", System.getenv("PATH")), tmp)
                                .exit()
                        == 0,
                "python3 is not installed here");
        Run run = run(
                List.of("python3", "tools/media_tools/transcribe_audio.py", "--file", "nope.ogg"),
                Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")),
                workspace);

        assertThat(run.out()).isEqualTo("{\"error\": \"No such file: nope.ogg\"}\n");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(workspace.resolve("tools/media_tools/process_video.py"))))
                .isEqualTo("rwxr-xr-x");
    }
}
