"""deploy/ files are well-formed and keep their promises: one beat, scalable web and workers, non-root.

No Docker engine or Kubernetes cluster runs in CI, so `docker compose config` and `kubectl apply
--dry-run` cannot run here; these tests read the files with PyYAML and check their structure instead.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


class _ComposeLoader(yaml.SafeLoader):
    pass


def _load_all(path: Path) -> list[dict]:
    return [doc for doc in yaml.load_all(path.read_text(), Loader=_ComposeLoader) if doc]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_has_every_process_and_its_dependencies(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat", "proxy"}
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["environment"]["SECRET_KEY_FILE"].startswith("/run/secrets/")
        assert "SECRET_KEY" not in service["environment"]
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "coordination", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "coordination", "beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "check --deploy --fail-level WARNING" in " ".join(services["migrate"]["command"])
    for secret in compose["secrets"].values():
        assert (DEPLOY / secret["file"]).parent.name == "secrets"
    assert services["proxy"]["volumes"][0].startswith("./nginx/stafett.conf:")


def test_compose_refers_only_to_files_that_exist(compose):
    build = compose["services"]["web"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()
    assert (DEPLOY / "nginx" / "stafett.conf").is_file()
    assert (DEPLOY / "env.example").is_file()


def test_dockerfile_is_multi_stage_and_runs_as_a_non_root_user():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.M)) == 3
    assert "npm ci" in dockerfile and "requirements/prod.txt" in dockerfile
    assert "collectstatic" in dockerfile
    assert re.search(r"^USER stafett", dockerfile, re.M)


def test_nginx_logs_no_query_strings_and_replaces_forwarded_for():
    conf = (DEPLOY / "nginx" / "stafett.conf").read_text()
    log_format = re.search(r"^log_format .*?;$", conf, re.M | re.S).group(0)
    assert '"path":"$uri"' in log_format and "$request_uri" not in log_format and "$args" not in log_format
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "proxy_set_header X-Request-ID $request_id;" in conf


def test_nginx_config_passes_nginx_t(tmp_path):
    # `make test` installs nginx (browser-deps); a missing binary fails here rather than skipping silently.
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    assert nginx, "nginx is not installed: run `make browser-deps` (Debian package nginx-light)"
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = (DEPLOY / "nginx" / "stafett.conf").read_text()
    conf = conf.replace("server web:8000", "server 127.0.0.1:8000").replace("/etc/nginx/tls", str(tls))
    version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr
    if tuple(map(int, re.search(r"(\d+)\.(\d+)", version).groups())) < (1, 25):
        conf = conf.replace("    http2 on;\n", "")  # the image's nginx 1.27 knows it; Debian 12's does not
    (tmp_path / "site.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def k8s() -> dict[tuple[str, str], dict]:
    docs = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in _load_all(path):
            docs[(doc["kind"], doc["metadata"]["name"])] = doc
    return docs


def test_kustomization_lists_existing_files():
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        assert (DEPLOY / "k8s" / resource).is_file(), resource


def test_beat_is_a_single_replica_replaced_not_rolled(k8s):
    beat = k8s[("Deployment", "stafett-beat")]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"
    assert not any(
        doc["spec"]["scaleTargetRef"]["name"] == "stafett-beat"
        for (kind, _name), doc in k8s.items()
        if kind == "HorizontalPodAutoscaler"
    )


def test_web_and_workers_scale_horizontally(k8s):
    for name in ("stafett-web", "stafett-worker"):
        hpa = k8s[("HorizontalPodAutoscaler", name)]
        assert hpa["spec"]["scaleTargetRef"]["name"] == name
        assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
        container = k8s[("Deployment", name)]["spec"]["template"]["spec"]["containers"][0]
        assert container["resources"]["requests"]["cpu"]  # the HPA scales on CPU requests


def test_every_pod_runs_as_non_root_with_a_read_only_filesystem(k8s):
    pods = [
        doc["spec"]["template"]["spec"] for (kind, _n), doc in k8s.items() if kind in ("Deployment", "Job")
    ]
    assert len(pods) == 4
    for pod in pods:
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in pod["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_web_readiness_uses_the_web_health_check_with_a_host_header(k8s):
    container = k8s[("Deployment", "stafett-web")]["spec"]["template"]["spec"]["containers"][0]
    probe = container["readinessProbe"]["httpGet"]
    assert probe["path"] == "/helse/web/"
    assert probe["httpHeaders"][0]["name"] == "Host"
    assert "tcpSocket" in container["livenessProbe"]


def test_migration_job_checks_the_deploy_settings_first(k8s):
    job = k8s[("Job", "stafett-migrate")]
    command = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert command.index("check --deploy") < command.index("migrate --noinput")


def test_secrets_come_from_files_and_the_example_secret_is_not_applied(k8s):
    config = k8s[("ConfigMap", "stafett-config")]["data"]
    assert config["SECRET_KEY_FILE"].startswith("/run/secrets/")
    assert not any(key in config for key in ("SECRET_KEY", "DATABASE_PASSWORD"))
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    assert "secret.example.yaml" not in kustomization["resources"]


def test_systemd_units_run_one_beat_and_check_before_migrating():
    units = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    assert set(units) == {
        "stafett-web.service",
        "stafett-worker.service",
        "stafett-beat.service",
        "stafett-migrate.service",
    }
    assert "EXACTLY ONE" in units["stafett-beat.service"]
    migrate = units["stafett-migrate.service"]
    assert migrate.index("check --deploy") < migrate.index("migrate --noinput")
    for text in units.values():
        assert "User=stafett" in text and "NoNewPrivileges=true" in text
