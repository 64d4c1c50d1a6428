"""What the suites do on the pages, step by step, as a person would."""
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from authd_client import PASSWORD, totp


def click(driver, element):
    """Clicks `element` and waits until the page it leads to has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(lambda _: replaced(page))


def replaced(element) -> bool:
    """Whether `element`'s page is gone. Selenium's `staleness_of` expects a stale-element error,
    but Chromium sometimes reports a node of a replaced page as "does not belong to the document"
    instead (a plain WebDriverException): both mean the navigation happened."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def sign_in(driver, authd, email, next_path="", secret=None, step_offset=0):
    """Signs in through /ui/sign-in; with `secret`, answers the second step with the app's code."""
    driver.get(authd.base_url + "/ui/sign-in" + (f"?next={next_path}" if next_path else ""))
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click(driver, driver.find_element(By.ID, "sign-in"))
    if secret:
        driver.find_element(By.ID, "code").send_keys(totp(secret, step_offset))
        click(driver, driver.find_element(By.ID, "verify-mfa"))


def text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def session_rows(driver):
    """{session id: row element} of the sessions table on the page."""
    return {row.get_attribute("data-session-id"): row for row in driver.find_elements(By.CSS_SELECTOR, "tr.session-row")}
