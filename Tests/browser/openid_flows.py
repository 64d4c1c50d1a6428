"""What an OpenID Connect relying party and its user's browser do against authd, with libraries
no one here wrote: `requests` plays the browser on authd's own sign-in pages, authlib is the
relying party, PyJWT checks ID tokens from the JWKS alone."""
import base64
import hashlib
import json
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

import jwt
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session, OAuthError

from authd_client import PASSWORD, totp


@dataclass
class Client:
    """An OpenID client as `authd clients add` printed it."""
    client_id: str
    client_secret: str | None
    redirect_uri: str
    id_token_alg: str = "RS256"


def add_client(authd_cli, name: str, redirect_uri: str, *, public=False, first_party=True,
               post_logout_redirect_uri: str | None = None, id_token_alg: str | None = None) -> Client:
    """`authd clients add`, as a deployer registers an app."""
    args = ["clients", "add", name, "--redirect-uri", redirect_uri]
    if public:
        args.append("--public")
    if first_party:
        args.append("--first-party")
    if post_logout_redirect_uri:
        args += ["--post-logout-redirect-uri", post_logout_redirect_uri]
    if id_token_alg:
        args += ["--id-token-alg", id_token_alg]
    printed = json.loads(authd_cli(*args))
    assert printed["client_id"], printed
    assert ("client_secret" in printed) != public, f"a public client has no secret, a confidential one has: {printed}"
    return Client(printed["client_id"], printed.get("client_secret"), redirect_uri, id_token_alg or "RS256")


class Forms(HTMLParser):
    """The forms of a page: action, method and the values their fields would submit."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {}})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            self.forms[-1]["fields"].setdefault(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            self.forms[-1]["fields"].setdefault(self._select, a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def find(self, action: str) -> dict | None:
        return next((f for f in self.forms if urllib.parse.urlsplit(f["action"]).path == action), None)


class ContinuePage(HTMLParser):
    """The page authd answers after its own forms instead of a redirect to an app (its
    `form-action 'self'` would refuse that redirect): `target` is its meta refresh's URL."""

    def __init__(self, html: str):
        super().__init__()
        self.target: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            if ";url=" in content:
                self.target = content.split(";url=", 1)[1]


@dataclass
class Visit:
    """Where a visit to authd ended: `location` is the first redirect that leaves authd (to an
    app's redirect_uri), or None when authd answered with a page (`response`)."""
    response: requests.Response
    location: str | None
    signed_in: bool = False
    pages: list[str] = field(default_factory=list)

    @property
    def params(self) -> dict:
        """The query of `location` (code, state, error...)."""
        assert self.location, f"authd answered {self.response.status_code} {self.response.url} instead of redirecting: {self.response.text[:500]}"
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.location).query))


class UserAgent:
    """A browser on `requests`: it keeps authd's cookies, follows authd's redirects, answers the
    sign-in pages' forms (with their CSRF tokens, from authd's origin) when given an account, and
    stops where authd sends it to an app."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()

    def visit(self, url: str, *, data: dict | None = None, origin: str | None = None,
              email: str | None = None, secret: str | None = None) -> Visit:
        headers = {"Origin": origin} if origin else {}
        response = self.http.request("POST" if data is not None else "GET", url, data=data, headers=headers,
                                     allow_redirects=False, timeout=30)
        visit = Visit(response, None)
        for _ in range(20):
            visit.pages.append(f"{response.request.method} {response.url} -> {response.status_code}")
            if response.is_redirect:
                target = urllib.parse.urljoin(response.url, response.headers["Location"])
                if not target.startswith(self.base_url + "/"):
                    visit.response, visit.location = response, target
                    return visit
                response = self.http.get(target, allow_redirects=False, timeout=30)
                continue
            # After one of authd's forms, the way back to the app is a page that navigates by
            # itself (a meta refresh, and a link): follow it as a browser would.
            refresh = ContinuePage(response.text).target if response.status_code == 200 else None
            if refresh:
                target = urllib.parse.urljoin(response.url, refresh)
                if not target.startswith(self.base_url + "/"):
                    visit.response, visit.location = response, target
                    return visit
                response = self.http.get(target, allow_redirects=False, timeout=30)
                continue
            forms = Forms(response.text) if response.status_code == 200 else None
            if forms and forms.find("/ui/sign-in") and email:
                form = forms.find("/ui/sign-in")
                response = self.submit(response, form, {"email": email, "password": PASSWORD})
                email = None  # answered once: a refusal stays on the page
                visit.signed_in = True
                continue
            if forms and forms.find("/ui/sign-in/mfa") and secret:
                form = forms.find("/ui/sign-in/mfa")
                response = self.submit(response, form, {"method": "totp", "code": totp(secret)})
                secret = None
                continue
            break
        visit.response = response
        return visit

    def submit(self, page: requests.Response, form: dict, values: dict) -> requests.Response:
        fields = dict(form["fields"], **values)
        return self.http.post(urllib.parse.urljoin(page.url, form["action"]), data=fields,
                              headers={"Origin": self.base_url}, allow_redirects=False, timeout=30)

    def shows_sign_in(self, visit: Visit) -> bool:
        return visit.location is None and Forms(visit.response.text).find("/ui/sign-in") is not None


def at_hash(access_token: str) -> str:
    """OpenID Connect Core 3.1.3.6: the left half of the SHA-256 of the token (RS256, ES256)."""
    digest = hashlib.sha256(access_token.encode()).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def verify_id_token(discovery: dict, client: Client, id_token: str, *, nonce: str | None,
                    access_token: str | None = None) -> dict:
    """Verifies an ID token as a relying party that knows only the discovery document: the key
    comes from jwks_uri by the token's kid, the algorithm is the one the client registered (so a
    token with alg "none", or signed with another algorithm, is refused)."""
    header = jwt.get_unverified_header(id_token)
    assert header.get("alg") == client.id_token_alg, header
    assert header.get("kid"), header
    signing_key = jwt.PyJWKClient(discovery["jwks_uri"], cache_keys=False).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(
        id_token, signing_key.key, algorithms=[client.id_token_alg], audience=client.client_id,
        issuer=discovery["issuer"], options={"require": ["iss", "sub", "aud", "exp", "iat", "auth_time"]})
    if nonce is not None:
        assert claims.get("nonce") == nonce, claims
    if access_token is not None:
        assert claims.get("at_hash") == at_hash(access_token), claims
    return claims


SCOPE = "openid email profile offline_access"


@dataclass
class Tokens:
    """A token response and its verified ID token's claims."""
    access_token: str
    refresh_token: str | None
    id_token: str
    claims: dict
    response: dict


