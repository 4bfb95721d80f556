# syntax=docker/dockerfile:1
#
# Yhteistyöbotti as a container. One image runs both processes:
#   bot:    docker run ... yhteistyobotti                     (node dist/src/main.js, EFFECT_WORKER=off)
#   worker: docker run ... yhteistyobotti node --enable-source-maps dist/src/worker.js
# Configuration comes from the environment (README, Configuration); mount the county's unit
# directory and point UNIT_DIRECTORY_FILE at it. infra/README-admin.md has the details.

# Node 24 LTS, the same release as the node devDependency and .nvmrc (a test keeps them equal).
# Pinned by exact version, not by digest: the registry could not be reached where this was
# written to resolve one. To pin by digest, `docker buildx imagetools inspect
# node:24.21.0-bookworm-slim` and append @sha256:<digest> to both FROM lines.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# --- build: every dependency, TypeScript; compiles dist/ and bundles the tab pages into dist/tab --
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the build output, run as the unprivileged "node" -----
# No TypeScript here: it is only an optional peer of i18next, and --omit=optional leaves it out
# (with it msgpackr's optional native speed-up, which falls back to JavaScript). No dependency
# left has an install script.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Files the app reads from its working directory by default: the feedback questions and the
# example unit directory (replace it: mount the county's file and set UNIT_DIRECTORY_FILE).
COPY infra/feedback-questions.yaml infra/unit-directory.example.yaml ./infra/
# `npm start` runs this first; without sources and TypeScript it starts the prebuilt dist/.
COPY scripts/build-if-checkout.mjs ./scripts/
COPY NOTICE ./
USER node
EXPOSE 3978
# Liveness: the process answers HTTP (Node has fetch; the slim image has no curl).
# The worker serves no HTTP: run it with --no-healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
