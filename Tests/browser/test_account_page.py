"""A user looks at the devices signed in to the account and signs one out."""
from selenium.webdriver.common.by import By

from conftest import screenshot
from pages import click, session_rows, sign_in, text


def test_a_user_sees_their_sessions_and_signs_one_out(browser, authd, unique):
    carol = unique("carol")
    authd.register(carol)
    tablet = authd.token(carol, headers={"X-Client": "tablet"})
    tablet_session = authd.me(tablet).json()["session"]["id"]

    sign_in(browser, authd, carol)
    assert browser.current_url == authd.base_url + "/ui/account"
    rows = session_rows(browser)
    assert tablet_session in rows and len(rows) == 3  # the verification's session, the tablet, this browser
    assert "this device" in text(browser)
    for section in ("sessions", "mfa", "passkeys", "password"):
        assert browser.find_element(By.ID, section).is_displayed()
    screenshot(browser, "account")

    # On a phone the page fits the screen: nothing but the tables' own scrolling is wider.
    browser.set_window_size(390, 844)
    try:
        assert browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        screenshot(browser, "account-phone")
    finally:
        browser.set_window_size(1280, 1000)

    click(browser, rows[tablet_session].find_element(By.TAG_NAME, "button"))
    assert "The device is signed out." in text(browser)
    assert tablet_session not in session_rows(browser)
    assert authd.me(tablet).status == 401

    # Signing out from the page ends this browser's own session too.
    click(browser, browser.find_element(By.ID, "sign-out"))
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in")
    browser.get(authd.base_url + "/ui/account")
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in")


def test_a_user_turns_on_an_authenticator_app_from_the_account_page(browser, authd, unique):
    dave = unique("dave")
    authd.register(dave)
    sign_in(browser, authd, dave)
    click(browser, browser.find_element(By.ID, "add-totp"))
    secret = browser.find_element(By.ID, "totp-secret").text
    assert browser.find_element(By.CSS_SELECTOR, "#totp-enrolment svg").is_displayed()  # the QR code
    from authd_client import totp
    browser.find_element(By.ID, "totp-code").send_keys(totp(secret))
    click(browser, browser.find_element(By.ID, "confirm-totp"))
    assert "Your authenticator app is on." in text(browser)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#recovery-codes li")) == 10
