# A static twprofile in an empty image: no shell, no libc, no CA bundle (the Mozilla roots are
# compiled in). Build: docker build -t twprofile .   Run: docker run --rm -e TWPROFILE_... twprofile show
FROM rust:1.89-alpine3.22 AS build
# musl-dev gives the C runtime that the static link needs (ring builds C and assembly).
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
 && install -D -m 755 target/release/twprofile /out/usr/local/bin/twprofile \
 && install -d -m 700 /out/home/twprofile

# For CI systems that run a shell script in the job's image (GitLab CI): the same binary on
# Alpine. Build it with --target ci.
FROM alpine:3.22 AS ci
COPY --from=build /out/usr/local/bin/twprofile /usr/local/bin/twprofile
RUN adduser -D -u 65532 twprofile
USER 65532:65532
ENTRYPOINT ["twprofile"]

# The default image: nothing but the binary.
FROM scratch
COPY --from=build /out/usr/local/bin/twprofile /usr/local/bin/twprofile
# A home the non-root user owns: the config and apply's state file live under it (mount a
# volume there, or set TWPROFILE_STATE, to keep the state between runs).
COPY --from=build --chown=65532:65532 /out/home/twprofile /home/twprofile
ENV HOME=/home/twprofile
USER 65532:65532
ENTRYPOINT ["twprofile"]
