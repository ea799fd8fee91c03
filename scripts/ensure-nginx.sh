#!/usr/bin/env bash
# Idempotent: install Debian's nginx when missing (tests/deploy starts its own instances; the
# package's service is kept from starting, as nothing here runs systemd).
set -euo pipefail
command -v nginx >/dev/null && exit 0
policy=/usr/sbin/policy-rc.d
created=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
[ -n "$created" ] && rm -f "$policy"
command -v nginx
