# syntax=docker/dockerfile:1
# Registrar: one image for the server and the `registrar` command line.
# Not built on the machine this was written on (no Docker daemon there); see docs/DEPLOYMENT.md.

# ---- build: dependencies with their native parts, the server (tsc) and the console (Vite) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Scripts off for the install (the package's `prepare` builds, and the sources are not here yet), then
# the native modules are built explicitly.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev

# ---- run: Node, the build output and production dependencies only, as an unprivileged user ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    REGISTRAR_DATA_DIR=/var/lib/registrar
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# The code belongs to root and cannot be changed by the server; only the data directory is writable
# (SQLite lives there, and the session secret when REGISTRAR_SESSION_SECRET is not set).
RUN mkdir -p /var/lib/registrar \
 && chown node:node /var/lib/registrar \
 && ln -s /app/bin/registrar.js /usr/local/bin/registrar
USER node
VOLUME ["/var/lib/registrar"]
EXPOSE 3000
# Ready: the database answers and the schema is current.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrates at start, then serves; SIGTERM stops it gracefully (jobs handed back, connections closed).
CMD ["node", "dist/server/main.js"]
