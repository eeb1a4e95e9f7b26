#!/bin/sh
''':'
# ductor's video tool (behaviour §3.15): extracts a video's keyframes as JPEG files to look at, and
# transcribes its audio track with transcribe_audio.py (same engines, same settings). It reads a local file,
# so it runs where the CLI runs, with POSIX sh and ffmpeg; `python3 process_video.py …` works too.
# Usage: process_video.py --file <path> [--max-frames N] [--language <code>]
#   The frames go to <folder of the video>/<name>_frames/ (frame_001.jpg, …), at most N (default 10).
# This file is rewritten from ductor's package at every start; edits do not last.
fail() {
    printf '{"error": "%s"}\n' "$(printf '%s' "$1" | tr '\n\r\t"\\' "   ''")"
    exit 1
}
file=
frames=10
language=auto
while [ $# -gt 0 ]; do
    case "$1" in
        --file) [ $# -ge 2 ] || fail "argument --file: expected one argument"; file=$2; shift 2 ;;
        --file=*) file=${1#--file=}; shift ;;
        --max-frames) [ $# -ge 2 ] || fail "argument --max-frames: expected one argument"; frames=$2; shift 2 ;;
        --max-frames=*) frames=${1#--max-frames=}; shift ;;
        --language) [ $# -ge 2 ] || fail "argument --language: expected one argument"; language=$2; shift 2 ;;
        --language=*) language=${1#--language=}; shift ;;
        *) fail "unrecognized arguments: $1 (usage: process_video.py --file <path> [--max-frames N] [--language <code>])" ;;
    esac
done
[ -n "$file" ] || fail "Missing required parameters: --file (usage: process_video.py --file <path> [--max-frames N])"
[ -f "$file" ] || fail "No such file: $file"
case "$frames" in
    '' | *[!0-9]* | 0) fail "argument --max-frames: expected a whole number from 1" ;;
esac
command -v ffmpeg >/dev/null 2>&1 ||
    fail "ffmpeg is not installed where this CLI runs; process_video needs it (install ffmpeg)"
case "$file" in
    */*) folder=${file%/*} ;;
    *) folder=. ;;
esac
name=${file##*/}
out="$folder/${name%.*}_frames"
mkdir -p "$out" || fail "cannot create $out"
rm -f "$out"/frame_*.jpg
ffmpeg -nostdin -loglevel error -y -i "$file" -vf "select='eq(pict_type,I)',scale='min(1280,iw)':-2" \
    -vsync vfr -frames:v "$frames" "$out/frame_%03d.jpg" >&2 ||
    fail "ffmpeg cannot read the video of $file"
echo "Keyframes of $file:"
found=0
for frame in "$out"/frame_*.jpg; do
    [ -f "$frame" ] || continue
    echo "$frame"
    found=1
done
[ "$found" -eq 1 ] || echo "(none: ffmpeg found no keyframe)"
echo
work=$(mktemp -d) || fail "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
if ! ffmpeg -nostdin -loglevel error -y -i "$file" -vn -ar 16000 -ac 1 -c:a pcm_s16le "$work/audio.wav" \
    >/dev/null 2>&1 || [ ! -s "$work/audio.wav" ]; then
    echo "Audio: none (the video has no audio track)"
    exit 0
fi
case "$0" in
    */*) tools=${0%/*} ;;
    *) tools=. ;;
esac
if transcript=$(sh "$tools/transcribe_audio.py" --file "$work/audio.wav" --language "$language"); then
    echo "Transcript of the audio:"
    printf '%s\n' "$transcript"
else
    echo "Audio not transcribed: $transcript"
fi
exit 0
'''
import os, sys
os.execvp("sh", ["sh", os.path.abspath(__file__)] + sys.argv[1:])
