/// The dashboard's OpenID client page: the registered apps, a form to register one, and each
/// client's secret shown once (docs/oidc.md, "Registering a client").
enum AdminClientTemplates {
    static let page = #"""
    {{> head}}
    <h1>OpenID clients</h1>
    {{> admin_nav}}
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
    {{#secret}}
    <section class="card" id="client-secret">
      <h2>Secret of {{name}}</h2>
      <p>Copy it now: it is not shown again.</p>
      <p>client_id <code id="new-client-id">{{client_id}}</code></p>
      <p>client_secret <code id="new-client-secret">{{value}}</code></p>
    </section>
    {{/secret}}
    <section class="card" id="clients">
      <h2>Registered apps</h2>
      <p class="muted">Also with <code>authd clients add NAME --redirect-uri URI</code> or the admin API.</p>
      <div class="table-wrap"><table>
        <thead><tr><th>Name</th><th>client_id</th><th>Kind</th><th>Redirect URIs</th><th>ID tokens</th><th>Since</th><th></th></tr></thead>
        <tbody>
        {{#clients}}
        <tr class="client-row" data-client-id="{{id}}"><td>{{name}}</td><td class="mono">{{id}}</td><td>{{kind}}</td>
          <td class="mono">{{redirect_uris}}</td><td>{{algorithm}}</td><td>{{created}}</td>
          <td>{{^public}}<form method="post" action="/admin/clients/{{id}}/rotate-secret" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">New secret</button></form>{{/public}}
            <form method="post" action="/admin/clients/{{id}}/remove" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="danger" type="submit">Remove</button></form></td></tr>
        {{/clients}}
        {{^clients}}<tr><td colspan="7" class="muted">No client.</td></tr>{{/clients}}
        </tbody>
      </table></div>
    </section>
    <section class="card" id="add-client">
      <h2>Register an app</h2>
      <form method="post" action="/admin/clients" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="client-name">Name</label><input id="client-name" name="name" required maxlength="100"></div>
        <div><label for="redirect-uris">Redirect URIs, one per line</label><textarea id="redirect-uris" name="redirect_uris" required rows="2"></textarea></div>
        <div><label for="logout-uris">Post-logout redirect URIs, one per line</label><textarea id="logout-uris" name="post_logout_redirect_uris" rows="2"></textarea></div>
        <div><label><input type="checkbox" name="public" value="yes"> Public (a browser or mobile app: no secret, PKCE)</label></div>
        <div><label><input type="checkbox" name="first_party" value="yes"> First-party (no consent page)</label></div>
        <div><label for="id-token-alg">ID token algorithm</label>
          <select id="id-token-alg" name="id_token_alg"><option>RS256</option><option>ES256</option><option>EdDSA</option></select></div>
        <div class="actions"><button type="submit" id="add-client-button">Register</button></div>
      </form>
    </section>
    {{> foot}}
    """#
}
