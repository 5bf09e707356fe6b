# One image for the four CPPCC services; docker-compose.yml picks the service with its
# command: python -m services.<members|proposals|consultation|notifications>.
# Runtime dependencies only (no [dev] extras), non-root user, no secrets baked in.

# ---- build: install the project into a virtualenv -------------------------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

# Dependencies first (cached layer while only the code changes).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt

# Then the project itself.
COPY shared ./shared
COPY services ./services
RUN pip install --no-deps . \
 && python -c "import services, shared"

# ---- runtime ---------------------------------------------------------------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    LOG_FORMAT=json

RUN groupadd --system --gid 10001 cppcc \
 && useradd --system --uid 10001 --gid cppcc --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin cppcc

COPY --from=build /opt/venv /opt/venv

# Nothing of the source tree is needed at run time: the packages are in the venv.
WORKDIR /app
USER 10001:10001

EXPOSE 8001 8002 8003 8004

CMD ["python", "-m", "services.members"]
