/// The browser side of the passkey API, as one small self-contained script: what the account and
/// sign-in pages (AuthWeb) serve as a static asset, and what a web app can copy.
///
/// It uses only WebAuthn Level 3's JSON helpers (`PublicKeyCredential.parseCreationOptionsFromJSON`,
/// `parseRequestOptionsFromJSON`, `toJSON()`), `fetch` with bearer tokens (never cookies), and no
/// inline handlers, so it runs under a strict Content-Security-Policy (`script-src 'self'`).
/// It defines `globalThis.authdPasskeys` with `supported()`, `register(token, name)`,
/// `signIn(email?)` (→ `{token}` or the `mfa_required` body), `secondFactor(tokenID)` and
/// `reauthenticate(token)`.
public enum PasskeyBrowserScript {
    /// The script's text (JavaScript, ES2020).
    public static let javaScript = #"""
        // authd passkeys: the browser side of /api/v1/auth passkey routes (WebAuthn Level 3 JSON forms).
        (function (global) {
          "use strict";
          const base = "/api/v1/auth";

          async function call(path, body, token) {
            const headers = { "Content-Type": "application/json" };
            if (token) headers["Authorization"] = "Bearer " + token;
            const response = await fetch(base + path, {
              method: "POST", headers, body: JSON.stringify(body || {}), credentials: "omit",
            });
            const json = await response.json().catch(() => ({}));
            // A 401 mfa_required is an answer, not a failure: the caller asks for the second factor.
            if (!response.ok && !(response.status === 401 && json.error === "mfa_required")) {
              const error = new Error(json.message || response.statusText);
              error.status = response.status;
              error.problem = json;
              throw error;
            }
            return json;
          }

          function supported() {
            return Boolean(global.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON &&
              PublicKeyCredential.parseRequestOptionsFromJSON);
          }

          async function assertion(publicKey) {
            const options = PublicKeyCredential.parseRequestOptionsFromJSON(publicKey);
            const credential = await navigator.credentials.get({ publicKey: options });
            return credential.toJSON();
          }

          // Adds a passkey to the signed-in account (needs a recent sign-in).
          async function register(token, name) {
            const start = await call("/passkeys/register/options", {}, token);
            const options = PublicKeyCredential.parseCreationOptionsFromJSON(start.public_key);
            const credential = await navigator.credentials.create({ publicKey: options });
            return call("/passkeys/register", { challenge_id: start.challenge_id, credential: credential.toJSON(), name }, token);
          }

          // Signs in; without an email the browser offers the passkeys it holds for this site.
          async function signIn(email) {
            const start = await call("/sign-in/passkey/options", email ? { email } : {});
            return call("/sign-in/passkey", { challenge_id: start.challenge_id, credential: await assertion(start.public_key) });
          }

          // Answers an mfa_required challenge (its verification_id) with a passkey.
          async function secondFactor(tokenID) {
            const start = await call("/sign-in/mfa/passkey/options", { token_id: tokenID });
            return call("/sign-in/mfa", { token_id: tokenID, method: "passkey", credential: await assertion(start.public_key) });
          }

          // Proves a passkey again: the session becomes recent and aal 2.
          async function reauthenticate(token) {
            const start = await call("/reauthenticate/passkey/options", {}, token);
            return call("/reauthenticate", { method: "passkey", credential: await assertion(start.public_key) }, token);
          }

          global.authdPasskeys = { supported, register, signIn, secondFactor, reauthenticate };
        })(globalThis);
        """#
}
