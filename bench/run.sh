#!/usr/bin/env bash
# One profile update, three ways, against a loopback nginx (HTTP, and HTTPS with a test CA made
# here): twprofile, curl sending a pre-signed request, and a Python requests-oauthlib script.
# Prints one table of medians and ratios, max RSS, start-up beside a hello world, binary size,
# and apply of many files against a stand-in for the API at a distance (bench/latency.py).
#
#   bench/run.sh                  # the whole table
#   BENCH_RUNS=200 bench/run.sh   # more runs per command (default 100)
#   BENCH_CLEAN_BUILD=1 bench/run.sh   # also time `cargo build --release` from clean
#   BENCH_BIN=path/to/twprofile bench/run.sh   # measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${BENCH_RUNS:-100}

# --- tools ------------------------------------------------------------------------------------
missing=()
for tool in hyperfine nginx openssl curl python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    pkgs=()
    for tool in "${missing[@]}"; do
      case $tool in
        nginx) pkgs+=(nginx-light) ;;
        python3) pkgs+=(python3 python3-venv) ;;
        *) pkgs+=("$tool") ;;
      esac
    done
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else
    echo "bench/run.sh needs: ${missing[*]} (Debian: apt-get install hyperfine nginx-light openssl curl time python3)" >&2
    exit 1
  fi
fi
nginx_bin=$(command -v nginx)
venv="$root/target/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import requests_oauthlib' 2>/dev/null; then
  "$venv/bin/pip" install -q requests-oauthlib
fi
python="$venv/bin/python"

# --- the binary -------------------------------------------------------------------------------
if [ "${BENCH_CLEAN_BUILD:-0}" = 1 ]; then
  build_dir=$(mktemp -d)
  start=$(date +%s%N)
  CARGO_TARGET_DIR="$build_dir" cargo build --release --locked -q
  build_secs=$(( ($(date +%s%N) - start) / 1000000000 ))
  rm -rf "$build_dir"
fi
if [ -n "${BENCH_BIN:-}" ]; then
  bin=$(realpath "$BENCH_BIN")   # compare another build of twprofile
else
  cargo build --release --locked -q
  bin="$root/target/release/twprofile"
fi

