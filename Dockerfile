# syntax=docker/dockerfile:1
# Build a static factline binary, then ship it on one of two images:
#   docker build -t factline .                         slim Debian with Tesseract: reads pictures (the default)
#   docker build --target static -t factline:static .  the binary alone on distroless: pictures are refused
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/factline ./cmd/factline && mkdir -p /out/data

# The small image: the static binary alone, no shell, no Tesseract.
FROM gcr.io/distroless/static-debian12:nonroot AS static
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

# The default image: the same binary on slim Debian with Tesseract OCR and the fact base's
# languages, so questions sent as pictures (memes, screenshots) are read. factline runs
# tesseract as a separate process; the binary stays static.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 65532 --no-create-home --shell /usr/sbin/nologin nonroot
COPY --from=build /out/factline /factline
COPY --from=build --chown=65532:65532 /out/data /data
ENV FACTLINE_HTTP_ADDR=:8080 \
    FACTLINE_DATA_DIR=/data \
    FACTLINE_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s CMD ["/factline", "healthcheck"]
ENTRYPOINT ["/factline"]
CMD ["serve"]
