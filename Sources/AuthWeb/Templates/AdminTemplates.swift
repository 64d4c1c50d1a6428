/// The dashboard of `/admin/`: overview, users, one user, audit log.
enum AdminTemplates {
    static let nav = #"""
    <nav class="actions" aria-label="Admin"><a href="/admin/">Overview</a><a href="/admin/users">Users</a><a href="/admin/audit">Audit log</a><a href="/admin/webhooks">Webhooks</a><a href="/admin/clients">OpenID clients</a></nav>
    """#

    static let overview = #"""
    {{> head}}
    <h1>Admin</h1>
    {{> admin_nav}}
    <section class="stats" id="stats">
      <div class="stat"><span class="n" id="stat-users">{{users}}</span>users</div>
      <div class="stat"><span class="n">{{verified_users}}</span>verified</div>
      <div class="stat"><span class="n" id="stat-live-sessions">{{live_sessions}}</span>live sessions</div>
      <div class="stat"><span class="n">{{sign_ins}}</span>sign-ins (24 h)</div>
      <div class="stat"><span class="n">{{sign_in_failures}}</span>failed sign-ins (24 h)</div>
      {{#outbox}}<div class="stat"><span class="n">{{pending}}</span>mail pending</div>
      <div class="stat"><span class="n">{{given_up}}</span>mail given up</div>{{/outbox}}
      {{^outbox}}<div class="stat"><span class="n">–</span>mail outbox not in use</div>{{/outbox}}
    </section>
    <section class="card" id="activity">
      <h2>Last 7 days, per hour (UTC)</h2>
      <div class="chart">{{{activity_chart}}}</div>
      <p class="legend">{{#activity_legend}}<span class="key"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{colour}}"/></svg> {{name}}: <strong class="total">{{total}}</strong></span> {{/activity_legend}}</p>
      <div class="table-wrap"><table id="activity-days">
        <thead><tr><th>Day</th><th>Sign-ins</th><th>Failed sign-ins</th><th>Sign-ups</th></tr></thead>
        <tbody>{{#activity_days}}<tr><td>{{day}}</td><td>{{sign_ins}}</td><td>{{failed}}</td><td>{{sign_ups}}</td></tr>{{/activity_days}}</tbody>
      </table></div>
      <details><summary>Every hour</summary><div class="table-wrap"><table id="activity-hours">
        <thead><tr><th>Hour</th><th>Sign-ins</th><th>Failed sign-ins</th><th>Sign-ups</th></tr></thead>
        <tbody>{{#activity_hours}}<tr><td>{{hour}}</td><td>{{sign_ins}}</td><td>{{failed}}</td><td>{{sign_ups}}</td></tr>{{/activity_hours}}</tbody>
      </table></div></details>
    </section>
    <section class="card">
      <h2>Find a user</h2>
      <form method="get" action="/admin/users" class="actions">
        <input type="search" name="query" placeholder="email starts with…" aria-label="Email starts with">
        <button type="submit">Search</button>
      </form>
    </section>
    {{> foot}}
    """#

    static let users = #"""
    {{> head}}
    <h1>Users</h1>
    {{> admin_nav}}
    <section class="card">
      <form method="get" action="/admin/users" class="actions">
        <input type="search" id="user-query" name="query" value="{{query}}" placeholder="email starts with…" aria-label="Email starts with">
        <button type="submit" id="search">Search</button>
      </form>
    </section>
    <section class="card">
      <div class="table-wrap"><table id="users">
        <thead><tr><th>Email</th><th>Verified</th><th>2FA</th><th>Status</th><th>Created</th></tr></thead>
        <tbody>
        {{#users}}
        <tr><td><a href="/admin/users/{{id}}">{{email}}</a></td><td>{{#verified}}yes{{/verified}}{{^verified}}no{{/verified}}</td>
          <td>{{#mfa}}on{{/mfa}}</td><td>{{#banned}}<span class="badge danger">banned</span>{{/banned}}</td><td>{{created}}</td></tr>
        {{/users}}
        {{^users}}<tr><td colspan="5" class="muted">No user matches.</td></tr>{{/users}}
        </tbody>
      </table></div>
      {{#next_href}}<p><a href="{{next_href}}" id="next-page">Next page</a></p>{{/next_href}}
    </section>
    {{> foot}}
    """#

    static let user = #"""
    {{> head}}
    <h1 id="user-email">{{target_email}}</h1>
    {{> admin_nav}}
    <section class="card" id="profile">
      <p>{{#verified}}Verified{{/verified}}{{^verified}}Not verified{{/verified}}
        · 2FA {{#mfa}}on ({{factors}}){{/mfa}}{{^mfa}}off{{/mfa}}
        {{#banned}}· <span class="badge danger" id="banned">banned</span>{{/banned}}
        {{#admin}}· <span class="badge">admin</span>{{/admin}}</p>
      <p class="muted">Created {{created}} · id <code>{{id}}</code>{{#providers}} · linked: {{providers}}{{/providers}}</p>
      <div class="actions">
        {{^banned}}<form method="post" action="/admin/users/{{id}}/ban" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="danger" type="submit" id="ban">Ban</button></form>{{/banned}}
        {{#banned}}<form method="post" action="/admin/users/{{id}}/unban" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="unban">Unban</button></form>{{/banned}}
        <form method="post" action="/admin/users/{{id}}/sessions/revoke" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="revoke-all">Sign out everywhere</button></form>
        {{#mfa}}<form method="post" action="/admin/users/{{id}}/reset-mfa" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="reset-mfa">Reset 2FA</button></form>{{/mfa}}
        {{^verified}}<form method="post" action="/admin/users/{{id}}/resend-verification" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit" id="resend-verification">Resend verification</button></form>{{/verified}}
        <a class="button secondary" href="/admin/audit?user={{id}}" id="user-audit">This user's audit log</a>
      </div>
    </section>
    <section class="card" id="sessions">
      <h2>Live sessions</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>Client</th><th>IP</th><th>Place</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr></thead>
        <tbody>
        {{#sessions}}
        <tr class="session-row" data-session-id="{{id}}"><td class="client">{{client}}</td><td class="mono ip">{{ip}}</td><td>{{place}}</td><td>{{created}}</td><td>{{last_used}}</td><td>{{expires}}</td>
          <td><form method="post" action="/admin/sessions/{{id}}/revoke" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="user" value="{{user_id}}"><button class="secondary" type="submit">Revoke</button></form></td></tr>
        {{/sessions}}
        {{^sessions}}<tr><td colspan="7" class="muted">No live session.</td></tr>{{/sessions}}
        </tbody>
      </table></div>
    </section>
    {{> foot}}
    """#

    static let audit = #"""
    {{> head}}
    <h1>Audit log</h1>
    {{> admin_nav}}
    <section class="card">
      <form method="get" action="/admin/audit" class="filters">
        <div><label for="audit-user">User id</label><input type="text" id="audit-user" name="user" value="{{user}}"></div>
        <div><label for="audit-type">Event</label><select id="audit-type" name="type"><option value="">any</option>
          {{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/types}}</select></div>
        <div><label for="audit-since">Since (RFC 3339)</label><input type="text" id="audit-since" name="since" value="{{since}}" placeholder="2026-11-30T00:00:00Z"></div>
        <div><button type="submit" id="filter">Filter</button></div>
      </form>
    </section>
    <section class="card">
      <div class="table-wrap"><table id="audit">
        <thead><tr><th>When</th><th>Event</th><th>User</th><th>By</th><th>IP</th><th>Client</th><th>Detail</th></tr></thead>
        <tbody>
        {{#events}}
        <tr class="event-row" data-type="{{type}}"><td>{{at}}</td><td>{{type}}</td>
          <td>{{#user_id}}<a href="/admin/users/{{user_id}}">{{user_label}}</a>{{/user_id}}</td>
          <td class="actor">{{#actor_id}}<a href="/admin/users/{{actor_id}}">{{actor_label}}</a>{{/actor_id}}</td>
          <td class="mono">{{ip}}</td><td>{{client}}</td><td class="muted">{{detail}}</td></tr>
        {{/events}}
        {{^events}}<tr><td colspan="7" class="muted">No event matches.</td></tr>{{/events}}
        </tbody>
      </table></div>
      {{#next_href}}<p><a href="{{next_href}}" id="next-page">Older events</a></p>{{/next_href}}
    </section>
    {{> foot}}
    """#
}
