/// The dashboard's webhook page: endpoints, and deliveries with their attempts and a redeliver
/// button (docs/admin.md, "Webhooks").
enum AdminWebhookTemplates {
    static let page = #"""
    {{> head}}
    <h1>Webhooks</h1>
    {{> admin_nav}}
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{^enabled}}<section class="card"><p class="muted">Webhooks are not configured on this server.</p></section>{{/enabled}}
    {{#enabled}}
    <section class="card" id="endpoints">
      <h2>Endpoints</h2>
      <p class="muted">Add and remove them with <code>authd webhooks add URL --events …</code> or the admin API.</p>
      <div class="table-wrap"><table>
        <thead><tr><th>URL</th><th>Events</th><th>Since</th><th>Id</th></tr></thead>
        <tbody>
        {{#endpoints}}<tr><td class="mono">{{url}}</td><td>{{events}}</td><td>{{created}}</td><td class="mono">{{id}}</td></tr>{{/endpoints}}
        {{^endpoints}}<tr><td colspan="4" class="muted">No endpoint.</td></tr>{{/endpoints}}
        </tbody>
      </table></div>
    </section>
    <section class="card" id="deliveries">
      <h2>Deliveries</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>Queued</th><th>Event</th><th>webhook-id</th><th>State</th><th>Attempts</th><th>Last answer</th><th>Next attempt</th><th></th></tr></thead>
        <tbody>
        {{#deliveries}}
        <tr class="delivery-row" data-state="{{state}}"><td>{{created}}</td><td>{{event}}</td><td class="mono">{{webhook_id}}</td>
          <td>{{#given_up}}<span class="badge danger">given up</span>{{/given_up}}{{^given_up}}{{state}}{{/given_up}}</td>
          <td class="attempts">{{attempts}}</td><td class="muted">{{last}}</td><td>{{next}}</td>
          <td><form method="post" action="/admin/webhooks/deliveries/{{id}}/redeliver" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">Redeliver</button></form></td></tr>
        {{/deliveries}}
        {{^deliveries}}<tr><td colspan="8" class="muted">No delivery yet.</td></tr>{{/deliveries}}
        </tbody>
      </table></div>
    </section>
    {{/enabled}}
    {{> foot}}
    """#
}
