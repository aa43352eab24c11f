# sms-provider-emulator as a service: DiniSoft BD on 7788 (and TLS on 7790), MiM SMS on 7799, control API on 7780.
# docker build -t sms-provider-emulator . && docker run --rm -p 7788:7788 -p 7799:7799 -p 7790:7790 -p 7780:7780 -v sms-data:/data sms-provider-emulator
# /data keeps the local CA (SMS_EMULATOR_DATA_DIR); for state that survives restarts add -e SMS_EMULATOR_DB=/data/emulator.db (docs/persistence.md).

FROM node:20-bookworm-slim AS build
# better-sqlite3 is a native module: its install fetches a prebuilt binary or, failing that, compiles with these.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts run later: `prepare` builds, and the sources are not copied yet; the native module is built now.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SMS_EMULATOR_HOST=0.0.0.0 \
    SMS_EMULATOR_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY fixtures/scenarios ./fixtures/scenarios
# /data belongs to the runtime user, so a named volume mounted there is writable.
RUN ln -s /app/dist/cli.js /usr/local/bin/sms-emulator && chmod +x /app/dist/cli.js && mkdir -p /data && chown node:node /data
USER node
EXPOSE 7788 7799 7790 7780
# healthcheck finds the control port the way start reads it (SMS_EMULATOR_CONTROL_PORT), or where the
# running start says it listens: a --control-port given to `docker run ... start` keeps it healthy.
# /api/health needs no control token.
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["sms-emulator", "healthcheck"]
# The exec form makes the emulator PID 1: SIGTERM from `docker stop` reaches it and it shuts down gracefully.
ENTRYPOINT ["sms-emulator"]
CMD ["start"]
