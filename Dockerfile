# baimo's container image: the server (dist/), the web console (web/dist/) and production dependencies.
# Used by deploy/docker-compose.yml and the Helm chart in deploy/helm/baimo (docs/scaling.md).
#
#   docker build -t baimo:local .
#   docker run --rm -p 127.0.0.1:4000:4000 -v "$PWD/baimo.yaml:/etc/baimo/baimo.yaml:ro" baimo:local
#
# The mounted baimo.yaml must say `host: 0.0.0.0` (inside a container, loopback is unreachable).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# A compiler, only for the native addons (better-sqlite3) whose prebuilt binary cannot be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
# node-llama-cpp ships prebuilt binaries as optional packages; never compile llama.cpp at install time.
ENV NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
# `npm ci` runs the native addons' install scripts and `prepare`, which is `npm run build` (src/ → dist/).
RUN npm ci --no-audit --no-fund && test -f dist/cli/main.js
COPY web ./web
RUN npm run build:web \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  BAIMO_CONFIG=/etc/baimo/baimo.yaml
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/web/dist ./web/dist
# The code belongs to root and is read-only to the service; only ./data and ./models (SQLite, master.key
# when BAIMO_MASTER_KEY is not set, GGUF files) are writable by the unprivileged `node` user (uid 1000).
RUN mkdir -p /app/data /app/models /etc/baimo && chown node:node /app/data /app/models
USER node
EXPOSE 4000
# Liveness of `serve` on the default port; deploy/docker-compose.yml disables it for `baimo worker`.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=32", "bin/baimo.js", "serve", "--config", "/etc/baimo/baimo.yaml"]
