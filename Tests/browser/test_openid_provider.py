"""authd as an OpenID Provider, checked with clients no one here wrote.

Apache httpd with mod_auth_openidc protects two apps, each its own OpenID client: a real browser
signs in to both with one sign-in and out of both with one sign-out. authlib is the relying party
of the other tests, their browser `requests` on authd's own sign-in pages, and PyJWT verifies the
ID tokens from the JWKS alone. The rules are OpenID Connect Core 1.0, RP-Initiated Logout 1.0,
RFC 6749, RFC 7636 (PKCE), RFC 7009 (revocation) and RFC 7662 (introspection).
"""
import secrets
import time
import urllib.parse
from dataclasses import dataclass

import jwt
import pytest
import requests
from authlib.integrations.requests_client import OAuthError
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from apache_apps import Apache, App
from authd_client import PASSWORD, totp
from conftest import free_port
from openid_flows import (Client, ContinuePage, Forms, RelyingParty, UserAgent, Visit, add_client, token_request, userinfo,
                          verify_id_token)
from pages import click, text

# Where the requests-driven apps are sent back to: registered, never fetched (nothing listens).
APP_ORIGIN = "http://localhost:9"


@dataclass
class Account:
    email: str
    id: str
    token: str


@pytest.fixture(scope="module")
def discovery(authd):
    response = requests.get(authd.base_url + "/.well-known/openid-configuration", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def apache(authd, authd_cli):
    """Apps behind one httpd, registered as the deployer would: confidential, each with its own
    redirect_uri and post-logout page; A and B first-party, C a third party's."""
    apps = [App("app_a", free_port()), App("app_b", free_port()), App("app_c", free_port(), first_party=False)]
    for app in apps:
        app.client_name = f"{app.name} behind Apache {secrets.token_hex(3)}"
        client = add_client(authd_cli, app.client_name, app.redirect_uri, first_party=app.first_party,
                            post_logout_redirect_uri=app.signed_out_url)
        app.client_id, app.client_secret = client.client_id, client.client_secret
    server = Apache(authd.base_url, apps)
    try:
        server.start()
    except RuntimeError as error:
        server.remove()
        pytest.fail(str(error))
    yield server
    server.stop()
    server.remove()


@pytest.fixture
def new_client(authd_cli):
    """`authd clients add` for an app of a test's own, redirected to a URI nothing serves."""
    def make(kind: str, **options) -> Client:
        name = f"{kind}-{secrets.token_hex(3)}"
        return add_client(authd_cli, name, f"{APP_ORIGIN}/{name}/callback", **options)
    return make


def verified_account(authd, email: str) -> Account:
    token = authd.register(email)
    return Account(email, authd.me(token).json()["user"]["id"], token)


@pytest.fixture
def account(authd, unique):
    """A new verified account with a password (authd_client.PASSWORD), for a test that changes it."""
    return lambda name: verified_account(authd, unique(name))


@pytest.fixture(scope="module")
def person(authd):
    """One verified account with a password for the tests that only sign it in: each signs in a
    browser of its own, so their sessions and grants stay apart (and the suite skips a sign-up,
    a password hash, per test)."""
    return verified_account(authd, f"pat-{secrets.token_hex(4)}@example.com")


def app_page(browser, app: App) -> dict:
    """What app's protected page shows, once the browser is on it."""
    try:
        WebDriverWait(browser, 20).until(lambda d: d.current_url == app.protected_url and d.find_elements(By.ID, "sub"))
    except TimeoutException:
        raise AssertionError(f"expected {app.name}'s page; the browser is at {browser.current_url}: {text(browser)[:600]}") from None
    return {key: browser.find_element(By.ID, key).text
            for key in ("app", "sub", "email", "acr", "amr", "access-token", "refresh-token")}


def wait_for_url(browser, prefix: str) -> None:
    try:
        WebDriverWait(browser, 20).until(lambda d: d.current_url.startswith(prefix))
    except TimeoutException:
        raise AssertionError(f"expected {prefix}; the browser is at {browser.current_url}: {text(browser)[:600]}") from None


def introspect(discovery, app: App, token: str) -> dict:
    """RFC 7662, authenticated as `app` with HTTP Basic (client_secret_basic)."""
    response = requests.post(discovery["introspection_endpoint"], data={"token": token},
                             auth=(app.client_id, app.client_secret), timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def refused_refresh(discovery, client: Client, refresh_token: str) -> str:
    response = token_request(discovery, client, grant_type="refresh_token", refresh_token=refresh_token)
    assert response.status_code in (400, 401), f"{response.status_code}: {response.text}"
    return response.json()["error"]


# --- Apache httpd + mod_auth_openidc, in a real browser ----------------------------------------------


def test_two_apps_behind_apache_share_one_sign_in_and_one_sign_out(browser, authd, apache, discovery, account):
    app_a, app_b, _ = apache.apps
    erin = account("erin")
    secret = authd.enrol_totp(erin.token)

    # App A sends the browser to authd, which asks for the password and then the authenticator app.
    browser.get(app_a.protected_url)
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in"), browser.current_url
    browser.find_element(By.ID, "email").send_keys(erin.email)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    click(browser, browser.find_element(By.ID, "sign-in"))
    browser.find_element(By.ID, "code").send_keys(totp(secret))
    browser.find_element(By.ID, "verify-mfa").click()
    page_a = app_page(browser, app_a)
    assert (page_a["app"], page_a["sub"], page_a["email"]) == ("app_a", erin.id, erin.email), apache.log_tail()
    assert page_a["acr"] == "aal2" and {"pwd", "otp"} <= set(page_a["amr"].split(",")), page_a

    # App B: authd knows this browser, so B signs in without a sign-in page, as the same person.
    browser.get(app_b.protected_url)
    page_b = app_page(browser, app_b)
    assert (page_b["app"], page_b["sub"], page_b["email"]) == ("app_b", erin.id, erin.email)
    assert page_b["access-token"] and page_b["access-token"] != page_a["access-token"]

    # Each app's tokens are live, and B's refresh token works (and rotates) while the session lasts.
    assert introspect(discovery, app_a, page_a["access-token"])["active"] is True
    live = introspect(discovery, app_b, page_b["access-token"])
    assert live["active"] is True and live["sub"] == erin.id
    client_b = Client(app_b.client_id, app_b.client_secret, app_b.redirect_uri)
    refreshed = token_request(discovery, client_b, grant_type="refresh_token", refresh_token=page_b["refresh-token"])
    assert refreshed.status_code == 200, refreshed.text
    refreshed = refreshed.json()
    assert refreshed["refresh_token"] != page_b["refresh-token"]

    # Signing out of A ends A's session and, through authd's end_session_endpoint with A's ID token
    # as the hint, the authd session: the browser lands on A's registered signed-out page.
    browser.get(app_a.logout_url())
    wait_for_url(browser, app_a.signed_out_url)
    assert browser.find_element(By.ID, "signed-out").text == "Signed out of app_a"
    browser.get(authd.base_url + "/ui/account")
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in"), browser.current_url

    # B's grant hung off that session: its tokens are dead too.
    assert introspect(discovery, app_a, page_a["access-token"]) == {"active": False}
    assert introspect(discovery, app_b, page_b["access-token"]) == {"active": False}
    assert introspect(discovery, app_b, refreshed["access_token"]) == {"active": False}
    assert refused_refresh(discovery, client_b, refreshed["refresh_token"]) == "invalid_grant"

    # And A asks again: its own session and authd's are both gone.
    browser.get(app_a.protected_url)
    wait_for_url(browser, authd.base_url + "/ui/sign-in")


def test_a_third_party_app_behind_apache_asks_for_consent_in_the_browser(browser, authd, apache, account):
    app_c = apache.apps[2]
    olga = account("olga")
    browser.get(app_c.protected_url)
    assert browser.current_url.startswith(authd.base_url + "/ui/sign-in"), browser.current_url
    browser.find_element(By.ID, "email").send_keys(olga.email)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    click(browser, browser.find_element(By.ID, "sign-in"))

    # authd names the app before it hands anything over; allowing sends the browser back.
    assert app_c.client_name in text(browser), text(browser)[:600]
    browser.find_element(By.CSS_SELECTOR, "button[name=decision][value=allow]").click()
    page = app_page(browser, app_c)
    assert (page["sub"], page["email"], page["acr"], page["amr"]) == (olga.id, olga.email, "aal1", "pwd")


# --- authlib as the relying party --------------------------------------------------------------------


def test_authlib_public_client_signs_in_with_pkce_and_reads_userinfo_by_get_and_post(authd, discovery, new_client, person):
    client = new_client("authlib-public", public=True)
    rp = RelyingParty(discovery, client)
    tokens = rp.sign_in(UserAgent(authd.base_url), person.email)
    assert tokens.claims["sub"] == person.id and tokens.claims["email"] == person.email
    assert tokens.refresh_token, "offline_access was asked for"

    by_get = rp.oauth.get(discovery["userinfo_endpoint"])
    by_post = rp.oauth.post(discovery["userinfo_endpoint"])
    assert by_get.status_code == 200 and by_post.status_code == 200, (by_get.text, by_post.text)
    claims = by_get.json()
    assert by_post.json() == claims
    assert claims["sub"] == person.id and claims["email"] == person.email and claims["email_verified"] is True
    assert claims["preferred_username"] == person.email  # the profile scope

    refused = userinfo(discovery, "not-a-token")
    assert refused.status_code == 401 and 'error="invalid_token"' in refused.headers.get("WWW-Authenticate", "")


def test_authlib_refresh_rotates_and_replaying_an_older_refresh_token_ends_the_grant(authd, discovery, new_client, person):
    client = new_client("authlib-rotation", public=True)
    rp = RelyingParty(discovery, client)
    first = rp.sign_in(UserAgent(authd.base_url), person.email)

    second = rp.refresh(first.refresh_token)
    assert second["refresh_token"] != first.refresh_token
    assert userinfo(discovery, second["access_token"]).status_code == 200
    if "id_token" in second:  # OpenID Connect Core 12.2: the same user and sign-in, no nonce
        renewed = verify_id_token(discovery, client, second["id_token"], nonce=None, access_token=second["access_token"])
        assert (renewed["sub"], renewed["auth_time"]) == (first.claims["sub"], first.claims["auth_time"])

    # A retry with the replaced token (an answer lost on the way) gets the same successor.
    assert rp.refresh(first.refresh_token)["refresh_token"] == second["refresh_token"]
    third = rp.refresh(second["refresh_token"])
    assert third["refresh_token"] not in (first.refresh_token, second["refresh_token"])

    # The first token is now two rotations old: someone kept a copy, so the grant ends.
    assert rp.refusal(first.refresh_token) == "invalid_grant"
    assert rp.refusal(third["refresh_token"]) == "invalid_grant"
    assert userinfo(discovery, third["access_token"]).status_code == 401


def test_authlib_confidential_client_revokes_a_grant_by_either_token(authd, discovery, new_client, person):
    client = new_client("authlib-confidential")
    rp = RelyingParty(discovery, client)  # client_secret_basic
    agent = UserAgent(authd.base_url)
    tokens = rp.sign_in(agent, person.email)
    live = rp.introspect(tokens.access_token)
    assert live["active"] is True and live["sub"] == person.id

    # RFC 7009 with the refresh token: the grant ends, its access token with it.
    assert rp.revoke(tokens.refresh_token, "refresh_token").status_code == 200
    assert rp.refusal(tokens.refresh_token) == "invalid_grant"
    assert rp.introspect(tokens.access_token) == {"active": False}
    assert userinfo(discovery, tokens.access_token).status_code == 401

    # The app's grant ended, not the person's authd session: the next authorization needs no
    # sign-in. Revoking that grant by its access token ends its refresh token too.
    more = rp.sign_in(agent)
    assert rp.introspect(more.access_token)["active"] is True
    assert rp.revoke(more.access_token, "access_token").status_code == 200
    assert rp.introspect(more.access_token) == {"active": False}
    assert rp.refusal(more.refresh_token) == "invalid_grant"

    # RFC 7009 2.2: a token the server does not know is answered 200 as well.
    assert rp.revoke("not-a-token").status_code == 200


def test_authlib_client_secret_post_works_and_a_wrong_secret_is_refused(authd, discovery, new_client, person):
    client = new_client("authlib-post")
    agent = UserAgent(authd.base_url)
    rp = RelyingParty(discovery, client, auth_method="client_secret_post")
    tokens = rp.sign_in(agent, person.email)
    assert rp.refresh(tokens.refresh_token)["refresh_token"]

    impostor = RelyingParty(discovery, Client(client.client_id, "not-the-secret", client.redirect_uri),
                            auth_method="client_secret_post")
    with pytest.raises(OAuthError) as refused:
        impostor.exchange(agent.visit(impostor.authorization_url()))
    assert refused.value.error == "invalid_client"


# --- PyJWT: ID tokens verified from the JWKS alone ---------------------------------------------------


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_pyjwt_verifies_id_tokens_from_the_jwks_alone(authd, discovery, new_client, person, alg):
    client = new_client(f"pyjwt-{alg}", id_token_alg=None if alg == "RS256" else alg)  # RS256 is the default
    rp = RelyingParty(discovery, client)
    # RelyingParty verifies every ID token: the key from jwks_uri by kid, this algorithm only,
    # iss, aud, exp, iat, auth_time, the nonce it sent and at_hash of the access token.
    tokens = rp.sign_in(UserAgent(authd.base_url), person.email)
    claims = tokens.claims
    assert claims["iss"] == authd.base_url and claims["nonce"] == rp.nonce
    assert claims["aud"] in (client.client_id, [client.client_id]) and claims["azp"] == client.client_id
    assert claims["sub"] == person.id and claims["email"] == person.email and claims["email_verified"] is True
    assert claims["acr"] == "aal1" and claims["amr"] == ["pwd"] and claims["sid"]
    assert claims["iat"] <= time.time() + 5 < claims["exp"]

    kid = jwt.get_unverified_header(tokens.id_token)["kid"]
    key = next(k for k in requests.get(discovery["jwks_uri"], timeout=30).json()["keys"] if k["kid"] == kid)
    assert (key["kty"], key.get("crv")) == {"RS256": ("RSA", None), "ES256": ("EC", "P-256")}[alg]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & key.keys(), "the JWKS publishes public keys only"

    # The same check refuses the token once its claims are changed.
    header, payload, signature = tokens.id_token.split(".")
    forged = jwt.utils.base64url_encode(jwt.utils.base64url_decode(payload).replace(person.id.encode(), b"0" * len(person.id))).decode()
    with pytest.raises(jwt.InvalidSignatureError):
        verify_id_token(discovery, client, f"{header}.{forged}.{signature}", nonce=rp.nonce)


# --- the OpenID Connect Basic OP checks --------------------------------------------------------------


def test_discovery_describes_a_code_flow_provider_that_signs_with_rs256_and_never_none(authd, discovery):
    base = authd.base_url
    assert discovery["issuer"] == base
    expected = {
        "authorization_endpoint": "/oauth2/authorize", "token_endpoint": "/oauth2/token",
        "userinfo_endpoint": "/oauth2/userinfo", "revocation_endpoint": "/oauth2/revoke",
        "end_session_endpoint": "/oauth2/logout", "introspection_endpoint": "/api/v1/auth/introspect",
        "jwks_uri": "/.well-known/jwks.json",
    }
    assert {name: discovery.get(name) for name in expected} == {name: base + path for name, path in expected.items()}
    algs = [alg.lower() for alg in discovery["id_token_signing_alg_values_supported"]]
    assert "rs256" in algs and "none" not in algs
    assert discovery["response_types_supported"] == ["code"]
    assert "S256" in discovery["code_challenge_methods_supported"] and "plain" not in discovery["code_challenge_methods_supported"]
    assert {"openid", "email", "profile", "offline_access"} <= set(discovery["scopes_supported"])
    assert {"client_secret_basic", "client_secret_post", "none"} <= set(discovery["token_endpoint_auth_methods_supported"])
    assert "public" in discovery["subject_types_supported"]
    keys = requests.get(discovery["jwks_uri"], timeout=30).json()["keys"]
    assert any(k["kty"] == "RSA" and k.get("kid") for k in keys), keys


def test_a_code_used_twice_is_refused_and_revokes_what_it_issued(authd, discovery, new_client, person):
    client = new_client("code-replay")
    rp = RelyingParty(discovery, client)
    visit = UserAgent(authd.base_url).visit(rp.authorization_url(), email=person.email)
    tokens = rp.exchange(visit)
    assert rp.introspect(tokens.access_token)["active"] is True

    again = token_request(discovery, client, grant_type="authorization_code", code=visit.params["code"],
                          redirect_uri=client.redirect_uri, code_verifier=rp.verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant", again.text
    assert rp.introspect(tokens.access_token) == {"active": False}
    assert rp.refusal(tokens.refresh_token) == "invalid_grant"


def test_a_code_is_redeemed_only_with_its_pkce_verifier(authd, discovery, new_client, person):
    client = new_client("pkce")
    rp = RelyingParty(discovery, client)
    visit = UserAgent(authd.base_url).visit(rp.authorization_url(), email=person.email)
    stolen = token_request(discovery, client, grant_type="authorization_code", code=visit.params["code"],
                           redirect_uri=client.redirect_uri, code_verifier="x" * 43)
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant", stolen.text


def test_a_public_client_must_use_pkce_with_s256(authd, discovery, new_client, person):
    client = new_client("public-no-pkce", public=True)
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    without, state = rp.oauth.create_authorization_url(discovery["authorization_endpoint"], nonce="n-1")
    plain, _ = rp.oauth.create_authorization_url(discovery["authorization_endpoint"], state=state, nonce="n-2",
                                                 code_challenge="x" * 43, code_challenge_method="plain")
    for url in (without, plain):
        visit = agent.visit(url, email=person.email)
        assert visit.location and visit.location.startswith(client.redirect_uri + "?"), visit.pages
        assert visit.params.get("error") == "invalid_request" and "code" not in visit.params, visit.params
        assert visit.params.get("state") == state


def test_an_unregistered_redirect_uri_is_never_redirected_to(authd, discovery, new_client, person):
    client = new_client("redirects")
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    rp.sign_in(agent, person.email)  # signed in: a redirect would carry a code

    near_misses = [f"{APP_ORIGIN}/elsewhere", client.redirect_uri + "/", client.redirect_uri + "?next=x",
                   client.redirect_uri.replace("localhost", "127.0.0.1"), "https://attacker.example/callback"]
    for wrong in near_misses:
        response = agent.http.get(rp.authorization_url(redirect_uri=wrong), allow_redirects=False, timeout=30)
        assert response.status_code == 400 and "Location" not in response.headers, (wrong, response.status_code, response.headers)
        assert response.headers.get("Content-Type", "").startswith("text/html"), response.headers

    url = rp.authorization_url()
    unknown = url.replace(urllib.parse.quote(client.client_id), "no-such-client")
    assert unknown != url
    response = agent.http.get(unknown, allow_redirects=False, timeout=30)
    assert response.status_code == 400 and "Location" not in response.headers, (response.status_code, response.headers)


def test_prompt_none_answers_login_required_without_a_session_and_signs_in_silently_with_one(authd, discovery, new_client, person):
    client = new_client("silent")
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    visit = agent.visit(rp.authorization_url(prompt="none"))
    assert visit.location and visit.location.startswith(client.redirect_uri + "?"), visit.pages
    assert visit.params.get("error") == "login_required" and "code" not in visit.params, visit.params
    assert visit.params.get("state") == rp.state

    rp.sign_in(agent, person.email)
    assert rp.sign_in(agent, prompt="none").claims["sub"] == person.id


def test_max_age_and_prompt_login_ask_for_the_password_again(authd, discovery, new_client, person):
    client = new_client("max-age")
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    first = rp.sign_in(agent, person.email)
    time.sleep(2.1)

    # The session suffices when the app sets no limit...
    assert rp.sign_in(agent).claims["auth_time"] == first.claims["auth_time"]
    # ...but not when the last sign-in is older than max_age.
    assert agent.shows_sign_in(agent.visit(rp.authorization_url(max_age="1")))
    visit = agent.visit(rp.authorization_url(max_age="1"), email=person.email)
    assert visit.signed_in
    again = rp.exchange(visit)
    assert again.claims["auth_time"] >= first.claims["auth_time"] + 2, (first.claims, again.claims)
    # prompt=login asks whatever the session's age.
    assert agent.shows_sign_in(agent.visit(rp.authorization_url(prompt="login")))


def test_each_id_token_echoes_the_nonce_of_its_request(authd, discovery, new_client, person):
    client = new_client("nonce")
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    first = rp.sign_in(agent, person.email)
    first_nonce = rp.nonce
    second = rp.sign_in(agent)
    assert first.claims["nonce"] == first_nonce and second.claims["nonce"] == rp.nonce != first_nonce


def test_unknown_authorization_parameters_are_ignored(authd, discovery, new_client, person):
    client = new_client("unknown-parameters")
    rp = RelyingParty(discovery, client)
    tokens = rp.sign_in(UserAgent(authd.base_url), person.email, frobnicate="yes", x_tracking_id="42")
    assert tokens.access_token


def test_an_authorization_request_may_be_posted_from_the_apps_page(authd, discovery, new_client, person):
    client = new_client("posted")
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    url = rp.authorization_url()
    endpoint, query = url.split("?", 1)
    # The app's auto-submitting form: a cross-site POST, then authd's sign-in, then back.
    visit = agent.visit(endpoint, data=dict(urllib.parse.parse_qsl(query)), origin=APP_ORIGIN, email=person.email)
    assert visit.signed_in
    assert rp.exchange(visit).claims["sub"] == person.id

    url = rp.authorization_url()
    endpoint, query = url.split("?", 1)
    visit = agent.visit(endpoint, data=dict(urllib.parse.parse_qsl(query)), origin=APP_ORIGIN)
    assert not visit.signed_in
    assert rp.exchange(visit).claims["sub"] == person.id


def back_to_the_app(answer) -> str:
    """Where authd sends the browser after the consent form: not a redirect (its pages'
    `form-action 'self'` would refuse one to the app) but a page that goes there by itself."""
    assert answer.status_code == 200 and not answer.is_redirect, (answer.status_code, answer.text[:500])
    target = ContinuePage(answer.text).target
    assert target, answer.text[:500]
    return urllib.parse.urljoin(answer.url, target)


def test_a_third_party_app_asks_for_consent_once_and_a_refusal_reaches_the_app(authd, discovery, new_client, person):
    agent = UserAgent(authd.base_url)

    client = new_client("third-party", first_party=False)
    rp = RelyingParty(discovery, client)
    visit = agent.visit(rp.authorization_url(), email=person.email)
    assert visit.location is None, visit.pages
    consent = Forms(visit.response.text).find("/oauth2/consent")
    assert consent, visit.response.text[:1000]
    answer = agent.submit(visit.response, consent, {"decision": "allow"})
    rp.exchange(Visit(answer, back_to_the_app(answer)))
    # Remembered for this person, app and scopes: straight back with a code.
    assert rp.sign_in(agent).access_token

    other = new_client("third-party-refused", first_party=False)
    refusing = RelyingParty(discovery, other)
    visit = agent.visit(refusing.authorization_url())
    consent = Forms(visit.response.text).find("/oauth2/consent")
    assert consent, visit.pages
    answer = agent.submit(visit.response, consent, {"decision": "deny"})
    denied = Visit(answer, back_to_the_app(answer))
    assert denied.params.get("error") == "access_denied" and "code" not in denied.params, denied.params
    assert denied.params.get("state") == refusing.state


def test_logout_returns_only_to_a_registered_page_and_a_bare_visit_ends_nothing(authd, discovery, new_client, person):
    done = f"{APP_ORIGIN}/signed-out"
    client = new_client("logout", post_logout_redirect_uri=done)
    rp = RelyingParty(discovery, client)
    agent = UserAgent(authd.base_url)
    tokens = rp.sign_in(agent, person.email)

    # RP-Initiated Logout 1.0 with the ID token as hint: the session ends, back to the app with its state.
    answer = agent.http.get(discovery["end_session_endpoint"], allow_redirects=False, timeout=30, params={
        "id_token_hint": tokens.id_token, "post_logout_redirect_uri": done, "state": "bye-1"})
    assert answer.is_redirect, (answer.status_code, answer.text[:500])
    location = answer.headers["Location"]
    assert location.split("?")[0] == done and dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query)) == {"state": "bye-1"}
    assert rp.introspect(tokens.access_token) == {"active": False}
    assert agent.shows_sign_in(agent.visit(rp.authorization_url()))

    # Without a hint, a visit (say, an image on another site) only asks: nothing ends.
    tokens = rp.sign_in(agent, person.email)
    asked = agent.http.get(discovery["end_session_endpoint"], allow_redirects=False, timeout=30)
    assert asked.status_code == 200 and Forms(asked.text).forms, (asked.status_code, asked.text[:500])
    assert rp.introspect(tokens.access_token)["active"] is True

    # A target the client did not register is never redirected to.
    answer = agent.http.get(discovery["end_session_endpoint"], allow_redirects=False, timeout=30, params={
        "id_token_hint": tokens.id_token, "post_logout_redirect_uri": "https://attacker.example/", "state": "bye-2"})
    assert not answer.headers.get("Location", "").startswith("https://attacker.example"), answer.headers
