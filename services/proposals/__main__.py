"""`python -m services.proposals`: settings from the environment, then serve HTTP."""

from __future__ import annotations

import uvicorn

from shared.settings import ServiceSettings

from .app import create


def main() -> None:
    settings = ServiceSettings(service_name="proposals")
    uvicorn.run(create(settings), host=settings.http_host, port=settings.port())


if __name__ == "__main__":
    main()
