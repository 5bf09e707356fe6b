"""`python -m services.notifications`: settings from the environment, then uvicorn."""

from __future__ import annotations

import uvicorn

from services.notifications.app import create
from shared.settings import ServiceSettings


def main() -> None:
    settings = ServiceSettings(service_name="notifications")
    uvicorn.run(create(settings), host=settings.http_host, port=settings.port())


if __name__ == "__main__":
    main()
