/// The pages of authd as an OpenID Provider (docs/oidc.md): consent, and the logout
/// confirmation and result.
enum OpenIDTemplates {
    static let consent = #"""
    {{> head}}
    <h1>Allow {{client}}?</h1>
    <section class="card" id="consent">
      <p><strong>{{client}}</strong> wants to sign you in as <strong>{{email}}</strong> and see:</p>
      <ul>{{#scopes}}<li>{{.}}</li>{{/scopes}}</ul>
      <form method="post" action="/oauth2/consent" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="request" value="{{request}}">
        <div class="actions">
          <button type="submit" name="decision" value="allow" id="consent-allow">Allow</button>
          <button type="submit" name="decision" value="deny" class="secondary" id="consent-deny">Deny</button>
        </div>
      </form>
      <p class="muted">You can disconnect it at any time from your account page, under "Connected apps".</p>
    </section>
    {{> foot}}
    """#

    static let logoutConfirm = #"""
    {{> head}}
    <h1>Sign out?</h1>
    <section class="card" id="logout-confirm">
      <p>{{#client}}{{client}} asks to sign you out.{{/client}}{{^client}}Sign out of this service?{{/client}}</p>
      <form method="post" action="/oauth2/logout" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="confirm" value="yes">
        {{#client_id}}<input type="hidden" name="client_id" value="{{client_id}}">{{/client_id}}
        {{#post_logout_redirect_uri}}<input type="hidden" name="post_logout_redirect_uri" value="{{post_logout_redirect_uri}}">{{/post_logout_redirect_uri}}
        {{#state}}<input type="hidden" name="state" value="{{state}}">{{/state}}
        <div class="actions"><button type="submit" id="logout-yes">Sign out</button></div>
      </form>
    </section>
    {{> foot}}
    """#

    /// The way back to the app after one of our forms (sign-in, second factor, consent, logout
    /// confirmation): a page that navigates by itself. A redirect would be refused: the pages'
    /// `form-action 'self'` covers every redirect that follows a form's submission.
    static let continueToApp = #"""
    {{> head}}
    <h1>Back to the app</h1>
    <section class="card" id="continue-to-app"><p><a href="{{location}}" id="continue-link">Continue</a></p></section>
    {{> foot}}
    """#

    static let signedOut = #"""
    {{> head}}
    <h1>Signed out</h1>
    <section class="card" id="signed-out"><p>You are signed out.</p><p><a href="/ui/sign-in">Sign in again</a></p></section>
    {{> foot}}
    """#
}
