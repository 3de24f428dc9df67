#!/usr/bin/env bash
# Prepares a Debian machine (the project's development and CI machines) to run the whole test
# suite, and does nothing that is already done:
#   1. PostgreSQL listening on 127.0.0.1:5432, where user postgres reaches database "test"
#      without a password (installed with apt-get and started when missing);
#   2. Debian's Chromium at /usr/bin/chromium, for the browser tests;
#   3. the npm dependencies, exactly as package-lock.json pins them (npm ci);
#   4. a check that the better-sqlite3 native module loads (rebuilt from source if not);
#   5. a check that kubectl is there (the Kubernetes manifest tests render with it).
# Needs root, or sudo, only for what it has to install. Usage: bash scripts/setup.sh
#
# For testing this script: SETUP_PG_PORT and SETUP_PG_CLUSTER pick another PostgreSQL port and
# cluster (default 5432, main); SETUP_SKIP_NPM_CI=1 keeps node_modules as it is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_PORT="${SETUP_PG_PORT:-5432}"
PG_CLUSTER="${SETUP_PG_CLUSTER:-main}"
PG_DATABASE=test

log() { printf '[setup] %s\n' "$*"; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
fi
as_root() { "${SUDO[@]}" "$@"; }

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get is not available: install $* yourself (see docs/development.md, Tests), then run this again."
    exit 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp: no client needed).
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# psql as the postgres OS user over the local socket (peer authentication), for administration.
psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  else
    sudo -u postgres psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  fi
}

# psql as the tests connect: TCP to 127.0.0.1, user postgres, never prompting for a password.
psql_tcp() { psql -X -q -w -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

ensure_postgres() {
  if ! port_open "$PG_PORT"; then
    log "PostgreSQL is not listening on 127.0.0.1:$PG_PORT: starting it (installing it first if needed)"
    if [ -z "$(pg_version)" ]; then apt_install postgresql; fi
    local version
    version="$(pg_version)"
    if [ -z "$version" ]; then
      log "no PostgreSQL cluster under /etc/postgresql after installing postgresql"
      exit 1
    fi
    if [ ! -d "/etc/postgresql/$version/$PG_CLUSTER" ]; then
      as_root pg_createcluster "$version" "$PG_CLUSTER" -p "$PG_PORT"
    fi
    # Without systemd (containers, CI) pg_ctlcluster must not hand over to systemctl.
    if ! port_open "$PG_PORT"; then
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start
    fi
    local waited=0
    until port_open "$PG_PORT"; do
      if [ "$waited" -ge 60 ]; then
        log "PostgreSQL $version/$PG_CLUSTER did not start listening on 127.0.0.1:$PG_PORT within 60 s"
        exit 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
  fi
  log "PostgreSQL is listening on 127.0.0.1:$PG_PORT"

  if ! command -v psql >/dev/null 2>&1; then apt_install postgresql-client; fi

  if ! psql_tcp -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    # Test and CI machines only: let postgres in from loopback without a password, as the
    # test suite's DATABASE_URL expects. Remote connections are left as they were.
    log "user postgres needs a password on 127.0.0.1:$PG_PORT: allowing trust authentication from loopback"
    local hba
    hba="$(psql_admin -Atc 'show hba_file')"
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
    psql_admin -Atc 'select pg_reload_conf()' >/dev/null
    sleep 1
    if ! psql_tcp -d postgres -Atc 'select 1' >/dev/null; then
      log "still cannot connect as postgres to 127.0.0.1:$PG_PORT; see $hba"
      exit 1
    fi
  fi

  if [ "$(psql_tcp -d postgres -Atc "select 1 from pg_database where datname = '$PG_DATABASE'")" != "1" ]; then
    log "creating database $PG_DATABASE"
    psql_tcp -d postgres -c "create database $PG_DATABASE"
  fi
  log "database ready: postgres://postgres@127.0.0.1:$PG_PORT/$PG_DATABASE"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    log "Chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  else
    log "installing Debian's Chromium for the browser tests"
    apt_install chromium
  fi
}

ensure_node_modules() {
  if [ "${SETUP_SKIP_NPM_CI:-}" = "1" ]; then
    log "SETUP_SKIP_NPM_CI=1: keeping node_modules as it is"
  else
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
  if ! node -e "require('better-sqlite3')(':memory:').close()" 2>/dev/null; then
    log "better-sqlite3 does not load: rebuilding it from source"
    npm rebuild better-sqlite3
    node -e "require('better-sqlite3')(':memory:').close()"
  fi
  log "better-sqlite3 loads"
}

# kubectl renders deploy/kubernetes in the deploy tests (its built-in kustomize). Debian has no
# current kubectl, so it is not installed here: say so instead of failing later without a word.
ensure_kubectl() {
  if command -v kubectl >/dev/null 2>&1; then
    log "kubectl present: $(kubectl version --client 2>/dev/null | head -n 1)"
  else
    log "kubectl is missing: test/unit/deploy/kubernetes.test.ts will fail until kubectl 1.27+ is on PATH"
  fi
}

ensure_postgres
ensure_kubectl
ensure_chromium
ensure_node_modules
log "ready"
