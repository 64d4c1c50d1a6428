/// The pages' one stylesheet, served from `/ui/assets/style.css` (CSP `style-src 'self'`: no
/// inline style anywhere). Narrow screens first; tables scroll sideways on a phone.
enum Stylesheet {
    static let css = #"""
    :root { --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --bg: #f6f7f9; --card: #fff;
            --accent: #2456c8; --danger: #b3261e; --ok: #1e7a3a; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
           color: var(--fg); background: var(--bg); }
    header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
                 padding: .75rem 1rem; background: var(--card); border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; margin-right: auto; }
    header.top nav a { margin-right: .75rem; }
    header.top form { margin: 0; }
    main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
    main.narrow { max-width: 28rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
    a { color: var(--accent); }
    section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
                   padding: 1rem; margin-bottom: 1rem; }
    section.separate { border-style: dashed; }
    label { display: block; margin: .5rem 0 .25rem; font-weight: 600; }
    input[type=email], input[type=password], input[type=text], input[type=search], select {
        width: 100%; padding: .6rem; font-size: 1rem; border: 1px solid var(--line); border-radius: 6px; }
    button, .button { display: inline-block; padding: .55rem 1rem; font-size: 1rem; border-radius: 6px;
             border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer;
             text-decoration: none; }
    button.secondary, .button.secondary { background: var(--card); color: var(--accent); }
    button.danger { background: var(--danger); border-color: var(--danger); }
    button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
    form.inline { display: inline; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
    .stack > * + * { margin-top: .75rem; }
    .notice { padding: .75rem 1rem; border-radius: 6px; margin-bottom: 1rem; background: #e7f4ea; color: var(--ok); }
    .error { padding: .75rem 1rem; border-radius: 6px; margin-bottom: 1rem; background: #fbe9e7; color: var(--danger); }
    .muted { color: var(--muted); font-size: .9rem; }
    .badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .8rem;
             background: var(--line); color: var(--fg); }
    .badge.danger { background: #fbe9e7; color: var(--danger); }
    .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin-bottom: 1rem; }
    .stat { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; }
    .stat .n { font-size: 1.6rem; font-weight: 700; display: block; }
    .table-wrap { overflow-x: auto; }
    .chart svg { display: block; max-width: 100%; height: auto; }
    .legend .key { margin-right: 1rem; white-space: nowrap; }
    table { width: 100%; border-collapse: collapse; font-size: .95rem; }
    th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { color: var(--muted); font-weight: 600; white-space: nowrap; }
    code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9rem; word-break: break-all; }
    td.mono { white-space: nowrap; word-break: normal; }
    .qr svg { width: 12rem; height: 12rem; background: #fff; padding: .5rem; }
    ul.codes { columns: 2; font-family: ui-monospace, monospace; }
    .filters { display: grid; grid-template-columns: 1fr; gap: .5rem; }
    @media (min-width: 40rem) { .filters { grid-template-columns: 2fr 1fr auto; align-items: end; } }
    """#
}
