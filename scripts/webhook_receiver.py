#!/usr/bin/env python3
"""A webhook receiver built on `standardwebhooks` (PyPI), the Standard Webhooks specification's
own library, for the tests of docs/webhooks.md: authd's signatures are checked by code that is
not ours.

usage: webhook_receiver.py SECRET LOGFILE [PORT]

SECRET is the endpoint's whsec_ secret, or @PATH of a file holding it (read at each request, so
the receiver can start before the endpoint, and its secret, exist).

Listens on 127.0.0.1:PORT (0 or absent: a free port), prints "listening on <port>" once ready,
and answers every POST 204 when `Webhook(SECRET).verify` accepts it, else 400 with the reason.
Each request is appended to LOGFILE as one JSON line:
{"webhook_id", "timestamp", "signature", "body", "ok", "error", "type", "data"}.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

SECRET, LOGFILE = sys.argv[1], sys.argv[2]
PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 0
lock = threading.Lock()


def webhook():
    if SECRET.startswith("@"):
        with open(SECRET[1:]) as f:
            return Webhook(f.read().strip())
    return Webhook(SECRET)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        entry = {
            "webhook_id": headers.get("webhook-id"), "timestamp": headers.get("webhook-timestamp"),
            "signature": headers.get("webhook-signature"), "body": body.decode("utf-8", "replace"),
        }
        try:
            payload = webhook().verify(body, headers)
            entry.update(ok=True, error=None, type=payload.get("type"), data=payload.get("data"))
            status = 204
        except Exception as error:  # WebhookVerificationError, or a body that is not JSON
            entry.update(ok=False, error=str(error), type=None, data=None)
            status = 400
        with lock, open(LOGFILE, "a") as log:
            log.write(json.dumps(entry) + "\n")
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
