"""Apps that sign in through authd with software no one here wrote: Apache httpd and
mod_auth_openidc (Debian's `apache2` and `libapache2-mod-auth-openidc`, from `make test-deps`).

One httpd serves every app, each on a loopback port of its own with its own OpenID client. The
server has its own ServerRoot, configuration, logs and PidFile in a temporary folder; it loads the
modules it needs by path and reads nothing from /etc/apache2. Each app's /protected/ page is a CGI
script that prints what mod_auth_openidc hands an application: the ID token's `sub` and `email`
claims (and `acr`, `amr`) and the app's access and refresh tokens.
"""
import os
import pathlib
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

MODULES = pathlib.Path("/usr/lib/apache2/modules")
HTTPD = shutil.which("apache2") or "/usr/sbin/apache2"

# What the configuration uses, by module name and file (Debian builds only core, so, http_core,
# log_config, logio, version, unixd and watchdog into the binary).
LOADED = [
    ("mpm_event_module", "mod_mpm_event.so"),
    ("authn_core_module", "mod_authn_core.so"),
    ("authz_core_module", "mod_authz_core.so"),
    ("authz_user_module", "mod_authz_user.so"),
    ("mime_module", "mod_mime.so"),
    ("env_module", "mod_env.so"),
    ("alias_module", "mod_alias.so"),
    ("cgid_module", "mod_cgid.so"),
    ("auth_openidc_module", "mod_auth_openidc.so"),
]

# The application: whatever mod_auth_openidc put in the request's environment, HTML-escaped.
PAGE_SCRIPT = """#!/usr/bin/env python3
import html, os
def value(name):
    return html.escape(os.environ.get(name, ""))
print("Content-Type: text/html; charset=utf-8")
print()
print(f'''<!doctype html><title>{value("APP_NAME")}</title>
<h1 id="app">{value("APP_NAME")}</h1>
<dl>
<dt>sub</dt><dd id="sub">{value("OIDC_CLAIM_sub")}</dd>
<dt>email</dt><dd id="email">{value("OIDC_CLAIM_email")}</dd>
<dt>assurance</dt><dd id="acr">{value("OIDC_CLAIM_acr")}</dd>
<dt>factors</dt><dd id="amr">{value("OIDC_CLAIM_amr")}</dd>
<dt>user</dt><dd id="remote-user">{value("REMOTE_USER")}</dd>
<dt>access token</dt><dd id="access-token">{value("OIDC_access_token")}</dd>
<dt>refresh token</dt><dd id="refresh-token">{value("OIDC_refresh_token")}</dd>
</dl>''')
"""

SIGNED_OUT_PAGE = """<!doctype html><title>Signed out</title><h1 id="signed-out">Signed out of {name}</h1>
"""


@dataclass
class App:
    """One protected app: its origin and the OpenID client it signs in as."""
    name: str
    port: int
    first_party: bool = True
    client_name: str = ""
    client_id: str = ""
    client_secret: str = ""

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def redirect_uri(self) -> str:
        return self.url + "/redirect_uri"

    @property
    def protected_url(self) -> str:
        return self.url + "/protected/"

    @property
    def signed_out_url(self) -> str:
        return self.url + "/signed-out.html"

    def logout_url(self, return_to: str | None = None) -> str:
        """mod_auth_openidc's logout: ends the app's session, then sends the browser to the
        provider's end_session_endpoint with the ID token as id_token_hint and `return_to` as
        post_logout_redirect_uri."""
        return self.redirect_uri + "?logout=" + urllib.parse.quote(return_to or self.signed_out_url, safe="")