# --- a loopback server ------------------------------------------------------------------------
work=$(mktemp -d)
cleanup() {
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
https_port=$(free_port)

# A test CA and a certificate for 127.0.0.1, made now and thrown away after.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj "/CN=twprofile bench CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=127.0.0.1" -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$work/ext.cnf"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
  -CAcreateserial -days 1 -extfile "$work/ext.cnf" -out "$work/server.pem" 2>/dev/null

user_json='{"id":6253282,"id_str":"6253282","name":"Alice","screen_name":"alice","location":"Berlin","description":"Benchmarking twprofile","url":null,"entities":{"description":{"urls":[]}},"protected":false,"followers_count":1234,"friends_count":56,"created_at":"Wed May 23 06:01:13 +0000 2007","verified":false}'
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$http_port;
    listen 127.0.0.1:$https_port ssl;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    location / {
      default_type application/json;
      return 200 '$user_json';
    }
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -p "$work" 2>/dev/null
for _ in $(seq 50); do [ -f "$work/nginx.pid" ] && break; sleep 0.1; done

# A Rust hello world built with the release profile's settings, for start-up to be measured
# against (before HOME moves, which rustup needs).
printf 'fn main() { println!("twprofile 0.1.0"); }\n' > "$work/hello.rs"
rustc --edition 2021 -C opt-level=s -C codegen-units=1 -C panic=abort -C strip=symbols \
  -o "$work/hello" "$work/hello.rs"

# --- what each contender runs -----------------------------------------------------------------
export TWPROFILE_CONSUMER_KEY=xvz1evFS4wEEPTGEFPHBog
export TWPROFILE_CONSUMER_SECRET=kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw
export TWPROFILE_ACCESS_TOKEN=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb
export TWPROFILE_ACCESS_TOKEN_SECRET=LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE
export HOME="$work"   # no config file: credentials come from the environment, as in CI
path=/1.1/account/update_profile.json
body='description=Benchmarking%20twprofile'
# A real signed header of the same length as the ones twprofile sends; nginx does not check it.
auth='OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog",oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",oauth_signature_method="HMAC-SHA1",oauth_timestamp="1318622958",oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",oauth_version="1.0",oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D"'

# Every command runs without a wrapper (`env` would add an exec to the time); the base URL and
# the test CA come from the environment of each run instead. The test CA reaches twprofile
# through SSL_CERT_FILE, as a corporate CA would, and Python through REQUESTS_CA_BUNDLE; curl is
# given it with --cacert. Plain HTTP runs get no such variable, as a user's shell would not.
tw="$bin --description 'Benchmarking twprofile'"
cu() { echo "curl -s -o /dev/null --fail --cacert $work/ca.pem -X POST -H 'Authorization: $auth' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary $body $1$path"; }
py="$python $root/bench/peer.py 'Benchmarking twprofile'"
# `apply` of a profile file that matches nginx's canned user: one read, nothing sent.
printf 'name = "Alice"\nurl = ""\nlocation = "Berlin"\ndescription = "Benchmarking twprofile"\n' > "$work/profile.toml"
ap="$bin apply $work/profile.toml"
# The same profile as templates a bot would write: the zone loaded, the user's counts and dates
# read, a managed section with nothing playing, an env default. Also in sync: one read.
cat > "$work/templated.toml" <<'TOML'
timezone = "Europe/Berlin"
name = "{{ 'Alice' if days_since(user.created_at) > 0 and user.followers_count | compact == '1.2K' }}"
url = "{{ env.BENCH_URL | default('') }}"
location = "{{ rotate(['Berlin'], every='week') }}"
description = "{{ user.description | section('🎵', env.NOW_PLAYING | default('')) | fit }}"
TOML
tp="$bin apply $work/templated.toml"
# Trust-store variables a machine may carry (this one sets several) are cleared, so that every
# contender reads exactly the one test CA and nothing else.
unset SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE REQUESTS_CA_BUNDLE
over_http() { env TWPROFILE_API_BASE="$http" "$@"; }
over_https() { env TWPROFILE_API_BASE="$https" SSL_CERT_FILE="$work/ca.pem" REQUESTS_CA_BUNDLE="$work/ca.pem" "$@"; }

http="http://127.0.0.1:$http_port"
https="https://127.0.0.1:$https_port"
# Each must work before it is timed.
over_http sh -c "$tw" >/dev/null
over_https sh -c "$tw" >/dev/null
over_http sh -c "$(cu "$http")"
over_https sh -c "$(cu "$https")"
over_http sh -c "$py" >/dev/null
over_http sh -c "$ap" | grep -q 'is in sync' || { echo "apply of the bench profile is not in sync" >&2; exit 1; }
over_http sh -c "$tp" | grep -q 'is in sync' || { echo "apply of the templated profile is not in sync" >&2; exit 1; }

median() { "$python" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join(str(x["median"]) for x in r))' "$1"; }
time_pair() {  # wrapper, name, command A, command B, runs -> "medianA medianB"
  "$1" hyperfine -N --warmup 5 --runs "$5" --export-json "$work/$2.json" "$3" "$4" >/dev/null 2>&1
  median "$work/$2.json"
}
read -r tw_http curl_http < <(time_pair over_http http "$tw" "$(cu "$http")" "$runs")
read -r tw_https curl_https < <(time_pair over_https https "$tw" "$(cu "$https")" "$runs")
py_runs=$(( runs / 5 > 10 ? runs / 5 : 10 ))
read -r tw_py py_http < <(time_pair over_http python "$tw" "$py" "$py_runs")
read -r ap_http tw_http_ap < <(time_pair over_http apply "$ap" "$tw" "$runs")
read -r tp_http ap_http_tp < <(time_pair over_http templated "$tp" "$ap" "$runs")
# Start-up beside the Rust hello world (built above), in one run.
hyperfine -N --warmup 20 --runs "$(( runs * 3 ))" --export-json "$work/start.json" \
  "$work/hello" "$bin --version" "$bin --help" >/dev/null 2>&1
read -r hello version help < <(median "$work/start.json")

# --- many accounts at a distance --------------------------------------------------------------
# bench/latency.py answers each request after one round trip, and the first on a connection
# after two more (TCP and TLS); N accounts, each with a profile file one field out of sync.
many() {  # dir, n, port
  mkdir -p "$1"
  "$python" - "$1" "$2" "$3" <<'PY'
import os, sys
d, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
config = [f'api_base = "http://127.0.0.1:{port}"']
for i in range(n):
    config.append(f'[accounts.user{i}]\nconsumer_key = "ck-bench"\nconsumer_secret = "cs-bench"\n'
                  f'access_token = "{7000000 + i}-tok{i}"\naccess_token_secret = "ats-{i}"\n')
    with open(os.path.join(d, f"p{i:04}.toml"), "w") as f:
        f.write(f'account = "user{i}"\nname = "User {i}"\n')
path = os.path.join(d, "config.toml")
with open(path, "w") as f:
    f.write("\n".join(config))
os.chmod(path, 0o600)
PY
}
lat_port=$(free_port)
lat0_port=$(free_port)
"$python" "$root/bench/latency.py" "$lat_port" 40 & lat_pid=$!
"$python" "$root/bench/latency.py" "$lat0_port" 1 & lat0_pid=$!
trap 'kill $lat_pid $lat0_pid 2>/dev/null; cleanup' EXIT
many "$work/many40" 40 "$lat_port"
many "$work/many250" 250 "$lat0_port"
many "$work/many1000" 1000 "$lat0_port"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$lat_port/stats" >/dev/null && curl -sf "http://127.0.0.1:$lat0_port/stats" >/dev/null && break; sleep 0.1; done
no_env() { env -u TWPROFILE_ACCESS_TOKEN -u TWPROFILE_ACCESS_TOKEN_SECRET -u TWPROFILE_CONSUMER_KEY -u TWPROFILE_CONSUMER_SECRET TWPROFILE_CONFIG="$1/config.toml" "${@:2}"; }
files40=$(printf '%s ' "$work"/many40/p*.toml)
loop40="sh -c 'for f in $files40; do $bin apply -q \$f; done'"
connections() {  # command -> connections it opened (one run)
  curl -sf -X POST "http://127.0.0.1:$lat_port/stats/reset" >/dev/null
  no_env "$work/many40" sh -c "$1" >/dev/null
  curl -sf "http://127.0.0.1:$lat_port/stats" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["connections"] - 1)'
}
conn_loop=$(connections "$loop40")
conn_j4=$(connections "$bin apply -q $files40")
conn_j8=$(connections "$bin apply -q --jobs 8 $files40")
no_env "$work/many40" hyperfine -N --warmup 1 --runs 5 --export-json "$work/many40.json" \
  "$loop40" "$bin apply -q $files40" "$bin apply -q --jobs 8 $files40" >/dev/null 2>&1