class RelyingParty:
    """An app signing in through authd with authlib's OAuth2Session: authorization code with PKCE
    S256, a fresh state and nonce per authorization, every ID token verified with PyJWT."""

    def __init__(self, discovery: dict, client: Client, auth_method: str | None = None, scope: str = SCOPE):
        method = auth_method or ("none" if client.client_secret is None else "client_secret_basic")
        self.discovery, self.client = discovery, client
        self.oauth = OAuth2Session(
            client.client_id, client.client_secret, token_endpoint_auth_method=method,
            revocation_endpoint_auth_method=method, redirect_uri=client.redirect_uri, scope=scope,
            code_challenge_method="S256")
        self.verifier = self.nonce = self.state = None

    def authorization_url(self, **params) -> str:
        """A new authorization request; `params` adds or overrides parameters (prompt, max_age...)."""
        self.verifier, self.nonce = generate_token(48), generate_token(20)
        url, self.state = self.oauth.create_authorization_url(
            self.discovery["authorization_endpoint"], code_verifier=self.verifier, nonce=self.nonce, **params)
        return url

    def exchange(self, visit: Visit) -> Tokens:
        """The code authd redirected with, for tokens (authlib checks the state it sent came back)."""
        assert visit.location and visit.location.startswith(self.client.redirect_uri + "?"), visit.pages
        assert "code" in visit.params and visit.params.get("state") == self.state, visit.params
        response = dict(self.oauth.fetch_token(
            self.discovery["token_endpoint"], authorization_response=visit.location, state=self.state,
            code_verifier=self.verifier))
        return self.tokens(response, nonce=self.nonce)

    def tokens(self, response: dict, nonce: str | None) -> Tokens:
        assert response.get("token_type", "").lower() == "bearer", response
        claims = verify_id_token(self.discovery, self.client, response["id_token"], nonce=nonce,
                                 access_token=response["access_token"])
        return Tokens(response["access_token"], response.get("refresh_token"), response["id_token"], claims, response)

    def sign_in(self, agent: UserAgent, email: str | None = None, secret: str | None = None, **params) -> Tokens:
        """The whole flow: authorize (signing in on authd's pages when asked), then the exchange."""
        return self.exchange(agent.visit(self.authorization_url(**params), email=email, secret=secret))

    def refresh(self, refresh_token: str) -> dict:
        """The refresh grant (authlib raises OAuthError when authd refuses it)."""
        return dict(self.oauth.refresh_token(self.discovery["token_endpoint"], refresh_token=refresh_token))

    def refusal(self, refresh_token: str) -> str:
        """The error of a refresh authd must refuse."""
        try:
            answer = self.refresh(refresh_token)
        except OAuthError as error:
            return error.error
        raise AssertionError(f"authd refreshed a token it should have refused: {answer}")

    def introspect(self, token: str) -> dict:
        """RFC 7662 at authd's introspection endpoint, authenticated as this client."""
        response = self.oauth.introspect_token(self.discovery["introspection_endpoint"], token=token)
        assert response.status_code == 200, response.text
        return response.json()

    def revoke(self, token: str, hint: str | None = None) -> requests.Response:
        return self.oauth.revoke_token(self.discovery["revocation_endpoint"], token=token, token_type_hint=hint)


def userinfo(discovery: dict, access_token: str, method: str = "GET") -> requests.Response:
    """The userinfo endpoint with the token as a Bearer credential."""
    return requests.request(method, discovery["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}, timeout=30)


def token_request(discovery: dict, client: Client, **form) -> requests.Response:
    """A raw token-endpoint request with client_secret_basic (or the client id alone, public)."""
    auth = (client.client_id, client.client_secret) if client.client_secret else None
    if auth is None:
        form["client_id"] = client.client_id
    return requests.post(discovery["token_endpoint"], data=form, auth=auth, timeout=30)
