"""The documented backup and restore procedure, run for real against the local PostgreSQL:
migrate a scratch source database, add data, back it up with deploy/backup/backup.sh, and prove the
restore with deploy/backup/restore-check.sh (row counts and migrations); a tampered manifest fails."""

import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup"

pytestmark = pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs the PostgreSQL client tools")


def _url(database: str) -> str:
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/" + database))


def _env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(SECRET_KEY="restore-check-" + "x" * 40, ALLOWED_HOSTS="localhost", **extra)
    return env


def _run(args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=_env(**env), capture_output=True, text=True, timeout=300)


@pytest.fixture
def source_db():
    base = os.environ.get("TEST_DATABASE_NAME") or "test_stafett"
    name = f"{base}_backup_src"
    admin = _url("postgres")
    for statement in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-X", "-q", "-c", statement], check=True, timeout=60)
    url = _url(name)
    migrate = _run([sys.executable, "manage.py", "migrate", "--noinput"], DATABASE_URL=url)
    assert migrate.returncode == 0, migrate.stderr
    seed = (
        "from coordination.models import Agency, User;"
        "from coordination.services.youths import youth_create;"
        "import datetime;"
        "a = Agency.objects.create(name='Barnevernet', sector='child_welfare', level='municipal');"
        "u = User.objects.create_user('kari', password='correct-horse-battery', agency=a);"
        "[youth_create(actor=u, first_name='Sara', last_name=f'Ung{n}',"
        " birth_date=datetime.date(2010, 5, n + 1), municipality='Trondheim') for n in range(3)]"
    )
    result = _run([sys.executable, "manage.py", "shell", "--no-imports", "-c", seed], DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    yield url
    subprocess.run(
        ["psql", admin, "-X", "-q", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], timeout=60
    )


def test_a_backup_restores_completely_and_a_bad_one_is_caught(source_db, tmp_path):
    backup = _run(["bash", str(BACKUP / "backup.sh"), str(tmp_path)], DATABASE_URL=source_db)
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    counts = dump.with_suffix(".counts").read_text().splitlines()
    assert "coordination_youth 3" in counts and "coordination_user 1" in counts

    scratch = (os.environ.get("TEST_DATABASE_NAME") or "test_stafett") + "_restore"
    check = _run(
        ["bash", str(BACKUP / "restore-check.sh"), str(dump)],
        ADMIN_DATABASE_URL=_url("postgres"),
        SCRATCH_DB=scratch,
        MANAGE=f"{sys.executable} manage.py",
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OK:" in check.stdout and "4/4" in check.stdout

    tampered = [line.replace("coordination_youth 3", "coordination_youth 4") for line in counts]
    dump.with_suffix(".counts").write_text("\n".join(tampered) + "\n")
    check = _run(
        ["bash", str(BACKUP / "restore-check.sh"), str(dump)],
        ADMIN_DATABASE_URL=_url("postgres"),
        SCRATCH_DB=scratch,
        MANAGE=f"{sys.executable} manage.py",
    )
    assert check.returncode == 1
    assert "differ from the backup manifest" in check.stderr
