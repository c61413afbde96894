"""A bounded load test: gunicorn with sync workers on loopback, wrk with a signed-in session against it.

Every request does what a real one does: the session is read (and written when a minute has passed),
the access-log row is written, the request is logged. wrk reports through a small Lua script (exact
percentiles and error counts as JSON) instead of its human-readable summary.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
ROOT = Path(__file__).resolve().parents[2]


class LoadTestUnavailable(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LoadTestUnavailable(f"gunicorn exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise LoadTestUnavailable("gunicorn did not start within 30 s")


def _headers(cookie: str) -> dict[str, str]:
    # The reverse proxy's headers: TLS ended in front of gunicorn (SECURE_PROXY_SSL_HEADER).
    return {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def _check_signed_in(port: int, path: str, cookie: str) -> None:
    """wrk counts a redirect to the login page as success: make sure the page itself answers."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=_headers(cookie))
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 200:
        raise LoadTestUnavailable(f"{path} answered {status} to the signed-in session, not 200")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run(*, env: dict[str, str], cookie: str, paths: list[str], workers: int, connections: int, seconds: int):
    """Starts gunicorn with `env` (the benchmark database), loads each path; returns one dict per path."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise LoadTestUnavailable("wrk is not installed (make bench-deps installs it)")
    port = _free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "coordination.wsgi", "--bind", f"127.0.0.1:{port}"]
    gunicorn += ["--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"]
    out = Path(env.get("BENCH_OUT") or ROOT / "var" / "benchmark")
    out.mkdir(parents=True, exist_ok=True)
    log = open(out / "gunicorn.log", "w")  # noqa: SIM115 (kept open for the child)
    proc = subprocess.Popen(gunicorn, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log)
    try:
        _wait_until_up(port, proc)
        results = []
        for path in paths:
            _check_signed_in(port, path, cookie)
            results.append(_wrk(wrk, port, path, cookie, connections, seconds))
        return results
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _wrk(wrk: str, port: int, path: str, cookie: str, connections: int, seconds: int) -> dict:
    command = [
        wrk,
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--timeout",
        "5s",
        "-s",
        str(WRK_SCRIPT),
    ]
    for name, value in _headers(cookie).items():
        command += ["--header", f"{name}: {value}"]
    url = f"http://127.0.0.1:{port}{path}"
    # A short warm-up first: the workers' first requests open connections and fill caches.
    subprocess.run([*command, "--duration", "3s", url], check=True, capture_output=True, text=True)
    done = subprocess.run(
        [*command, "--duration", f"{seconds}s", url], check=True, capture_output=True, text=True
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    figures = json.loads(line)
    figures.update(path=path, connections=connections, seconds=seconds)
    return figures