def configuration(root: pathlib.Path, issuer: str, apps: list[App]) -> str:
    lines = [
        f'ServerRoot "{root}"',
        f'DefaultRuntimeDir "{root}/run"',
        f'PidFile "{root}/run/httpd.pid"',
        f'ErrorLog "{root}/logs/error.log"',
        "LogLevel warn auth_openidc:info",
        'LogFormat "%h \\"%r\\" %>s" short',
        f'CustomLog "{root}/logs/access.log" short',
        "ServerName localhost",
        *(f"LoadModule {name} {MODULES / file}" for name, file in LOADED),
        # Small: two apps, one browser.
        "StartServers 1", "ServerLimit 1", "ThreadsPerChild 16", "MaxRequestWorkers 16",
        "MinSpareThreads 1", "MaxSpareThreads 16",
        f'ScriptSock "{root}/run/cgid.sock"',
        # Only the signed-out pages are files: no system-wide types file.
        f'TypesConfig "{root}/mime.types"',
        "AddType text/html .html",
        # Apache refuses to run its children as root; Debian's unprivileged user reads the folder.
        *(["User www-data", "Group www-data"] if os.geteuid() == 0 else []),
    ]
    for app in apps:
        lines.append(f"Listen 127.0.0.1:{app.port}")
    for app in apps:
        lines += [
            f"<VirtualHost 127.0.0.1:{app.port}>",
            f"  ServerName localhost:{app.port}",
            f'  DocumentRoot "{root}/htdocs/{app.name}"',
            f'  <Directory "{root}/htdocs/{app.name}">',
            "    Require all granted",
            "  </Directory>",
            f"  SetEnv APP_NAME {app.name}",
            f"  OIDCProviderMetadataURL {issuer}/.well-known/openid-configuration",
            f"  OIDCClientID {app.client_id}",
            f"  OIDCClientSecret {app.client_secret}",
            f"  OIDCRedirectURI {app.redirect_uri}",
            f"  OIDCCryptoPassphrase {secrets.token_hex(16)}",
            '  OIDCScope "openid email profile offline_access"',
            "  OIDCPKCEMethod S256",
            # The apps share the host "localhost" (cookies ignore ports): one cookie name each.
            f"  OIDCCookie {app.name}_session",
            "  OIDCCookieSameSite On",
            "  OIDCPassClaimsAs environment",
            f'  ScriptAlias /protected/ "{root}/cgi-bin/page.py"',
            "  <Location /protected/>",
            "    AuthType openid-connect",
            "    Require valid-user",
            "    OIDCPassRefreshToken On",
            "  </Location>",
            "  <Location /redirect_uri>",
            "    AuthType openid-connect",
            "    Require valid-user",
            "  </Location>",
            f'  <Directory "{root}/cgi-bin">',
            "    Require all granted",
            "  </Directory>",
            "</VirtualHost>",
        ]
    return "\n".join(lines) + "\n"


class Apache:
    """httpd serving `apps` against the provider at `issuer`; `start()` returns once every app's
    port answers, `stop()` ends the server by its pid."""

    def __init__(self, issuer: str, apps: list[App]):
        self.issuer = issuer
        self.apps = apps
        # Readable by the unprivileged user the children run as (mkdtemp makes it 0700).
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="authd-apache-"))
        self.root.chmod(0o755)
        self.process: subprocess.Popen | None = None

    @property
    def config_path(self) -> pathlib.Path:
        return self.root / "httpd.conf"

    @property
    def error_log(self) -> pathlib.Path:
        return self.root / "logs" / "error.log"

    def write(self) -> None:
        for folder in ("run", "logs", "cgi-bin"):
            (self.root / folder).mkdir(exist_ok=True)
        (self.root / "mime.types").write_text("")
        script = self.root / "cgi-bin" / "page.py"
        script.write_text(PAGE_SCRIPT)
        script.chmod(0o755)
        for app in self.apps:
            htdocs = self.root / "htdocs" / app.name
            htdocs.mkdir(parents=True, exist_ok=True)
            (htdocs / "signed-out.html").write_text(SIGNED_OUT_PAGE.format(name=app.name))
        for path in self.root.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        self.config_path.write_text(configuration(self.root, self.issuer, self.apps))

    def start(self, timeout: float = 20) -> None:
        missing = [str(path) for path in [pathlib.Path(HTTPD), *(MODULES / file for _, file in LOADED)] if not path.exists()]
        if missing:
            raise RuntimeError(f"missing {', '.join(missing)}: `make test-deps` installs apache2 and libapache2-mod-auth-openidc")
        self.write()
        check = subprocess.run([HTTPD, "-t", "-f", str(self.config_path)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"httpd refused its configuration {self.config_path}: {check.stderr}")
        console = open(self.root / "logs" / "console.log", "w")
        self.process = subprocess.Popen([HTTPD, "-f", str(self.config_path), "-DFOREGROUND"],
                                        stdout=console, stderr=subprocess.STDOUT)
        console.close()
        deadline = time.monotonic() + timeout
        for app in self.apps:
            while True:
                try:
                    with urllib.request.urlopen(app.signed_out_url, timeout=2):
                        break
                except (OSError, urllib.error.HTTPError):
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        self.stop()
                        raise RuntimeError(f"httpd did not start:\n{self.log_tail()}")
                    time.sleep(0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM to the parent stops its children too
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_tail(self, lines: int = 40) -> str:
        text = ""
        for log in (self.root / "logs" / "console.log", self.error_log):
            if log.exists():
                text += f"--- {log}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) + "\n"
        return text

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
