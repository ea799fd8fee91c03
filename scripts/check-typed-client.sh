#!/usr/bin/env bash
# The typed client is generated from the committed OpenAPI document (tests/api/openapi.json,
# which tests/api/test_openapi_contract.py keeps equal to the live one): regenerate it and
# fail when frontend/src/api/schema.d.ts differs, then type-check the client and the
# reference front end with tsc. npm ci runs only when frontend/package-lock.json changed.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.installed-lock
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$stamp"
fi
generated=$(mktemp --suffix=.d.ts)
trap 'rm -f "$generated"' EXIT
node_modules/.bin/openapi-typescript ../tests/api/openapi.json -o "$generated" --silent
if ! diff -u src/api/schema.d.ts "$generated" >/dev/null; then
  diff -u src/api/schema.d.ts "$generated" | head -n 40
  echo "frontend/src/api/schema.d.ts is out of date: run 'make typed-client' and commit it." >&2
  exit 1
fi
node_modules/.bin/tsc --noEmit
echo "typed client: up to date with the OpenAPI document, type-check clean"
