#!/usr/bin/env bash
# Shows HestiaFtp scaled out on one machine: Redis, PostgreSQL, the standalone HestiaCP emulator (one panel, demo data),
# two dashboard instances and nginx with sticky sessions, all on loopback ports, data in a temporary folder, no systemd.
# Prints the URL; Ctrl+C stops everything and removes the folder. Sign in as alice / Alice-Demo-2026 (or carol, support).
#
# Ports (override through the environment): HESTIAFTP_PORT (nginx, 8080), DASHBOARD_A_PORT (5001), DASHBOARD_B_PORT (5002),
# EMULATOR_PORT (8083), REDIS_PORT (6390), POSTGRES_PORT (5440). Missing packages are installed through .ci/apt-install.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port_nginx=${HESTIAFTP_PORT:-8080}
port_a=${DASHBOARD_A_PORT:-5001}
port_b=${DASHBOARD_B_PORT:-5002}
port_emulator=${EMULATOR_PORT:-8083}
port_redis=${REDIS_PORT:-6390}
port_postgres=${POSTGRES_PORT:-5440}

say() { printf '\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "cluster.sh: $*" >&2; exit 1; }
secret() { # length [characters]; `|| true`: head closing the pipe early is not a failure
  local s; s=$(head -c 1024 /dev/urandom | LC_ALL=C tr -dc "${2:-A-Za-z0-9}" | head -c "$1") || true; printf '%s' "$s"; }
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port seconds name
  for _ in $(seq 1 $(($2 * 10))); do in_use "$1" && return 0; sleep 0.1; done
  fail "$3 did not start listening on 127.0.0.1:$1 (its log is in $run)"
}
# Runs a PostgreSQL tool; it refuses to run as root, so as root it runs as the postgres user.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

for p in "$port_nginx" "$port_a" "$port_b" "$port_emulator" "$port_redis" "$port_postgres"; do
  in_use "$p" && fail "127.0.0.1:$p is already in use (set the *_PORT variables above to other ports)"
done

say "Packages (through .ci/apt-install when missing)"
.ci/apt-install redis-server postgresql nginx openssl >/dev/null || fail "could not install redis-server, postgresql, nginx, openssl"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

say "Build (Release)"
dotnet build HestiaFtp.Web -c Release -nologo -v quiet >/dev/null || fail "dotnet build HestiaFtp.Web failed"
dotnet build HestiaFtp.Emulator -c Release -nologo -v quiet >/dev/null || fail "dotnet build HestiaFtp.Emulator failed"
web_out="$repo/HestiaFtp.Web/bin/Release/net10.0"
emulator_out="$repo/HestiaFtp.Emulator/bin/Release/net10.0"

run=$(mktemp -d /tmp/hestiaftp-cluster.XXXXXX)
chmod 755 "$run"   # the postgres and nginx users must reach their own folders inside
# The services run in sessions of their own (setsid): Ctrl+C reaches this script only, which stops them in order below,
# and a service that ends while the script waits is one that failed.
pids=()
cleanup() {
  trap - INT TERM EXIT
  say "Stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$run/postgres/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$run/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run"
}
trap cleanup INT TERM EXIT

say "Redis on 127.0.0.1:$port_redis (password, append-only file)"
redis_password=$(secret 32)
mkdir -p "$run/redis"
install -m 600 /dev/null "$run/redis/redis.conf"
cat >"$run/redis/redis.conf" <<EOF
bind 127.0.0.1
port $port_redis
protected-mode yes
requirepass $redis_password
dir $run/redis
appendonly yes
save ""
daemonize no
loglevel warning
EOF
setsid redis-server "$run/redis/redis.conf" >"$run/redis/redis.log" 2>&1 &
pids+=($!)
wait_port "$port_redis" 10 redis-server

say "PostgreSQL on 127.0.0.1:$port_postgres (own cluster in $run/postgres; Debian's cluster is left alone)"
postgres_password=$(secret 32)
app_password=$(secret 32)
mkdir -p "$run/postgres"
install -m 600 /dev/null "$run/postgres/pwfile"
printf '%s' "$postgres_password" >"$run/postgres/pwfile"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$run/postgres"
as_postgres "$pg_bin/initdb" -D "$run/postgres/data" -U postgres --pwfile="$run/postgres/pwfile" --auth=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$run/postgres/initdb.log" 2>&1 || fail "initdb failed (see $run/postgres/initdb.log)"
rm -f "$run/postgres/pwfile"
as_postgres "$pg_bin/pg_ctl" -D "$run/postgres/data" -l "$run/postgres/postgres.log" -w \
  -o "-p $port_postgres -c listen_addresses=127.0.0.1 -k $run/postgres" start >/dev/null || fail "PostgreSQL did not start"
