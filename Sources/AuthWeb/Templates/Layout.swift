/// The frame of every page: `{{> head}}` … `{{> foot}}`. Context keys: `title`, `signed_in`,
/// `email`, `is_admin`, `csrf`, `notice`, `error`, and `refresh` (a URL the page goes on to by
/// itself).
enum Layout {
    static let head = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · authd</title>
    {{#refresh}}<meta http-equiv="refresh" content="0;url={{refresh}}">{{/refresh}}
    <link rel="stylesheet" href="/ui/assets/style.css">
    <script src="/ui/assets/passkeys.js" defer></script>
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/ui/">authd</a>
      {{#signed_in}}
      <nav>
        <a href="/ui/account">Account</a>
        {{#is_admin}}<a href="/admin/">Admin</a>{{/is_admin}}
      </nav>
      <span class="muted" id="signed-in-as">{{email}}</span>
      <form method="post" action="/ui/sign-out"><input type="hidden" name="csrf" value="{{csrf}}"><button class="link" type="submit" id="sign-out">Sign out</button></form>
      {{/signed_in}}
    </header>
    <main class="{{main_class}}">
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#error}}<p class="error" role="alert" id="error">{{error}}</p>{{/error}}
    """#

    static let foot = #"""
    </main>
    </body>
    </html>
    """#

    /// An error page (403, 404, 429 …).
    static let errorPage = #"""
    {{> head}}
    <h1>{{heading}}</h1>
    <section class="card"><p>{{message}}</p><p><a href="{{back}}">Back</a></p></section>
    {{> foot}}
    """#
}