read -r t_loop t_j4 t_j8 < <(median "$work/many40.json")
big() {  # dir -> "seconds KiB": hyperfine's median of 7 runs (/usr/bin/time counts only
  # hundredths, a tenth of the 250-file time), and the largest peak RSS of 3
  local files kib worst=0
  files=$(cd "$1" && printf "$1/%s " p*.toml)
  no_env "$1" hyperfine -N --warmup 1 --runs 7 --export-json "$1.json" \
    "$bin apply -q --jobs 8 $files" >/dev/null 2>&1
  for _ in 1 2 3; do
    kib=$(no_env "$1" sh -c "exec /usr/bin/time -f %M $bin apply -q --jobs 8 $files" 2>&1 >/dev/null | tail -1)
    [ "$kib" -gt "$worst" ] && worst=$kib
  done
  echo "$(median "$1.json") $worst"
}
read -r t250 _ < <(big "$work/many250")
read -r t1000 rss1000 < <(big "$work/many1000")

max_rss() {  # wrapper, command -> KiB, the largest of 5 runs
  local worst=0 kib
  for _ in 1 2 3 4 5; do
    kib=$("$1" sh -c "exec /usr/bin/time -f %M $2" 2>&1 >/dev/null | tail -1)
    [ "$kib" -gt "$worst" ] && worst=$kib
  done
  echo "$worst"
}
rss_http=$(max_rss over_http "$tw")
rss_https=$(max_rss over_https "$tw")
rss_curl=$(max_rss over_https "$(cu "$https")")
rss_py=$(max_rss over_http "$py")
size=$(stat -c %s "$bin")

"$python" - "$tw_http" "$curl_http" "$tw_https" "$curl_https" "$tw_py" "$py_http" "$help" \
  "$ap_http" "$tw_http_ap" "$tp_http" "$ap_http_tp" "$rss_http" "$rss_https" "$rss_curl" "$rss_py" "$size" \
  "$hello" "$version" "$t_loop" "$t_j4" "$t_j8" "$conn_loop" "$conn_j4" "$conn_j8" \
  "$t250" "$t1000" "$rss1000" "${build_secs:-}" <<'PY'
