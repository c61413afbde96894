#!/usr/bin/env bash
# Nightly logical backup of Stafett's database: a pg_dump custom-format archive plus a manifest of row
# counts taken in the same snapshot, so a restore can be checked against what was dumped.
#
#   DATABASE_URL=postgres://stafett:...@db:5432/stafett deploy/backup/backup.sh /var/backups/stafett
#
# Writes DIR/stafett-YYYYmmddTHHMMSSZ.dump and .counts, and deletes archives older than KEEP_DAYS (35).
# Encrypt and ship the files off the machine (e.g. restic/age to another site); they hold health data.
set -euo pipefail

dir=${1:?usage: backup.sh BACKUP_DIR}
url=${DATABASE_URL:?DATABASE_URL must be set}
keep_days=${KEEP_DAYS:-35}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
base="$dir/stafett-$stamp"
umask 077
mkdir -p "$dir"

# One repeatable-read transaction exports a snapshot; pg_dump and the counts both read from it.
coproc PSQL { psql "$url" -X -q -At -v ON_ERROR_STOP=1; }
# Kept now: bash unsets PSQL_PID once the coprocess has exited, which can be before the wait below.
psql_pid=$PSQL_PID
echo "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT pg_export_snapshot();" >&"${PSQL[1]}"
read -r snapshot <&"${PSQL[0]}"

pg_dump "$url" --format=custom --compress=6 --no-owner --no-privileges --snapshot="$snapshot" \
  --file="$base.dump.partial"

# Row counts of every table in the public schema, from the same snapshot.
cat >&"${PSQL[1]}" <<'SQL'
SELECT string_agg(format('SELECT %L || '' '' || count(*) FROM %I.%I', tablename, schemaname, tablename), ' UNION ALL ' ORDER BY tablename)
FROM pg_tables WHERE schemaname = 'public' \gset
:string_agg;
SELECT '--end--';
SQL
: >"$base.counts.partial"
while read -r line <&"${PSQL[0]}"; do
  [[ $line == "--end--" ]] && break
  echo "$line" >>"$base.counts.partial"
done
echo "COMMIT;" >&"${PSQL[1]}"
exec {PSQL[1]}>&-
wait "$psql_pid"

sort -o "$base.counts.partial" "$base.counts.partial"
mv "$base.dump.partial" "$base.dump"
mv "$base.counts.partial" "$base.counts"
find "$dir" -name 'stafett-*.dump' -mtime +"$keep_days" -delete
find "$dir" -name 'stafett-*.counts' -mtime +"$keep_days" -delete
echo "$base.dump"
