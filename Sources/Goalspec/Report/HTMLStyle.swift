/// The style sheet of the HTML report, inlined in it: readable on a phone (one column, charts
/// scaled to the width), on a wide screen and printed (no backgrounds lost, no chart split
/// across pages). System fonts only; nothing is fetched.
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; --met: #1b7837; --at-risk: #b35806; --not-met: #b2182b; --no-data: #6e6e6e; --error: #542788; --line: #d0d7de; --muted: #57606a; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: #1f2328; background: #ffffff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header.page, main, footer.page { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
    header.page { padding-top: 16px; }
    h1 { font-size: 1.75rem; margin: 0.5rem 0; }
    h2 { font-size: 1.35rem; margin: 1.75rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
    h3 { font-size: 1.1rem; margin: 0; }
    h4 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
    a { color: #0550ae; }
    .path, .in-goals, footer.page { color: var(--muted); font-size: 0.875rem; }
    .outcome { font-weight: 600; margin: 0.25rem 0 0.75rem; }
    .badge { display: inline-block; padding: 0 0.45em; border: 2px solid currentColor; border-radius: 4px; font-weight: 700; font-size: 0.85rem; white-space: nowrap; line-height: 1.5; }
    .badge.v-met { color: var(--met); background: #e9f5ec; }
    .badge.v-at-risk { color: var(--at-risk); background: #fff4e5; border-style: dashed; }
    .badge.v-not-met { color: #ffffff; background: var(--not-met); border-color: var(--not-met); }
    .badge.v-no-data { color: var(--no-data); background: #f2f2f2; border-style: dotted; }
    .badge.v-error { color: #ffffff; background: var(--error); border-color: var(--error); }
    ul.tally { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0.5rem 0; }
    ul.tally li { min-width: 7.5rem; padding: 6px 12px; border: 2px solid currentColor; border-radius: 6px; }
    ul.tally .n { display: block; font-size: 1.75rem; font-weight: 700; line-height: 1.2; }
    ul.tally li.v-met { color: var(--met); }
    ul.tally li.v-at-risk { color: var(--at-risk); border-style: dashed; }
    ul.tally li.v-not-met { color: var(--not-met); border-width: 3px; }
    ul.tally li.v-no-data { color: var(--no-data); border-style: dotted; }
    ul.tally li.v-error { color: var(--error); border-style: double; border-width: 4px; }
    ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
    ul.tree ul { margin-left: 0.6rem; padding-left: 1rem; border-left: 2px solid var(--line); }
    ul.tree li { margin: 0.3rem 0; }
    ul.tree .rule { color: var(--muted); font-size: 0.875rem; }
    ul.tree .goal-title { font-weight: 600; }
    article.target { border: 1px solid var(--line); border-left: 6px solid var(--no-data); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
    article.target.v-met { border-left-color: var(--met); }
    article.target.v-at-risk { border-left-color: var(--at-risk); border-left-style: dashed; }
    article.target.v-not-met { border-left-color: var(--not-met); border-left-width: 8px; }
    article.target.v-error { border-left-color: var(--error); }
    article.target header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
    dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0; font-size: 0.925rem; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    figure.chart { margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
    figure.chart figcaption { font-weight: 600; font-size: 0.925rem; margin-bottom: 4px; }
    div.chart-frame { overflow-x: auto; }
    svg.chart-svg { display: block; max-width: 100%; height: auto; }
    ul.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 6px 0 0; font-size: 0.85rem; }
    ul.legend li { display: flex; align-items: center; gap: 6px; }
    svg.swatch { flex: none; }
    pre.explanation { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border-radius: 6px; padding: 8px 12px; margin: 4px 0 0; font-size: 0.82rem; line-height: 1.45; }
    pre.diagnostics { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff8f0; border: 1px solid var(--line); padding: 8px 12px; font-size: 0.82rem; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
    @media (max-width: 640px) {
      body { font-size: 15px; }
      header.page, main, footer.page { padding: 0 10px; }
      h1 { font-size: 1.4rem; }
      article.target { padding: 10px; }
      dl.facts { grid-template-columns: minmax(0, 1fr); }
      dl.facts dt { font-weight: 600; margin-top: 4px; }
      ul.tally li { min-width: 6rem; flex: 1 1 6rem; }
      ul.tree ul { padding-left: 0.6rem; }
      svg.chart-svg { min-width: 440px; }
    }
    @media print {
      @page { margin: 14mm; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 10pt; }
      header.page, main, footer.page { max-width: none; padding: 0; }
      h2 { break-after: avoid; page-break-after: avoid; }
      a { color: inherit; text-decoration: none; }
      pre.explanation { background: none; border: 1px solid var(--line); }
      div.chart-frame { overflow: visible; }
      svg.chart-svg { max-height: 95mm; width: auto; min-width: 0; }
    }
    """
}
