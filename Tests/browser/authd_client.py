"""A small client for the authd the browser suites share: its JSON API, the test mail server's
maildir (for one-time codes), TOTP codes, and `authd admin grant`. Standard library only."""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import re
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "correct horse battery"


def totp(secret: str, step_offset: int = 0, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s) for a base32 secret, `step_offset` steps from now."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30) + step_offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode() or "null")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AuthdClient:
    def __init__(self, base_url: str, binary: str, env: dict, maildir: str):
        self.base_url = base_url
        self.binary = binary
        self.env = env
        self.maildir = pathlib.Path(maildir)
        self.read_mail: set[str] = set()
        self.opener = urllib.request.build_opener(NoRedirect)

    # --- HTTP -------------------------------------------------------------------------------
    def request(self, method, path, body=None, token=None, headers=None, form=None) -> Response:
        data = None
        all_headers = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=all_headers)
        try:
            with self.opener.open(req, timeout=30) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    # --- mail -------------------------------------------------------------------------------
    def code_for(self, email: str) -> str:
        """The code of the first unread mail to `email` (waits up to 30 s for it to arrive)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for path in sorted(self.maildir.glob("*.eml")):
                # A name starting with "." is a message still being written (the catcher renames
                # it when complete); it can vanish between the listing and the read.
                if path.name in self.read_mail or path.name.startswith("."):
                    continue
                try:
                    text = path.read_text(errors="replace")
                except FileNotFoundError:
                    continue
                if f"X-Test-Envelope-To: {email}" not in text:
                    continue
                self.read_mail.add(path.name)
                match = re.search(r"^    (\d{6})\r?$", text, re.MULTILINE)
                if match:
                    return match.group(1)
            time.sleep(0.1)
        raise AssertionError(f"no mail with a code reached {email}")

    # --- accounts ---------------------------------------------------------------------------
    def register(self, email: str, headers=None) -> str:
        """Signs up and verifies `email`; returns the verification's session token."""
        r = self.request("POST", "/api/v1/auth/sign-up", {"email": email, "password": PASSWORD}, headers=headers)
        assert r.status == 201, r.body
        challenge = r.json()["verification_id"]
        r = self.request("POST", "/api/v1/auth/verify-email", {"token_id": challenge, "code": self.code_for(email)}, headers=headers)
        assert r.status == 200, r.body
        return r.json()["token"]

    def sign_in(self, email: str, headers=None) -> Response:
        return self.request("POST", "/api/v1/auth/sign-in/credentials", {"email": email, "password": PASSWORD}, headers=headers)

    def token(self, email: str, headers=None) -> str:
        r = self.sign_in(email, headers=headers)
        assert r.status == 200, r.body
        return r.json()["token"]

    def me(self, token: str) -> Response:
        return self.request("GET", "/api/v1/auth/me", token=token)

    def enrol_totp(self, token: str) -> str:
        """Adds an authenticator app; returns its secret. The confirmation uses the previous time
        step's code, so a sign-in right after can use the current one (a step counts once)."""
        r = self.request("POST", "/api/v1/auth/mfa/totp", {"name": "Phone"}, token=token)
        assert r.status == 200, r.body
        secret, enrolment = r.json()["secret"], r.json()["id"]
        r = self.request("POST", "/api/v1/auth/mfa/totp/confirm", {"id": enrolment, "code": totp(secret, -1)}, token=token)
        assert r.status == 200, r.body
        return secret

    def grant_admin(self, email: str) -> None:
        """`authd admin grant EMAIL` against the shared database."""
        subprocess.run([self.binary, "admin", "grant", email], env=self.env, check=True, capture_output=True)
