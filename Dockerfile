# syntax=docker/dockerfile:1
#
# Yhteistyöbotti as a container. One image runs both processes:
#   bot:    docker run ... yhteistyobotti                     (node dist/src/main.js, EFFECT_WORKER=off)
#   worker: docker run ... yhteistyobotti node --enable-source-maps dist/src/worker.js
# Configuration comes from the environment (README, Configuration); mount the county's unit
# directory and point UNIT_DIRECTORY_FILE at it. infra/README-admin.md has the details.

ARG NODE_VERSION=20

# --- build: every dependency, TypeScript (and whatever else `npm run build` grows) -------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the build output, run as the unprivileged "node" -----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Files the app reads from its working directory by default: the feedback questions and the
# example unit directory (replace it: mount the county's file and set UNIT_DIRECTORY_FILE).
COPY infra/feedback-questions.yaml infra/unit-directory.example.yaml ./infra/
USER node
EXPOSE 3978
# Liveness: the process answers HTTP (Node 20 has fetch; the slim image has no curl).
# The worker serves no HTTP: run it with --no-healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
