"""A stand-in for the API at a distance, for `apply` of many files (bench/run.sh).

Every request waits one round trip (RTT) before its answer; the first request on a new
connection waits two more, the TCP and TLS handshakes a real connection to the API costs.
`GET /1.1/account/verify_credentials.json` answers with a user whose numeric id and handle come
from the access token (`7000000-tok3` is `user3`), so that each account is its own user;
`POST /1.1/account/update_profile.json` answers with that user, changed. `GET /stats` says how
many connections were opened, and `POST /stats/reset` starts the count again.

    python3 bench/latency.py PORT RTT_MS
"""

import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
RTT = float(sys.argv[2]) / 1000
lock = threading.Lock()
connections = 0


def user(token, **changed):
    number = token.split("-", 1)[0] if re.fullmatch(r"\d+-\S+", token) else "0"
    index = int(number) - 7000000
    return {
        "id": int(number),
        "id_str": number,
        "screen_name": f"user{index}",
        "name": "Old name",
        "location": "Berlin",
        "description": "Benchmarking twprofile",
        "url": None,
        "entities": {"description": {"urls": []}},
        "followers_count": 1234,
        "created_at": "Wed May 23 06:01:13 +0000 2007",
        **changed,
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as they are written, as from a real server: no 40 ms wait for a
    # delayed ACK between the two.
    disable_nagle_algorithm = True

    def setup(self):
        global connections
        super().setup()
        with lock:
            connections += 1
        self.fresh = True

    def log_message(self, *args):
        pass

    def wait(self):
        time.sleep(RTT * (3 if self.fresh else 1))
        self.fresh = False

    def token(self):
        header = self.headers.get("Authorization", "")
        found = re.search(r'oauth_token="([^"]*)"', header)
        return urllib.parse.unquote(found.group(1)) if found else ""

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                return self.answer({"connections": connections})
        self.wait()
        self.answer(user(self.token()))

    def do_POST(self):
        global connections
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if self.path == "/stats/reset":
            with lock:
                connections = 0
            return self.answer({})
        self.wait()
        changed = {k: v[0] for k, v in form.items() if k in ("name", "location", "description", "url")}
        self.answer(user(self.token(), **changed))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


Server(("127.0.0.1", PORT), Handler).serve_forever()
