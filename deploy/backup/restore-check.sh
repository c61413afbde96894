#!/usr/bin/env bash
# Proves that a backup can be restored: restores the archive into a scratch database, checks that every
# table has exactly the rows counted at backup time and that the schema matches the code's migrations,
# then drops the scratch database. Run it after every backup (cron/CronJob) and alert when it fails.
#
#   ADMIN_DATABASE_URL=postgres://postgres@db:5432/postgres \
#     deploy/backup/restore-check.sh /var/backups/stafett/stafett-20260101T020000Z.dump
#
# ADMIN_DATABASE_URL: a role that may CREATE/DROP DATABASE (connects to its maintenance database).
# SCRATCH_DB: name of the scratch database (default stafett_restore_check); KEEP=1 keeps it afterwards.
# MANAGE: how to run manage.py (default "python manage.py", from the repository or the container).
set -euo pipefail

dump=${1:?usage: restore-check.sh DUMP_FILE}
counts=${dump%.dump}.counts
admin_url=${ADMIN_DATABASE_URL:?ADMIN_DATABASE_URL must be set}
scratch=${SCRATCH_DB:-stafett_restore_check}
manage=${MANAGE:-python manage.py}
[[ $scratch =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "SCRATCH_DB must be a plain identifier" >&2; exit 2; }
[[ -r $dump ]] || { echo "cannot read $dump" >&2; exit 2; }

# The scratch database's URL: the admin URL with its database name replaced.
scratch_url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$admin_url" "$scratch")

cleanup() {
  if [[ ${KEEP:-0} != 1 ]]; then
    psql "$admin_url" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" || true
  fi
}
trap cleanup EXIT

echo "1/4 archive is readable"
pg_restore --list "$dump" >/dev/null

echo "2/4 restore into $scratch"
psql "$admin_url" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)"
psql "$admin_url" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$scratch\""
pg_restore --exit-on-error --no-owner --no-privileges --dbname="$scratch_url" "$dump"

echo "3/4 row counts match the backup's manifest"
if [[ -r $counts ]]; then
  actual=$(mktemp)
  psql "$scratch_url" -X -q -At -v ON_ERROR_STOP=1 <<'SQL' | sort >"$actual"
SELECT string_agg(format('SELECT %L || '' '' || count(*) FROM %I.%I', tablename, schemaname, tablename), ' UNION ALL ' ORDER BY tablename)
FROM pg_tables WHERE schemaname = 'public' \gset
:string_agg;
SQL
  if ! diff -u "$counts" "$actual"; then
    echo "FAILED: restored row counts differ from the backup manifest" >&2
    rm -f "$actual"
    exit 1
  fi
  echo "    $(wc -l <"$counts") tables, $(awk '{s += $2} END {print s}' "$counts") rows"
  rm -f "$actual"
else
  echo "    (no $counts manifest next to the dump: skipped)"
fi

echo "4/4 schema matches the code (no unapplied migrations)"
DATABASE_URL=$scratch_url $manage migrate --check >/dev/null

echo "OK: $dump restores completely"