import sys
(tw_http, curl_http, tw_https, curl_https, tw_py, py_http, help_s, ap_http, tw_http_ap,
 tp_http, ap_http_tp, rss_http, rss_https, rss_curl, rss_py, size, hello, version, t_loop, t_j4,
 t_j8, conn_loop, conn_j4, conn_j8, t250, t1000, rss1000, build) = sys.argv[1:]
f = float
ms = lambda s: f"{f(s) * 1000:.2f} ms"
mib = lambda k: f"{int(k) / 1024:.1f} MiB"
rows = [
    ("update, loopback HTTP", ms(tw_http), f"curl {ms(curl_http)}",
     f"{f(tw_http) / f(curl_http):.2f} x curl", "<= 0.5 x curl", f(tw_http) / f(curl_http) <= 0.5),
    ("update, loopback HTTPS", ms(tw_https), f"curl {ms(curl_https)}",
     f"{f(tw_https) / f(curl_https):.2f} x curl", "<= 1.0 x curl", f(tw_https) / f(curl_https) <= 1.0),
    ("update vs Python requests-oauthlib", ms(tw_py), f"python {ms(py_http)}",
     f"{f(py_http) / f(tw_py):.1f} x faster", ">= 30 x faster", f(py_http) / f(tw_py) >= 30),
    ("apply, in sync (one read), loopback HTTP", ms(ap_http), f"update {ms(tw_http_ap)}",
     f"{f(ap_http) / f(tw_http_ap):.2f} x update", "<= 1.5 x update", f(ap_http) / f(tw_http_ap) <= 1.5),
    ("apply of templates, in sync (one read), loopback HTTP", ms(tp_http), f"plain apply {ms(ap_http_tp)}",
     f"{f(tp_http) / f(ap_http_tp):.2f} x plain", "<= 1.1 x plain", f(tp_http) / f(ap_http_tp) <= 1.1),
    ("peak RSS, update over HTTP", mib(rss_http), f"curl {mib(rss_curl)} (HTTPS)", "", "<= 8 MiB", int(rss_http) <= 8 * 1024),
    ("peak RSS, update over HTTPS", mib(rss_https), f"python {mib(rss_py)}", "", "<= 8 MiB", int(rss_https) <= 8 * 1024),
    ("twprofile --version", ms(version), f"hello world {ms(hello)}",
     f"{f(version) / f(hello):.2f} x hello", "<= 1.2 x hello", f(version) / f(hello) <= 1.2),
    ("twprofile --help", ms(help_s), f"hello world {ms(hello)}",
     f"{f(help_s) / f(hello):.2f} x hello", "<= 1.5 x hello", f(help_s) / f(hello) <= 1.5),
    ("apply 40 files, 40 ms RTT, --jobs 4 (default)", f"{f(t_j4):.2f} s, {conn_j4} conn.",
     f"loop of 40 processes {f(t_loop):.2f} s, {conn_loop} conn.", f"{f(t_j4) / f(t_loop):.2f} x loop",
     "<= 0.3 x loop, <= 5 conn.", f(t_j4) / f(t_loop) <= 0.3 and int(conn_j4) <= 5),
    ("apply 40 files, 40 ms RTT, --jobs 8", f"{f(t_j8):.2f} s, {conn_j8} conn.",
     f"loop {f(t_loop):.2f} s", f"{f(t_j8) / f(t_loop):.2f} x loop",
     "<= 0.15 x loop, <= 9 conn.", f(t_j8) / f(t_loop) <= 0.15 and int(conn_j8) <= 9),
    ("apply 1000 files, 1 ms RTT, --jobs 8", f"{f(t1000):.2f} s, {mib(rss1000)}",
     f"250 files {f(t250):.2f} s", f"{f(t1000) / f(t250):.2f} x 250 files",
     "<= 4.4 x 250 files, <= 16 MiB", f(t1000) / f(t250) <= 4.4 and int(rss1000) <= 16 * 1024),
    ("release binary, stripped", f"{int(size) / 1048576:.2f} MiB", "", "", "<= 6 MiB", int(size) <= 6 * 1048576),
]
if build:
    rows.append(("cargo build --release, clean", f"{f(build):.0f} s", "", "", "< 180 s", f(build) < 180))
head = ("what", "twprofile", "reference", "ratio", "target", "met")
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for r in rows:
    print("| " + " | ".join(r[:5]) + " | " + ("yes" if r[5] else "**no**") + " |")
PY
