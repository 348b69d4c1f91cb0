"""docker-compose.yml, the Dockerfile and .env.example: valid, complete and consistent.

No Docker engine runs here: Debian's docker-compose parses, interpolates and validates the
file without one (`docker-compose config`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = shutil.which("docker-compose")
needs_compose = pytest.mark.skipif(COMPOSE is None, reason="needs Debian's docker-compose")
SERVICES = {"postgres", "redis", "migrate", "web", "worker", "beat"}
APP_SERVICES = {"migrate", "web", "worker", "beat"}


def project(tmp_path: Path, **env: str) -> Path:
    """A copy of the deployment files with a .env made from .env.example."""
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    lines = (ROOT / ".env.example").read_text().splitlines()
    for key, value in env.items():
        lines = [f"{key}={value}" if line.startswith(f"{key}=") else line for line in lines]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n")
    return tmp_path


def compose(directory: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [COMPOSE, "-f", "docker-compose.yml", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},  # the .env file, not this process, configures it
    )


@pytest.fixture
def resolved(tmp_path) -> dict:
    directory = project(tmp_path, SECRET_KEY="k" * 50, POSTGRES_PASSWORD="pw0123456789")
    result = compose(directory, "config")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


@needs_compose
def test_the_compose_file_validates_with_the_example_environment(tmp_path):
    directory = project(tmp_path, SECRET_KEY="k" * 50, POSTGRES_PASSWORD="pw0123456789")
    result = compose(directory, "config", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@needs_compose
@pytest.mark.parametrize("secret", ["SECRET_KEY", "POSTGRES_PASSWORD"])
def test_compose_refuses_to_start_without_the_secrets(tmp_path, secret):
    filled = {"SECRET_KEY": "k" * 50, "POSTGRES_PASSWORD": "pw0123456789"}
    filled[secret] = ""
    result = compose(project(tmp_path, **filled), "config", "-q")
    assert result.returncode != 0
    assert f"set {secret} in .env" in result.stderr


@needs_compose
def test_the_topology_has_every_service(resolved):
    services = resolved["services"]
    assert set(services) == SERVICES
    assert "gunicorn" in services["web"]["command"]
    assert services["web"]["healthcheck"]["test"][-2:] == [
        "factcheck.health",
        "http://127.0.0.1:8000/healthz",
    ]
    worker = " ".join(services["worker"]["command"])
    assert "celery -A factcheck worker" in worker
    assert "-Q ${CELERY_TASK_DEFAULT_QUEUE:-factcheck}" in worker.replace("$$", "$")
    assert services["beat"]["command"][:4] == ["celery", "-A", "factcheck", "beat"]
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]


@needs_compose
def test_redis_never_evicts_queued_jobs(resolved):
    command = resolved["services"]["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


@needs_compose
def test_the_app_waits_for_its_database_broker_and_migrations(resolved):
    for name in APP_SERVICES - {"migrate"}:
        depends = resolved["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


@needs_compose
def test_every_replica_shares_the_media_volume_and_the_same_configuration(resolved):
    services = resolved["services"]
    for name in APP_SERVICES:
        service = services[name]
        assert service["environment"]["DEBUG"] == "0"
        assert service["environment"]["MEDIA_ROOT"] == "/data/media"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://factcheck:")
        assert service["environment"]["CELERY_BROKER_URL"] == "redis://redis:6379/0"
        assert any(v.startswith("media:/data/media") for v in service["volumes"])
        # Only the published port differs; nothing else tells replicas apart.
        assert service["image"] == "factcheck:latest"


def settings_variables() -> set[str]:
    """Every environment variable the settings and the app read."""
    names = set()
    sources = [ROOT / "factcheck" / "settings.py", *sorted((ROOT / "reviews").rglob("*.py"))]
    for path in sources:
        text = path.read_text()
        names |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z][A-Z0-9_]*)"', text))
        names |= set(re.findall(r'os\.environ(?:\.get)?[(\[]\s*"([A-Z][A-Z0-9_]*)"', text))
    return names


def test_env_example_names_every_setting():
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    missing = settings_variables() - documented
    assert missing == set()


def test_env_example_holds_no_secret():
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^SECRET_KEY=$", example, flags=re.MULTILINE)
    assert re.search(r"^POSTGRES_PASSWORD=$", example, flags=re.MULTILINE)
    assert re.search(r"^DEBUG=0$", example, flags=re.MULTILINE)


def test_the_image_runs_as_an_unprivileged_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "-slim" in re.search(r"^FROM\s+(\S+)", dockerfile, flags=re.MULTILINE)[1]
    assert "collectstatic" in dockerfile  # whitenoise serves what the image collected
