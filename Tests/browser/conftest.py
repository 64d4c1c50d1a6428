"""One authd and one Chromium for every browser suite (the passkey suite joins them later).

authd runs on the test servers `make test` starts (scripts/with-test-servers.sh): PostgreSQL,
Redis and the SMTP catcher, whose maildir holds the one-time codes. Chromium is Debian's, driven
by chromedriver through selenium; both are installed by `make test-deps`.
"""
import base64
import os
import pathlib
import secrets
import socket
import subprocess
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from authd_client import AuthdClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the browser suites through `make test` (scripts/with-test-servers.sh)", 2)
    return value


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def own_schema(database_url: str, run_id: str) -> str:
    """A schema of the suite's own in the shared test database, as the Swift suites make theirs:
    accounts and authenticator secrets other suites stored under their JWT secret must not meet
    this authd, whose key check would refuse to start on them."""
    schema = f"browser_{run_id}"
    subprocess.run(["psql", "-q", "-X", database_url, "-c", f"CREATE SCHEMA {schema}"], check=True, capture_output=True)
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def authd():
    binary = os.environ.get("AUTHD_BIN") or str(
        pathlib.Path(subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=ROOT, text=True).strip()) / "authd")
    port = free_port()
    run_id = secrets.token_hex(4)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": own_schema(required("AUTH_TEST_DATABASE_URL"), run_id),
        "REDIS_URL": required("AUTH_TEST_REDIS_URL"),
        "SMTP_URL": required("AUTH_TEST_SMTP_URL"),
        "MAIL_FROM": "authd@example.com",
        "JWT_SECRET": "browser-suite-secret-" + secrets.token_hex(16),
        "PUBLIC_URL": f"http://localhost:{port}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        # Every suite signs in from 127.0.0.1; the per-IP route limit is not what they test.
        "RATE_LIMIT": "1000/60s",
        "LOG_LEVEL": "warning",
    }
    subprocess.run([binary, "migrate"], env=env, check=True, capture_output=True)
    log = open(os.environ.get("TEST_SERVERS_DIR", "/tmp") + f"/authd-browser-{run_id}.log", "w")
    process = subprocess.Popen([binary, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.exit(f"authd did not start (see {log.name})", 2)
            time.sleep(0.1)
    client = AuthdClient(base, binary, env, required("AUTH_TEST_SMTP_MAILDIR"))
    client.run_id = run_id
    yield client
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def authd_cli(authd):
    """Runs `authd ARG...` as the suite's authd is configured (same database, keys and settings),
    as a deployer would beside a running server; returns what it printed."""
    def run(*args: str) -> str:
        result = subprocess.run([authd.binary, *args], env=authd.env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"authd {' '.join(args)} exited {result.returncode}: {result.stderr}"
        return result.stdout
    return run


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--disable-gpu", "--no-first-run", "--password-store=basic"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.implicitly_wait(5)
    yield browser
    browser.quit()


@pytest.fixture
def browser(driver, authd):
    """The shared browser with no cookies: each test signs in as whom it needs."""
    driver.get(authd.base_url + "/ui/sign-in")
    driver.delete_all_cookies()
    yield driver
    # A page that broke our own CSP would log a violation: none may.
    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert not violations, violations


@pytest.fixture
def unique():
    """A fresh address per call: the database is shared with the other suites and earlier runs."""
    def make(name: str) -> str:
        return f"{name}-{secrets.token_hex(4)}@example.com"
    return make


def screenshot(driver, name: str) -> None:
    """Writes docs/screenshots/NAME.png, the whole page (the docs show the pages as they are)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 3000), "scale": 1},
    })
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
