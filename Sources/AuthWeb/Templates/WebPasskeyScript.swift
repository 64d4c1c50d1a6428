/// `/ui/assets/passkeys.js`: the pages' passkey buttons. A static file (the pages allow no inline
/// script), wired to elements by id, that calls the `/ui` passkey routes (the JSON API's handlers,
/// mounted under `/ui`: ``SharedRoutes``) with the session cookie and the page's CSRF token
/// (`data-csrf` on the button, sent as `X-CSRF-Token`). A sign-in answers `{redirect}` and sets the
/// cookie; adding a passkey answers the API's body, whose `recovery_codes` are shown when present.
///
/// - `#add-passkey` (account page): registers a passkey named by `#passkey-name`; shows the
///   recovery codes when the account gets its first second factor, else reloads the page.
/// - `#passkey-sign-in-button` (sign-in page): signs in with a discoverable credential, no
///   address typed.
/// - `#passkey-mfa-button` (second-factor page): answers the open challenge (`data-token-id`).
///
/// It uses WebAuthn Level 3's JSON helpers (`parseCreationOptionsFromJSON`,
/// `parseRequestOptionsFromJSON`, `toJSON()`); where a browser lacks them the buttons say so.
enum WebPasskeyScript {
    static let javaScript = #"""
        // authd pages: passkey buttons (see WebPasskeyScript.swift).
        (function () {
          "use strict";

          function supported() {
            return Boolean(window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON &&
              PublicKeyCredential.parseRequestOptionsFromJSON);
          }

          function show(element, text) {
            const target = document.getElementById(element.dataset.status || "passkey-status");
            if (target) { target.textContent = text; target.hidden = false; }
          }

          async function call(button, path, body) {
            const response = await fetch(path, {
              method: "POST", credentials: "same-origin",
              headers: { "Content-Type": "application/json", "X-CSRF-Token": button.dataset.csrf },
              body: JSON.stringify(body || {}),
            });
            const json = await response.json().catch(() => ({}));
            if (!response.ok) throw new Error(json.detail || json.message || json.title || "The passkey was refused.");
            return json;
          }

          async function assertion(start) {
            const options = PublicKeyCredential.parseRequestOptionsFromJSON(start.public_key);
            const credential = await navigator.credentials.get({ publicKey: options });
            return credential.toJSON();
          }

          function wire(id, action) {
            const button = document.getElementById(id);
            if (!button) return;
            if (!supported()) { button.disabled = true; show(button, "This browser cannot use passkeys."); return; }
            button.addEventListener("click", async (event) => {
              event.preventDefault();
              button.disabled = true;
              try {
                await action(button);
              } catch (error) {
                show(button, error.name === "NotAllowedError" ? "The passkey prompt was closed." : error.message);
                button.disabled = false;
              }
            });
          }

          wire("add-passkey", async (button) => {
            const start = await call(button, "/ui/passkeys/register/options");
            const options = PublicKeyCredential.parseCreationOptionsFromJSON(start.public_key);
            const credential = await navigator.credentials.create({ publicKey: options });
            const nameField = document.getElementById("passkey-name");
            const done = await call(button, "/ui/passkeys/register", {
              challenge_id: start.challenge_id, credential: credential.toJSON(),
              name: nameField && nameField.value ? nameField.value : undefined,
            });
            if (done.recovery_codes && done.recovery_codes.length) {
              const list = document.getElementById("passkey-recovery-codes");
              list.textContent = done.recovery_codes.join("\n");
              document.getElementById("passkey-recovery").hidden = false;
              return;
            }
            window.location.assign("/ui/account?done=passkey_added");
          });

          wire("passkey-sign-in-button", async (button) => {
            const start = await call(button, "/ui/sign-in/passkey/options");
            const done = await call(button, "/ui/sign-in/passkey", {
              challenge_id: start.challenge_id, credential: await assertion(start), next: button.dataset.next,
            });
            window.location.assign(done.redirect);
          });

          wire("passkey-mfa-button", async (button) => {
            const start = await call(button, "/ui/sign-in/mfa/passkey/options", { token_id: button.dataset.tokenId });
            const done = await call(button, "/ui/sign-in/mfa/passkey", {
              token_id: button.dataset.tokenId, credential: await assertion(start), next: button.dataset.next,
            });
            window.location.assign(done.redirect);
          });
        })();
        """#
}
