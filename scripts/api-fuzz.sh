#!/usr/bin/env bash
# Fuzz the public delivery API (/api/content/) and the booking API (/api/content/booking/,
# writes included) with schemathesis against a live server on a throwaway SQLite database with
# the demo content, and Wagtail's v3 API (anonymous reads) for server errors. Exits non-zero on
# any failure. Loopback only; the server is stopped on exit.
# Each schema is fuzzed once per seed in API_FUZZ_SEEDS (default "1 2"), so CI covers more
# than one fixed set of examples. The in-suite property test (tests/fuzz/) covers every text
# input on both databases; this script checks the answers against the OpenAPI documents.
#   bash scripts/api-fuzz.sh            (uses .venv/bin; VENV_BIN=/path/to/bin to override)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
EXAMPLES=${API_FUZZ_EXAMPLES:-10}
SEEDS=${API_FUZZ_SEEDS:-1 2}

workdir=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$workdir"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=moonlight.settings.dev
export DATABASE_URL="sqlite:///$workdir/fuzz.sqlite3" MEDIA_ROOT="$workdir/media"
# The fuzzer exercises the booking logic, not the rate limiter (tested on its own).
export RATELIMIT_ENABLE=false
port=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py load_demo_content
# Unlimited request line: long generated parameters should reach the app, not stop at gunicorn.
"$BIN/gunicorn" moonlight.wsgi --bind "127.0.0.1:$port" --workers 1 --no-control-socket \
  --limit-request-line 0 --log-level warning >"$workdir/server.log" 2>&1 &
server_pid=$!
"$BIN/python" - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(60):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not start")
PY

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
for seed in $SEEDS; do
  common=(--workers 1 --seed "$seed" --generation-database none --request-timeout 10 --max-examples "$EXAMPLES")
  echo "-- seed $seed: /api/content/ (delivery and booking, one document): no 5xx, responses conform to the schema (status, content type, body)"
  timeout 900 "$BIN/schemathesis" run "http://127.0.0.1:$port/api/content/openapi.json" "${common[@]}" \
    --checks "$checks" || status=$?
  echo "-- seed $seed: /api/v3/ (anonymous reads; snippets need a token and their schema cannot be generated): no 5xx"
  timeout 900 "$BIN/schemathesis" run "http://127.0.0.1:$port/api/v3/openapi.json" "${common[@]}" \
    --include-method GET --exclude-path-regex 'snippets/' --checks not_a_server_error || status=$?
done
if [ "$status" -ne 0 ]; then
  echo "schemathesis found failures (server log follows)"; tail -n 50 "$workdir/server.log"
fi
exit "$status"
