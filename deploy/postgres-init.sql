-- Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d):
-- baimo's tables use pgvector, which the pgvector/pgvector image ships but does not enable.
CREATE EXTENSION IF NOT EXISTS vector;
