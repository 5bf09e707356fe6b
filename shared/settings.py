"""Settings, from the environment first (documented in `.env.example`).

Built in `main`/`create_app`, never at import time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_PORTS = {"members": 8001, "proposals": 8002, "consultation": 8003, "notifications": 8004}
PLACEHOLDER_SECRETS = {
    "",
    "change-me",
    "changeme",
    "secret",
    "change-me-to-a-random-64-char-string",
}


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", env_file=None)

    service_name: str = Field(default="members")
    http_host: str = Field(default="127.0.0.1")
    http_port: int = Field(default=0, description="0 = the service's default port")
    nats_url: str = Field(default="nats://127.0.0.1:4222")
    nats_user: str | None = None
    nats_password: str | None = None
    data_dir: Path = Field(default=Path("data"))
    database_url: str | None = Field(default=None, description="default: SQLite in data_dir")
    auth_secret: str = Field(min_length=32)
    stream_replicas: int = 1
    log_format: str = "console"
    log_level: str = "INFO"
    read_wait_seconds: float = Field(default=5.0, description="max wait for ?min_seq=")
    readiness_max_lag: int = 1000

    @field_validator("auth_secret")
    @classmethod
    def _not_placeholder(cls, value: str) -> str:
        if value.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("AUTH_SECRET is a placeholder: set a random secret of 32+ chars")
        return value

    def port(self) -> int:
        return self.http_port or DEFAULT_PORTS.get(self.service_name, 8000)

    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{self.service_name}.db').resolve()}"

    def nats_servers(self) -> list[str]:
        return [u.strip() for u in self.nats_url.split(",") if u.strip()]
