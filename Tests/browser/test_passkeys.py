"""A user replaces typing a password with a passkey, in a real browser.

Chromium's WebDriver virtual authenticator plays the platform authenticator (Touch ID, Windows
Hello): it holds discoverable credentials and verifies its user. The page's script calls
navigator.credentials, and authd checks every ceremony as it would a real device's.
"""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.virtual_authenticator import Protocol, Transport, VirtualAuthenticatorOptions
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot
from pages import click, sign_in, text


@pytest.fixture
def authenticator(browser):
    """A platform authenticator with user verification, removed after the test."""
    options = VirtualAuthenticatorOptions(
        protocol=Protocol.CTAP2, transport=Transport.INTERNAL, has_resident_key=True,
        has_user_verification=True, is_user_verified=True, is_user_consenting=True)
    browser.add_virtual_authenticator(options)
    yield browser
    browser.remove_virtual_authenticator()


def wait_for_url(driver, suffix: str):
    WebDriverWait(driver, 20).until(lambda d: d.current_url.split("?")[0].endswith(suffix))


def test_register_a_passkey_then_sign_in_with_it_without_typing_the_email(authenticator, authd, unique):
    browser = authenticator
    dana = unique("dana")
    authd.register(dana)
    sign_in(browser, authd, dana)
    assert browser.current_url == authd.base_url + "/ui/account"

    # Add a passkey on the account page: the first second factor, so recovery codes are shown once.
    browser.find_element(By.ID, "passkey-name").send_keys("Test laptop")
    browser.find_element(By.ID, "add-passkey").click()
    WebDriverWait(browser, 20).until(expected_conditions.visibility_of_element_located((By.ID, "passkey-recovery")))
    codes = browser.find_element(By.ID, "passkey-recovery-codes").text.split()
    assert len(codes) == 10
    click(browser, browser.find_element(By.LINK_TEXT, "Done"))
    assert "Your passkey is added." in text(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#passkey-table tbody tr")
    assert len(rows) == 1 and "Test laptop" in rows[0].text
    assert len(browser.get_credentials()) == 1  # the browser holds it; authd holds only its public key
    screenshot(browser, "account-passkeys")

    # Sign out, then sign in with the passkey: no address, no password.
    click(browser, browser.find_element(By.ID, "sign-out"))
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in")
    browser.find_element(By.ID, "passkey-sign-in-button").click()
    wait_for_url(browser, "/ui/account")
    assert browser.find_element(By.ID, "signed-in-as").text == dana
    assert browser.find_element(By.ID, "passkeys").is_displayed()

    # The same credential is the second factor after a password.
    click(browser, browser.find_element(By.ID, "sign-out"))
    sign_in(browser, authd, dana)
    assert "/ui/sign-in/mfa" in browser.current_url or browser.find_elements(By.ID, "passkey-mfa-button")
    browser.find_element(By.ID, "passkey-mfa-button").click()
    wait_for_url(browser, "/ui/account")
    assert browser.find_element(By.ID, "signed-in-as").text == dana
