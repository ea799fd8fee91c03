#!/usr/bin/env bash
# The apps as a plugin: builds the wagtail-spa distribution from this repository, creates a
# fresh `wagtail start` project in a temporary folder with its own virtualenv, installs the
# distribution there, configures the project with the README's "Add to your project" blocks,
# migrates, loads the demo content and checks that the Back Spasm article, the booking page
# and the delivery API answer. Prints each step's time. Run by .ci/run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/spa-plugin-XXXXXX")
trap 'rm -rf "$work"' EXIT
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
started=$SECONDS
step() { echo "== [$((SECONDS - started)) s] $*"; }
# pip's notes about this machine's extra package indexes are not the check's output.
quiet() { "$@" 2> >(grep -v "^WARNING: Location" >&2); }

step "virtualenv ($("$python" --version))"
"$python" -m venv "$work/venv"
bin=$work/venv/bin
quiet "$bin/pip" install -q --disable-pip-version-check --upgrade pip

step "build the distribution"
quiet "$bin/pip" wheel -q --disable-pip-version-check --no-deps -w "$work/dist" "$root"
rm -rf "$root/build" "$root"/*.egg-info
wheel=$(ls "$work"/dist/wagtail_spa-*.whl)
echo "   $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

step "install it (and its dependencies) into the fresh virtualenv"
quiet "$bin/pip" install -q --disable-pip-version-check "$wheel"

step "wagtail start mysite"
cd "$work"
"$bin/wagtail" start mysite >/dev/null
cd mysite
export DJANGO_SETTINGS_MODULE=mysite.settings.dev
apps() { "$bin/python" -c "import django; django.setup(); from django.conf import settings; print(*settings.INSTALLED_APPS, sep='\n')"; }
apps >"$work/apps.before"

step "configure it as the README says"
"$bin/python" "$root/scripts/plugin_configure.py" "$root/README.md" .
apps >"$work/apps.after"
echo "   INSTALLED_APPS, fresh project → configured:"
diff -U0 "$work/apps.before" "$work/apps.after" | grep '^[+-][^+-]' | sed 's/^/   /' || true

step "check, migrate, load the demo content"
"$bin/python" manage.py check
"$bin/python" manage.py migrate --noinput -v0
"$bin/python" manage.py load_demo_content

step "the pages and the API answer"
"$bin/python" manage.py shell -c "$(cat "$root/scripts/plugin_smoke.py")"
step "done"
