#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a throw-away PostgreSQL server on a free port of 127.0.0.1, with its
# data in a fresh temporary directory, creates the database `dangvu`, runs CMD
# with DATABASE_URL=postgres://postgres@127.0.0.1:PORT/dangvu exported, then
# always stops the server and removes the directory. Exits with CMD's status.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

# Newest installed server (Debian keeps them in /usr/lib/postgresql/VERSION).
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "with-postgres: no PostgreSQL server found; run scripts/ensure-system-deps.sh" >&2
    exit 1
fi

# The server refuses to run as root: as root, run it as the `postgres` user.
if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)
    pguser=postgres
else
    as_pg=()
    pguser=$(id -un)
fi

tmp=$(mktemp -d /tmp/dangvu-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$tmp"; fi
data="$tmp/data"

cleanup() {
    if [ -f "$data/postmaster.pid" ]; then
        "${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port: bind port 0 and read what the kernel picked.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_pg[@]}" "$pgbin/initdb" -D "$data" -U "$pguser" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; exit 1; }

# Durability is pointless for a throw-away test database: turn it off.
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null \
    || { cat "$tmp/server.log" >&2; exit 1; }

"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U "$pguser" -O "$pguser" dangvu

export DATABASE_URL="postgres://$pguser@127.0.0.1:$port/dangvu"
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

# Not `exec`: the EXIT trap must still stop the server afterwards.
set +e
"$@"
status=$?
set -e
exit "$status"
