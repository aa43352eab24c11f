# sms-provider-emulator as a service: DiniSoft BD on 7788 (and TLS on 7790), MiM SMS on 7799, control API on 7780.
# docker build -t sms-provider-emulator . && docker run --rm -p 7788:7788 -p 7799:7799 -p 7790:7790 -p 7780:7780 -v sms-data:/data sms-provider-emulator

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts run later: `prepare` builds, and the sources are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SMS_EMULATOR_HOST=0.0.0.0 \
    SMS_EMULATOR_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures/scenarios ./fixtures/scenarios
RUN ln -s /app/dist/cli.js /usr/local/bin/sms-emulator && chmod +x /app/dist/cli.js \
    && mkdir -p /data && chown node:node /data
USER node
# The local CA lives here: a volume keeps it, so the ca.pem clients trust stays valid.
VOLUME /data
EXPOSE 7788 7799 7790 7780
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["sms-emulator", "healthcheck"]
ENTRYPOINT ["sms-emulator"]
CMD ["start"]
