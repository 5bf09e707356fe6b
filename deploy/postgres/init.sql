-- Runs once, when the postgres data volume is empty (docker-entrypoint-initdb.d),
-- as the superuser POSTGRES_USER (cppcc). One database per service (ARCHITECTURE.md §5):
-- a service never reads another service's tables; it reads the other's events instead.
CREATE DATABASE members;
CREATE DATABASE proposals;
CREATE DATABASE consultation;
CREATE DATABASE notifications;

-- Only the owner (cppcc) may connect; nothing else is granted to PUBLIC.
REVOKE ALL ON DATABASE members FROM PUBLIC;
REVOKE ALL ON DATABASE proposals FROM PUBLIC;
REVOKE ALL ON DATABASE consultation FROM PUBLIC;
REVOKE ALL ON DATABASE notifications FROM PUBLIC;
