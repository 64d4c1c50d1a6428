"""What an attacker tries against the pages: a non-admin on /admin/, a form from another site,
framing; and what every page must send."""
import http.server
import threading

from selenium.webdriver.common.by import By

from pages import click, sign_in, text


def cookie_header(driver) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def test_a_non_admin_gets_403_on_every_admin_page_and_route(browser, authd, unique):
    eve = unique("eve")
    token = authd.register(eve)
    sign_in(browser, authd, eve)
    browser.get(authd.base_url + "/admin/")
    assert "403" in browser.find_element(By.TAG_NAME, "h1").text
    me = authd.me(token).json()["user"]["id"]
    cookies = cookie_header(browser)
    for path in ["/admin/", "/admin/users", f"/admin/users/{me}", "/admin/audit"]:
        assert authd.request("GET", path, headers={"Cookie": cookies}).status == 403, path
    for method, path in [("GET", "/api/v1/admin/users"), ("GET", f"/api/v1/admin/users/{me}"),
                         ("GET", f"/api/v1/admin/users/{me}/sessions"), ("POST", f"/api/v1/admin/users/{me}/ban"),
                         ("GET", "/api/v1/admin/audit"), ("GET", "/api/v1/admin/stats")]:
        assert authd.request(method, path, token=token).status == 403, path
        # The browser's cookie is no key to the JSON API at all.
        assert authd.request(method, path, headers={"Cookie": cookies}).status == 401, path


def test_a_cross_site_form_without_the_csrf_token_is_refused(browser, authd, unique):
    frank = unique("frank")
    other = authd.register(frank)
    sign_in(browser, authd, frank)

    # Another origin serves a page that posts to the account page as soon as it loads.
    target = authd.base_url + "/ui/account/sessions/revoke-others"
    page = (f'<form id="f" method="post" action="{target}"><input name="x" value="1"></form>'
            '<script>document.getElementById("f").submit()</script>').encode()

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://localhost:{server.server_address[1]}/")
        browser.find_element(By.TAG_NAME, "h1")  # the answer to the forged post has loaded
        assert browser.current_url == target
        assert "403" in browser.find_element(By.TAG_NAME, "h1").text
    finally:
        server.shutdown()
    assert authd.me(other).status == 200  # the other session was not signed out
    browser.get(authd.base_url + "/ui/account")
    assert "Signed-in devices" in text(browser)  # and this browser is still signed in


def test_pages_send_the_policy_and_refuse_framing(authd):
    for path in ["/ui/sign-in", "/ui/sign-up", "/ui/reset", "/ui/account", "/admin/", "/ui/assets/style.css"]:
        r = authd.request("GET", path)
        csp = r.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert r.headers.get("X-Frame-Options") == "DENY", path
