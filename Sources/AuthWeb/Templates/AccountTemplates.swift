/// The account page: one partial per section, so a new kind of credential (passkeys) is one more
/// section, not a rewrite of the page.
enum AccountTemplates {
    static let page = #"""
    {{> head}}
    <h1>Your account</h1>
    {{> account_sessions}}
    {{> account_mfa}}
    {{> account_passkeys}}
    {{> account_password}}
    {{> account_apps}}
    {{> foot}}
    """#

    static let apps = #"""
    <section class="card" id="connected-apps">
      <h2>Connected apps</h2>
      <p class="muted">Apps you let sign you in with this account. Disconnecting one signs it out and asks again next time.</p>
      <div class="table-wrap"><table>
        <thead><tr><th>App</th><th>Sees</th><th>Since</th><th></th></tr></thead>
        <tbody>
        {{#apps}}
        <tr class="app-row" data-client-id="{{id}}"><td>{{name}}</td><td>{{scopes}}</td><td>{{since}}</td>
          <td><form method="post" action="/ui/account/apps/{{id}}/disconnect" class="inline">
            <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">Disconnect</button></form></td></tr>
        {{/apps}}
        {{^apps}}<tr><td colspan="4" class="muted">No connected app.</td></tr>{{/apps}}
        </tbody>
      </table></div>
    </section>
    """#

    static let sessions = #"""
    <section class="card" id="sessions">
      <h2>Signed-in devices</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>Client</th><th>IP</th><th>Place</th><th>Signed in</th><th>Last active</th><th></th></tr></thead>
        <tbody>
        {{#sessions}}
        <tr class="session-row" data-session-id="{{id}}">
          <td>{{client}}{{#current}} <span class="badge">this device</span>{{/current}}</td>
          <td class="mono">{{ip}}</td><td>{{place}}</td><td>{{created}}</td><td>{{last_used}}</td>
          <td><form method="post" action="/ui/account/sessions/{{id}}/revoke" class="inline">
            <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">Sign out</button></form></td>
        </tr>
        {{/sessions}}
        </tbody>
      </table></div>
      <form method="post" action="/ui/account/sessions/revoke-others" class="actions">
        <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="revoke-others">Sign out every other device</button>
      </form>
    </section>
    """#

    static let mfa = #"""
    <section class="card" id="mfa">
      <h2>Two-step verification</h2>
      {{#mfa_enabled}}<p>On: {{mfa_methods}}. Recovery codes left: {{recovery_codes_left}}.</p>{{/mfa_enabled}}
      {{^mfa_enabled}}<p>Off. Add an authenticator app to protect your account with a second step.</p>{{/mfa_enabled}}
      {{#enrolled_factors}}
      {{#removable}}
      <form method="post" action="/ui/account/mfa/{{method}}/{{id}}/remove" class="actions">
        <span>{{label}} {{name}} <span class="muted">added {{created}}</span></span>
        <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">Remove</button>
      </form>
      {{/removable}}
      {{^removable}}
      <p class="actions" data-factor="{{method}}"><span>{{label}} {{name}} <span class="muted">added {{created}}</span></span></p>
      {{/removable}}
      {{/enrolled_factors}}
      {{#mfa_enabled}}
      <form method="post" action="/ui/account/mfa/recovery-codes" class="actions">
        <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="new-recovery-codes">New recovery codes</button>
      </form>
      {{/mfa_enabled}}
      {{#enrolment}}
      <div class="stack" id="totp-enrolment">
        <p>Scan this code with your authenticator app, or type the key, then enter the code it shows.</p>
        <div class="qr">{{{qr_svg}}}</div>
        <p>Key: <code id="totp-secret">{{secret}}</code></p>
        <form method="post" action="/ui/account/mfa/totp/confirm" class="stack">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
          <div><label for="totp-code">Code from the app</label><input id="totp-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required></div>
          <div class="actions"><button type="submit" id="confirm-totp">Turn on</button></div>
        </form>
      </div>
      {{/enrolment}}
      {{#recovery_codes}}
      <div id="recovery-codes">
        <p><strong>Your recovery codes.</strong> Each works once if you lose your phone. They are shown only now: keep them somewhere safe.</p>
        <ul class="codes">{{#codes}}<li>{{.}}</li>{{/codes}}</ul>
      </div>
      {{/recovery_codes}}
      {{^enrolment}}
      <form method="post" action="/ui/account/mfa/totp" class="actions">
        <input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="add-totp">Add an authenticator app</button>
      </form>
      {{/enrolment}}
    </section>
    """#

    static let passkeys = #"""
    <section class="card separate" id="passkeys">
      <h2>Passkeys</h2>
      <p class="muted">Sign in with your fingerprint, face or device PIN instead of a password. A passkey also counts as your second step.</p>
      {{#has_passkeys}}
      <table class="sessions" id="passkey-table">
        <thead><tr><th>Name</th><th>Added</th><th>Last used</th><th>Synced</th><th></th></tr></thead>
        <tbody>
        {{#passkeys}}
        <tr data-passkey="{{id}}">
          <td>{{name}}</td><td>{{created}}</td><td>{{last_used}}</td><td>{{#backed_up}}yes{{/backed_up}}{{^backed_up}}no{{/backed_up}}</td>
          <td><form method="post" action="/ui/account/passkeys/{{id}}/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button class="link danger" type="submit">Remove</button></form></td>
        </tr>
        {{/passkeys}}
        </tbody>
      </table>
      {{/has_passkeys}}
      <div class="stack">
        <div><label for="passkey-name">Name (optional)</label><input id="passkey-name" name="passkey_name" type="text" maxlength="64" placeholder="Laptop"></div>
        <div class="actions"><button class="secondary" type="button" id="add-passkey" data-csrf="{{csrf}}">Add a passkey</button></div>
        <p class="error" id="passkey-status" role="alert" hidden></p>
      </div>
      <div id="passkey-recovery" hidden>
        <p class="notice">Your passkey is added. Keep these recovery codes somewhere safe: each signs you in once if you lose your devices.</p>
        <pre class="codes" id="passkey-recovery-codes"></pre>
        <p><a href="/ui/account?done=passkey_added">Done</a></p>
      </div>
    </section>
    """#

    static let password = #"""
    <section class="card" id="password">
      <h2>Password</h2>
      <form method="post" action="/ui/account/password" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="current-password">Current password</label><input id="current-password" name="current_password" type="password" autocomplete="current-password" required></div>
        <div><label for="new-password">New password</label><input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required></div>
        <div class="actions"><button type="submit" id="change-password">Change password</button></div>
        <p class="muted">Every other device is signed out.</p>
      </form>
    </section>
    """#
}
