#!/bin/sh
# The broker container's entrypoint in compose: renders definitions.template.json (topology, one user per
# service with permissions limited to what it publishes and consumes; docs/design.md, "Trust boundaries")
# with the passwords from the environment, then starts RabbitMQ, which loads it at boot
# (load_definitions in rabbitmq.conf). Rendered at every start, so a password changed in .env applies on
# the next `docker compose up`. Passwords are limited to [A-Za-z0-9._~-] (e.g. `openssl rand -hex 24`):
# they are written into JSON without escaping.
set -eu
template=/etc/ductor/definitions.template.json
out=/tmp/ductor-definitions.json

# check NAME VALUE: refuses a missing value or one that could not go into JSON as it is
check() {
  case "$2" in
    '') echo "rabbitmq: $1 is not set (see .env.example)" >&2; exit 1 ;;
    *[!A-Za-z0-9._~-]*) echo "rabbitmq: $1 may contain only A-Z a-z 0-9 . _ ~ - (e.g. openssl rand -hex 24)" >&2; exit 1 ;;
  esac
}
check RABBITMQ_USER "${RABBITMQ_USER:-}"
check RABBITMQ_PASSWORD "${RABBITMQ_PASSWORD:-}"
check RABBITMQ_GATEWAY_TELEGRAM_PASSWORD "${RABBITMQ_GATEWAY_TELEGRAM_PASSWORD:-}"
check RABBITMQ_ORCHESTRATOR_PASSWORD "${RABBITMQ_ORCHESTRATOR_PASSWORD:-}"
check RABBITMQ_CLI_RUNNER_PASSWORD "${RABBITMQ_CLI_RUNNER_PASSWORD:-}"
check RABBITMQ_SCHEDULER_PASSWORD "${RABBITMQ_SCHEDULER_PASSWORD:-}"
# The Matrix gateway runs only with --profile matrix: without its password its user gets a random one
# nobody knows (it cannot log in).
if [ -z "${RABBITMQ_GATEWAY_MATRIX_PASSWORD:-}" ]; then
  RABBITMQ_GATEWAY_MATRIX_PASSWORD="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
fi
check RABBITMQ_GATEWAY_MATRIX_PASSWORD "$RABBITMQ_GATEWAY_MATRIX_PASSWORD"
# The same for the WebSocket API's gateway (--profile api).
if [ -z "${RABBITMQ_GATEWAY_API_PASSWORD:-}" ]; then
  RABBITMQ_GATEWAY_API_PASSWORD="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
fi
check RABBITMQ_GATEWAY_API_PASSWORD "$RABBITMQ_GATEWAY_API_PASSWORD"

umask 077
sed -e "s|@VHOST@|/|g" \
    -e "s|@ADMIN_USER@|$RABBITMQ_USER|g" \
    -e "s|@ADMIN_PASSWORD@|$RABBITMQ_PASSWORD|g" \
    -e "s|@GATEWAY_TELEGRAM_PASSWORD@|$RABBITMQ_GATEWAY_TELEGRAM_PASSWORD|g" \
    -e "s|@GATEWAY_MATRIX_PASSWORD@|$RABBITMQ_GATEWAY_MATRIX_PASSWORD|g" \
    -e "s|@GATEWAY_API_PASSWORD@|$RABBITMQ_GATEWAY_API_PASSWORD|g" \
    -e "s|@ORCHESTRATOR_PASSWORD@|$RABBITMQ_ORCHESTRATOR_PASSWORD|g" \
    -e "s|@CLI_RUNNER_PASSWORD@|$RABBITMQ_CLI_RUNNER_PASSWORD|g" \
    -e "s|@SCHEDULER_PASSWORD@|$RABBITMQ_SCHEDULER_PASSWORD|g" \
    "$template" >"$out.new"
mv "$out.new" "$out"

# The official image starts as root and drops to the rabbitmq user in its own entrypoint.
if [ "$(id -u)" = 0 ]; then
  chown rabbitmq "$out"
fi
if command -v docker-entrypoint.sh >/dev/null; then
  exec docker-entrypoint.sh rabbitmq-server
fi
exec rabbitmq-server
