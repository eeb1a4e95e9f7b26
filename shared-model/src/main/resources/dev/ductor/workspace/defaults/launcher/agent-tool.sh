#!/bin/sh
''':'
# A ductor tool (behaviour §6.8). Every tool script is this same launcher: it sends its own name and its
# command line to the bot's agent API and prints the answer, so it works wherever the CLI runs (host,
# Docker sandbox, another machine) with nothing but sh and curl. `python3 <tool>.py …` works too: Python
# reads the lines up to the closing quotes below as a string and hands over to sh.
# This file is rewritten from ductor's package at every start; edits do not last.
tool=$(basename "$0")
tool=${tool%.py}
fail() {
    printf '{"error": "%s"}\n' "$1"
    exit 1
}
[ -n "${DUCTOR_AGENT_API_URL:-}" ] && [ -n "${DUCTOR_AGENT_API_TOKEN:-}" ] ||
    fail "DUCTOR_AGENT_API_URL or DUCTOR_AGENT_API_TOKEN is not set: ductor's agent API is not configured on this runner; ask the bot owner to set DUCTOR_AGENT_API_TOKEN"
command -v curl >/dev/null 2>&1 || fail "curl is not installed where this CLI runs; ductor's tools need it"
count=$#
for arg in "$@"; do
    set -- "$@" --data-urlencode "arg=$arg"
done
shift "$count"
# ask_agent waits for the other agent's answer (up to 300 s); every other tool answers at once
case "$tool" in
ask_agent) max_time=330 ;;
*) max_time=60 ;;
esac
printf 'Authorization: Bearer %s\nX-Ductor-Agent: %s\n' "$DUCTOR_AGENT_API_TOKEN" "${DUCTOR_AGENT_NAME:-main}" |
    curl -sS --fail-with-body --max-time "$max_time" -H @- \
        --data-urlencode "chat_id=${DUCTOR_CHAT_ID:-}" \
        --data-urlencode "topic_id=${DUCTOR_TOPIC_ID:-}" \
        --data-urlencode "transport=${DUCTOR_TRANSPORT:-}" \
        "$@" "${DUCTOR_AGENT_API_URL%/}/tools/$tool"
status=$?
[ "$status" -eq 0 ] && exit 0
[ "$status" -eq 22 ] && exit 1
fail "cannot reach ductor's agent API at ${DUCTOR_AGENT_API_URL} (curl exit $status)"
'''
import os, sys
os.execvp("sh", ["sh", os.path.abspath(__file__)] + sys.argv[1:])
