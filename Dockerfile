# briefbot as a container: built in one stage, run from plain Node with production
# dependencies only, as an unprivileged user. Configure it with environment variables
# (see .env.example); mount /data for the SQLite store, or set DATABASE_URL to PostgreSQL.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3's native module: prebuilt where one exists, else compiled here.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY scripts/build.mjs scripts/build.mjs
COPY src src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=sqlite:/data/briefbot.db \
    BRIEFINGS_DIR=/app/briefings
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY bin bin
COPY briefings briefings
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# Only when METRICS_PORT is set: /healthz answers 503 naming what is down.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "const p=process.env.METRICS_PORT;if(!p)process.exit(0);fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node itself is PID 1 here and gets SIGTERM from `docker stop`: the bot disconnects and closes its store.
ENTRYPOINT ["node", "bin/briefbot.js"]
CMD ["start"]