PGPASSWORD=$postgres_password "$pg_bin/psql" -q -h 127.0.0.1 -p "$port_postgres" -U postgres -d postgres \
  -c "CREATE ROLE hestiaftp LOGIN PASSWORD '$app_password'" -c "CREATE DATABASE hestiaftp OWNER hestiaftp" >/dev/null

say "HestiaCP emulator on 127.0.0.1:$port_emulator (demo panel)"
key_id=$(secret 20 'A-Z0-9')
key_secret=$(secret 40)
HESTIA_EMULATOR_ADMIN_PASSWORD=$(secret 24) HESTIA_EMULATOR_ACCESS_KEY="$key_id:$key_secret" \
  setsid dotnet "$emulator_out/HestiaFtp.Emulator.dll" --urls "http://127.0.0.1:$port_emulator" --demo >"$run/emulator.log" 2>&1 &
pids+=($!)
wait_port "$port_emulator" 60 "the emulator"

say "Data-protection certificate (encrypts the key ring both instances share in Redis)"
certificate_password=$(secret 32)
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=HestiaFtp data protection" \
  -keyout "$run/dp.key" -out "$run/dp.crt" >/dev/null 2>&1
openssl pkcs12 -export -inkey "$run/dp.key" -in "$run/dp.crt" -out "$run/dp.pfx" -passout "pass:$certificate_password"
rm -f "$run/dp.key"
chmod 600 "$run/dp.pfx"

start_dashboard() { # name port
  ASPNETCORE_ENVIRONMENT=Production \
  Hestia__Servers__0__Name=demo \
  Hestia__Servers__0__BaseUrl="http://127.0.0.1:$port_emulator/" \
  Hestia__Servers__0__AccessKey="$key_id" \
  Hestia__Servers__0__SecretKey="$key_secret" \
  Redis__Configuration="127.0.0.1:$port_redis,password=$redis_password" \
  Audit__ConnectionString="Host=127.0.0.1;Port=$port_postgres;Database=hestiaftp;Username=hestiaftp;Password=$app_password" \
  DataProtection__CertificatePath="$run/dp.pfx" \
  DataProtection__CertificatePassword="$certificate_password" \
  Dashboard__TrustedProxies__0=127.0.0.1 \
  Dashboard__SupportUsers__0=support \
  setsid dotnet "$web_out/HestiaFtp.Web.dll" --urls "http://127.0.0.1:$2" --contentRoot "$web_out" >"$run/dashboard-$1.log" 2>&1 &
  pids+=($!)
}
say "Dashboard instances A on 127.0.0.1:$port_a and B on 127.0.0.1:$port_b"
start_dashboard a "$port_a"
wait_port "$port_a" 90 "dashboard A"   # A migrates the database first; B starting meanwhile would wait on the advisory lock
start_dashboard b "$port_b"
wait_port "$port_b" 90 "dashboard B"

say "nginx on 127.0.0.1:$port_nginx (deploy/nginx/hestiaftp.conf: sticky sessions, WebSocket, forwarded headers)"
mkdir -p "$run/nginx"
sed -e "s/server 127.0.0.1:5001;/server 127.0.0.1:$port_a;/" -e "s/server 127.0.0.1:5002;/server 127.0.0.1:$port_b;/" \
  -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$port_nginx;/" deploy/nginx/hestiaftp.conf >"$run/nginx/hestiaftp.conf"
cat >"$run/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log warn;
$([ "$(id -u)" = 0 ] && echo "user www-data;")
events { worker_connections 512; }
http {
    access_log $run/nginx/access.log;
    client_body_temp_path $run/nginx/body;
    proxy_temp_path $run/nginx/proxy;
    fastcgi_temp_path $run/nginx/fastcgi;
    uwsgi_temp_path $run/nginx/uwsgi;
    scgi_temp_path $run/nginx/scgi;
    include $run/nginx/hestiaftp.conf;
}
EOF
[ "$(id -u)" = 0 ] && chown -R www-data "$run/nginx"
setsid nginx -p "$run/nginx" -c "$run/nginx/nginx.conf" >"$run/nginx/nginx.log" 2>&1 &
pids+=($!)
wait_port "$port_nginx" 10 nginx

cat <<EOF

HestiaFtp is running at  http://127.0.0.1:$port_nginx/   (sign in as alice / Alice-Demo-2026, carol, or support)
  instances:  A http://127.0.0.1:$port_a/   B http://127.0.0.1:$port_b/   (logs in $run)
  Try: stop one instance (kill its dotnet process): pages on the other keep working and it takes over the polling.
Press Ctrl+C to stop everything.
EOF
status=0
wait -n "${pids[@]}" || status=$?
[ "$status" -gt 128 ] && exit 0   # interrupted by Ctrl+C: the trap stops everything
say "A process ended on its own (status $status); the last lines of its logs:"
tail -n 20 "$run"/*.log "$run"/nginx/error.log 2>/dev/null || true
