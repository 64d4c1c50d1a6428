"""An operator at night: find the user, end the stolen session, ban, and read the audit log."""
from selenium.webdriver.common.by import By

from conftest import screenshot
from pages import click, session_rows, sign_in, text


def make_admin(authd, unique):
    """A verified admin (granted with `authd admin grant`) with an authenticator app."""
    email = unique("admin")
    token = authd.register(email)
    secret = authd.enrol_totp(token)
    authd.grant_admin(email)
    return email, secret


def test_an_admin_revokes_a_session_bans_the_user_and_the_audit_log_names_the_admin(browser, authd, unique):
    admin, secret = make_admin(authd, unique)
    bob = unique("bob")
    first = authd.register(bob)
    phone = authd.token(bob, headers={"X-Client": "ios-app", "User-Agent": "BobPhone/1.0"})
    laptop = authd.token(bob, headers={"X-Client": "web", "User-Agent": "BobLaptop/1.0"})
    assert authd.request("DELETE", "/api/v1/auth/logout", token=first).status == 200  # two sessions left
    phone_session = authd.me(phone).json()["session"]["id"]
    laptop_session = authd.me(laptop).json()["session"]["id"]

    # Signs in through /ui/ with password and app code, and lands on the dashboard.
    sign_in(browser, authd, admin, next_path="/admin/", secret=secret)
    assert browser.current_url == authd.base_url + "/admin/"
    assert "live sessions" in text(browser)
    # The week's activity, drawn by the server (the fixture fails the test on any CSP violation).
    chart = browser.find_element(By.ID, "activity-chart")
    assert chart.is_displayed() and chart.size["height"] > 0
    assert len(chart.find_elements(By.CSS_SELECTOR, "polyline")) == 3
    assert browser.find_element(By.ID, "activity-days").is_displayed()
    screenshot(browser, "admin-overview")

    # The webhook page answers, with its deliveries table.
    click(browser, browser.find_element(By.LINK_TEXT, "Webhooks"))
    assert "Deliveries" in text(browser)
    click(browser, browser.find_element(By.LINK_TEXT, "Overview"))

    # Finds the user by the start of the address.
    click(browser, browser.find_element(By.LINK_TEXT, "Users"))
    browser.find_element(By.ID, "user-query").send_keys(bob.split("@")[0])
    click(browser, browser.find_element(By.ID, "search"))
    click(browser, browser.find_element(By.LINK_TEXT, bob))
    assert browser.find_element(By.ID, "user-email").text == bob

    # Sees both sessions with their client and IP.
    rows = session_rows(browser)
    assert set(rows) == {phone_session, laptop_session}
    assert rows[phone_session].find_element(By.CLASS_NAME, "client").text == "ios-app"
    assert rows[laptop_session].find_element(By.CLASS_NAME, "client").text == "web"
    assert all(row.find_element(By.CLASS_NAME, "ip").text == "127.0.0.1" for row in rows.values())
    screenshot(browser, "admin-user")

    # Revokes the phone's session: its token is refused on the very next request.
    click(browser, rows[phone_session].find_element(By.TAG_NAME, "button"))
    assert "The session is revoked." in text(browser)
    assert set(session_rows(browser)) == {laptop_session}
    assert authd.me(phone).status == 401
    assert authd.me(laptop).status == 200

    # Bans the user: the other session dies and a sign-in is refused.
    click(browser, browser.find_element(By.ID, "ban"))
    assert browser.find_element(By.ID, "banned").text == "banned"
    assert authd.me(laptop).status == 401
    refused = authd.sign_in(bob)
    assert refused.status in (401, 403) and "token" not in refused.json()

    # The user's audit log shows both actions, with the admin as the actor.
    click(browser, browser.find_element(By.ID, "user-audit"))
    events = [(row.get_attribute("data-type"), row.find_element(By.CLASS_NAME, "actor").text)
              for row in browser.find_elements(By.CSS_SELECTOR, "tr.event-row")]
    assert ("session_revoked", admin) in events
    assert ("user_banned", admin) in events
    assert ("session_revoked", "") in events  # bob's own sign-out before: no actor


def test_an_admin_without_a_second_factor_is_refused(browser, authd, unique):
    email = unique("admin-no-2fa")
    authd.register(email)
    authd.grant_admin(email)
    sign_in(browser, authd, email, next_path="/admin/")
    assert "403" in browser.find_element(By.TAG_NAME, "h1").text
    assert "second factor" in text(browser)
