/// The signed-out pages of `/ui/`: sign-in (password, then the second factor when asked),
/// sign-up, verification, password reset.
enum SignInTemplates {
    static let signIn = #"""
    {{> head}}
    <h1>Sign in</h1>
    <section class="card" id="password-sign-in">
      <form method="post" action="/ui/sign-in" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <div><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="{{form_email}}"></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
        <div class="actions"><button type="submit" id="sign-in">Sign in</button></div>
      </form>
    </section>
    {{#has_providers}}
    <section class="card" id="provider-sign-in">
      {{#providers}}
      <a class="button secondary" href="/ui/sign-in/{{name}}?next={{next_query}}" id="{{name}}-sign-in">Sign in with {{label}}</a>
      {{/providers}}
    </section>
    {{/has_providers}}
    <section class="card separate" id="passkey-sign-in">
      <h2>Passkey</h2>
      <p class="muted">No password to type: your device asks for your fingerprint, face or PIN.</p>
      <div class="actions"><button class="secondary" type="button" id="passkey-sign-in-button" data-csrf="{{csrf}}" data-next="{{next}}">Sign in with a passkey</button></div>
      <p class="error" id="passkey-status" role="alert" hidden></p>
    </section>
    <p class="muted"><a href="/ui/sign-up">Create an account</a> · <a href="/ui/reset">Forgot your password?</a></p>
    {{> foot}}
    """#

    static let mfa = #"""
    {{> head}}
    <h1>Second factor</h1>
    <section class="card">
      <p>{{instruction}}</p>
      <form method="post" action="/ui/sign-in/mfa" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <input type="hidden" name="token_id" value="{{token_id}}">
        <div><label for="method">Method</label>
          <select id="method" name="method">{{#methods}}<option value="{{value}}">{{label}}</option>{{/methods}}</select></div>
        <div><label for="code">Code</label><input id="code" name="code" type="text" inputmode="text" autocomplete="one-time-code" required></div>
        <div class="actions"><button type="submit" id="verify-mfa">Continue</button></div>
      </form>
    </section>
    {{#has_webauthn}}
    <section class="card separate" id="passkey-mfa">
      <p>Or use a passkey registered to this account.</p>
      <div class="actions"><button class="secondary" type="button" id="passkey-mfa-button" data-csrf="{{csrf}}" data-token-id="{{token_id}}" data-next="{{next}}">Use a passkey</button></div>
      <p class="error" id="passkey-status" role="alert" hidden></p>
    </section>
    {{/has_webauthn}}
    {{> foot}}
    """#

    static let signUp = #"""
    {{> head}}
    <h1>Create an account</h1>
    <section class="card">
      <form method="post" action="/ui/sign-up" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="{{form_email}}"></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required></div>
        <div class="actions"><button type="submit" id="sign-up">Create account</button></div>
      </form>
    </section>
    <p class="muted">Already have one? <a href="/ui/sign-in">Sign in</a></p>
    {{> foot}}
    """#

    static let verify = #"""
    {{> head}}
    <h1>Check your mail</h1>
    <section class="card">
      <p>If the address can be registered, we mailed a 6-digit code to it. Enter it to finish.</p>
      <form method="post" action="/ui/verify" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="token_id" value="{{token_id}}">
        <div><label for="code">Code</label><input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required></div>
        <div class="actions"><button type="submit" id="verify">Verify</button></div>
      </form>
    </section>
    {{> foot}}
    """#

    static let reset = #"""
    {{> head}}
    <h1>Reset your password</h1>
    <section class="card">
      <form method="post" action="/ui/reset" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required></div>
        <div class="actions"><button type="submit" id="request-reset">Mail me a code</button></div>
      </form>
    </section>
    {{> foot}}
    """#

    static let resetComplete = #"""
    {{> head}}
    <h1>Choose a new password</h1>
    <section class="card">
      <p>If the address has an account, we mailed a 6-digit code to it.</p>
      <form method="post" action="/ui/reset/complete" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="token_id" value="{{token_id}}">
        <div><label for="code">Code</label><input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required></div>
        <div><label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required></div>
        <div class="actions"><button type="submit" id="complete-reset">Set password</button></div>
      </form>
    </section>
    {{> foot}}
    """#

    /// The hand-over after a provider's form POST (Apple): the same fields, posted again from our
    /// own page so that the browser's cookies come with them. No script (the CSP allows none
    /// inline): the person presses the button.
    static let oauthContinue = #"""
    {{> head}}
    <h1>Signing in</h1>
    <section class="card">
      <form method="post" action="{{action}}" class="stack">
        {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">{{/fields}}
        <div class="actions"><button type="submit" id="oauth-continue">Continue</button></div>
      </form>
    </section>
    {{> foot}}
    """#
}
