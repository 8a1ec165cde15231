/**
 * The emulator's web pages share one small, script-free layout: labelled fields, real buttons,
 * readable contrast. A person (or a Playwright test) drives them with the keyboard alone.
 */

const STYLE = `
  :root { color-scheme: light; font-family: "Segoe UI", system-ui, sans-serif; }
  body { margin: 0; background: #f2f2f2; color: #1b1b1b; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem 2.5rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; }
  p, li, dd, dt, legend, label { line-height: 1.5; }
  .banner { font-size: .875rem; color: #505050; margin-bottom: 1.5rem; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input[type=text] { width: 100%; box-sizing: border-box; font-size: 1.125rem; padding: .5rem; border: 1px solid #666; letter-spacing: .1em; }
  fieldset { border: 1px solid #ccc; padding: .75rem 1rem; margin: 1rem 0; }
  .choice { display: grid; grid-template-columns: auto 1fr; column-gap: .5rem; align-items: baseline; margin: .25rem 0; }
  .choice .hint { grid-column: 2; }
  .choice label { display: inline; font-weight: 400; margin: 0; }
  .hint { color: #505050; font-size: .875rem; }
  dl { margin: 0 0 1rem; } dt { font-weight: 600; } dd { margin: 0 0 .5rem; word-break: break-all; }
  .actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .5rem 1.5rem; border: 1px solid #0067b8; background: #0067b8; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0067b8; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
  .error { color: #a80000; background: #fde7e9; padding: .75rem; margin: 0 0 1rem; }
`;

export interface PageContent {
  readonly title: string;
  /** Already-escaped HTML for inside `<main>`. */
  readonly body: string;
}

export function renderPage(page: PageContent): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} – Delegate Entra ID emulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">Contoso – Delegate Entra ID emulator (not Microsoft)</p>
${page.body}
</main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
