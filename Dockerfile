# syntax=docker/dockerfile:1
# Build a static factline binary, then ship it alone on a distroless, non-root image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/factline ./cmd/factline && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/factline /factline
# A data folder the non-root user owns, so a fresh volume mounted there is writable.
COPY --from=build --chown=65532:65532 /out/data /data
# The web page and API listen on all interfaces inside the container; the store lives in /data.
ENV FACTLINE_HTTP_ADDR=:8080 \
    FACTLINE_DATA_DIR=/data \
    FACTLINE_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s CMD ["/factline", "healthcheck"]
ENTRYPOINT ["/factline"]
CMD ["serve"]
