# A throwaway PostgreSQL cluster on 127.0.0.1, for the tests and the benchmarks (sourced).
#
#   throwaway_postgres_start [server options…]   starts one; sets pg_bindir, pg_dir, pg_port, pg_password
#   pg_psql [psql arguments…]                     runs psql on it as the superuser
#   throwaway_postgres_stop                       stops it and removes its folder (call from an EXIT trap)
#
# Returns 1 from start when no PostgreSQL is installed. As root, the cluster runs as `postgres`.

pg_bindir=""
pg_dir=""
pg_port=""
pg_password=""

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

throwaway_postgres_find() {
  local candidate
  for candidate in "${PG_BINDIR:-}" /usr/lib/postgresql/*/bin; do
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      pg_bindir="$candidate"
    fi
  done
  [ -n "$pg_bindir" ]
}

throwaway_postgres_start() {
  throwaway_postgres_find || return 1
  pg_dir=$(mktemp -d /tmp/titlebridge-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  pg_password="tb-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$pg_password" > "$pg_dir/pwfile"
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$pg_dir"; fi
  chmod 700 "$pg_dir"
  as_pg "$pg_bindir/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_dir/pwfile" >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; return 1; }
  local options="-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir $*"
  as_pg "$pg_bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 -o "$options" start >/dev/null \
    || { cat "$pg_dir/server.log"; return 1; }
}

pg_psql() {
  as_pg "$pg_bindir/psql" -h "$pg_dir" -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"
}

throwaway_postgres_stop() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
