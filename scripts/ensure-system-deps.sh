#!/usr/bin/env bash
# Install, with apt, the system packages that `make test` needs and that are
# missing: a PostgreSQL server (for the PostgreSQL test run), Debian's
# Chromium (driven by Playwright in the browser tests) and fonts with
# Vietnamese glyphs. Does nothing, quickly, when all is already there.
# With --run, only what `make run` needs: Python's venv support.
set -euo pipefail

only_run=false
[ "${1:-}" = "--run" ] && only_run=true
missing=()

# venv support for the Python the Makefile uses (Debian ships it apart).
python=$(command -v python3.11 || command -v python3 || true)
if [ -z "$python" ]; then
    missing+=(python3 python3-venv)
elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi

# PostgreSQL server: any initdb of any major version will do.
if ! $only_run && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    missing+=(postgresql)
fi

# Chromium from Debian (Playwright must never download its own browser).
if ! $only_run && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi

# Fonts covering Vietnamese diacritics, so screenshots render real glyphs.
for pkg in fonts-dejavu-core fonts-liberation; do
    if ! $only_run && ! dpkg -s "$pkg" >/dev/null 2>&1; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ensure-system-deps: missing packages: ${missing[*]}" >&2
        echo "ensure-system-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "ensure-system-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian's postgresql package creates this user; the server refuses to run as
# root, so with-postgres.sh runs it as `postgres`.
if ! $only_run && [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
    echo "ensure-system-deps: creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

$only_run || echo "ensure-system-deps: ok"
