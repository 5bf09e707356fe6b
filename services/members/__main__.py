"""`python -m services.members`: settings from the environment, then serve over HTTP."""

from __future__ import annotations

import uvicorn

from services.members.app import create
from shared.settings import ServiceSettings


def main() -> None:
    settings = ServiceSettings(service_name="members")
    uvicorn.run(create(settings), host=settings.http_host, port=settings.port())


if __name__ == "__main__":
    main()
