#!/usr/bin/env bash
# Installs (Debian packages), starts and prepares the servers the integration tests use:
# MariaDB on 3306, PostgreSQL on 5432, Redis on 6379. Idempotent: a second run only checks.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

need=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$what did not come up"; return 1
}

# MariaDB
if ! mariadb-admin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  start-stop-daemon --start --background --chuid mysql --exec /usr/sbin/mariadbd -- \
    --datadir=/var/lib/mysql --socket=/run/mysqld/mysqld.sock --bind-address=127.0.0.1 --port=3306 \
    --max-connections=500 --innodb-flush-log-at-trx-commit=2
  wait_for MariaDB mariadb-admin ping
fi
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'tx'@'localhost' IDENTIFIED BY 'tx';
CREATE USER IF NOT EXISTS 'tx'@'127.0.0.1' IDENTIFIED BY 'tx';
GRANT ALL PRIVILEGES ON *.* TO 'tx'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'tx'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS tx_tests;
FLUSH PRIVILEGES;
SQL

# PostgreSQL
pgver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$pgver main"; then
  pg_createcluster "$pgver" main >/dev/null
fi
pg_conftool "$pgver" main set max_connections 300 >/dev/null 2>&1 || true
if ! pg_lsclusters -h | awk -v v="$pgver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$pgver" main start
fi
wait_for PostgreSQL su postgres -c "psql -qAtc 'select 1'"
su postgres -c "psql -qAt" <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tx') THEN
    CREATE ROLE tx LOGIN SUPERUSER PASSWORD 'tx';
  END IF;
END $$;
SQL
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname='tx_tests'\"" | grep -q 1 \
  || su postgres -c "createdb -O tx tx_tests"

# Redis
if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --port 6379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null
  wait_for Redis redis-cli -p 6379 ping
fi
echo "services: mariadb, postgresql $pgver, redis ready"
