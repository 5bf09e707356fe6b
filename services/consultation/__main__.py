"""`python -m services.consultation`: settings from the environment, then uvicorn."""

from __future__ import annotations

import uvicorn

from services.consultation.app import create
from shared.settings import ServiceSettings


def main() -> None:
    settings = ServiceSettings(service_name="consultation")
    uvicorn.run(create(settings), host=settings.http_host, port=settings.port())


if __name__ == "__main__":
    main()
