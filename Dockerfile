# syntax=docker/dockerfile:1
# vm-backup-bot: the built bot (dist/) on the official Node LTS slim image, production
# dependencies only, as the non-root user `node`, with a read-only root filesystem possible:
# DATA_DIR (/data) is the one path it writes. See the README's "Deploy" section.
#
# CI cannot pull this base image; test/integration/production/ runs the same start command and
# environment from a production install and names the lines below that it mirrors (keep them
# in step: test/unit/deploy/dockerfile.test.ts fails when one of them changes).

# better-sqlite3's install downloads its prebuilt binary for this Node; where that download is
# blocked, add `RUN apt-get update && apt-get install -y python3 make g++` before each `npm ci`
# so it builds from source.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY adapters adapters
COPY cards cards
COPY emulator emulator
COPY scripts scripts
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
ENV HOST=0.0.0.0
ENV PORT=3978
ENV DATA_DIR=/data
ENV PLAYGROUND=false
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json package-lock.json ./
COPY vendor/azure-rest-examples/specs vendor/azure-rest-examples/specs
COPY emulator/specs/resources emulator/specs/resources
COPY playground playground
COPY manifest manifest
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
