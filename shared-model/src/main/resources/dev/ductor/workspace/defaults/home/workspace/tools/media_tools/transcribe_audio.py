#!/bin/sh
''':'
# ductor's transcription tool (behaviour §3.15): prints what is said in an audio or voice file, offline.
# It reads a local file, so it runs where the CLI runs, with POSIX sh; `python3 transcribe_audio.py …`
# works too (Python hands over to sh below). Engines, first found wins:
#   whisper.cpp  `whisper-cli` (or `whisper-cpp`) with the ggml model file named by WHISPER_MODEL (set it
#                in DUCTOR_HOME/.env), else the first $DUCTOR_HOME/models/ggml-*.bin; ffmpeg converts the
#                input to 16 kHz mono WAV first
#   openai-whisper  `whisper` (model WHISPER_MODEL, a name such as "base" or a .pt file; default base)
# Usage: transcribe_audio.py --file <path> [--language <code>]   (language default: detected)
# This file is rewritten from ductor's package at every start; edits do not last.
fail() {
    printf '{"error": "%s"}\n' "$(printf '%s' "$1" | tr '\n\r\t"\\' "   ''")"
    exit 1
}
file=
language=auto
while [ $# -gt 0 ]; do
    case "$1" in
        --file) [ $# -ge 2 ] || fail "argument --file: expected one argument"; file=$2; shift 2 ;;
        --file=*) file=${1#--file=}; shift ;;
        --language) [ $# -ge 2 ] || fail "argument --language: expected one argument"; language=$2; shift 2 ;;
        --language=*) language=${1#--language=}; shift ;;
        *) fail "unrecognized arguments: $1 (usage: transcribe_audio.py --file <path> [--language <code>])" ;;
    esac
done
[ -n "$file" ] || fail "Missing required parameters: --file (usage: transcribe_audio.py --file <path> [--language <code>])"
[ -f "$file" ] || fail "No such file: $file"
model=${WHISPER_MODEL:-}
if [ -z "$model" ] && [ -n "${DUCTOR_HOME:-}" ]; then
    for candidate in "$DUCTOR_HOME"/models/ggml-*.bin; do
        [ -f "$candidate" ] && model=$candidate && break
    done
fi
cpp=
for candidate in whisper-cli whisper-cpp; do
    if command -v "$candidate" >/dev/null 2>&1; then
        cpp=$candidate
        break
    fi
done
if [ -n "$cpp" ] && [ -n "$model" ] && [ -f "$model" ]; then
    command -v ffmpeg >/dev/null 2>&1 ||
        fail "ffmpeg is not installed where this CLI runs; whisper.cpp needs it to read $file (install ffmpeg)"
    work=$(mktemp -d) || fail "cannot create a temporary folder"
    trap 'rm -rf "$work"' EXIT
    ffmpeg -nostdin -loglevel error -y -i "$file" -ar 16000 -ac 1 -c:a pcm_s16le "$work/audio.wav" >&2 ||
        fail "ffmpeg cannot read the audio of $file"
    "$cpp" -m "$model" -f "$work/audio.wav" -l "$language" -nt -np 2>"$work/err" ||
        fail "whisper.cpp failed on $file: $(cat "$work/err")"
    exit 0
fi
if command -v whisper >/dev/null 2>&1; then
    work=$(mktemp -d) || fail "cannot create a temporary folder"
    trap 'rm -rf "$work"' EXIT
    set -- "$file" --model "${WHISPER_MODEL:-base}" --output_format txt --output_dir "$work" --fp16 False --verbose False
    [ "$language" = auto ] || set -- "$@" --language "$language"
    whisper "$@" >"$work/log" 2>&1 || fail "whisper failed on $file: $(cat "$work/log")"
    for text in "$work"/*.txt; do
        [ -f "$text" ] && cat "$text" && exit 0
    done
    fail "whisper wrote no transcript for $file"
fi
if [ -n "$cpp" ]; then
    fail "whisper.cpp ($cpp) is installed but has no model file: put one (e.g. ggml-base.bin) into DUCTOR_HOME/models/ or set WHISPER_MODEL to its path in DUCTOR_HOME/.env"
fi
fail "No offline transcription engine where this CLI runs: install whisper.cpp (whisper-cli) and ffmpeg and put a ggml model file into DUCTOR_HOME/models/, or install openai-whisper (pip install openai-whisper)"
'''
import os, sys
os.execvp("sh", ["sh", os.path.abspath(__file__)] + sys.argv[1:])
