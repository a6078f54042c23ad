# Keygate: one instance per container. See docs/deploy.md (and docker-compose.yml for two
# instances behind nginx with PostgreSQL and Redis).

# --- build: production dependencies, with better-sqlite3's native addon compiled here ---
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to node-gyp when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Node 20 ships npm 10, which ignores package.json's `allowScripts` and runs every install
# script; npm 11 runs only the approved ones (better-sqlite3, esbuild), as `npm ci` does in CI.
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies (vitest, biome, codegen, typescript) are not needed to serve: the sources
# are compiled by esbuild (bin/build.js), which is a dependency.
RUN npm ci --omit=dev --no-audit --no-fund

# --- runtime ---
FROM node:20-bookworm-slim
ENV HOST=0.0.0.0 \
  PORT=4000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
# Compile the sources to one JavaScript file now (node_modules/.cache/keygate): the `node`
# user cannot write there at run time, and the compiled build starts faster and takes about
# 40 MB less memory than running the TypeScript through tsx.
RUN node bin/build.js
# ./data is where SQLite (KEYGATE_DB, one instance only) lives; mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# Liveness only (the process answers); load balancers should use GET /ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself (graceful shutdown, KEYGATE_DRAIN_DELAY_MS).
CMD ["node", "bin/keygate.js", "serve"]
