/**
 * The evidence pack's style sheet, inlined (and allowed by its hash in the pack's CSP): a plain report that
 * reads on screen and prints on A4/Letter, in the system's fonts, with no external resource.
 */
export const EVIDENCE_CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad;--ok:#1a7f37;--bad:#b42318;--warn-bg:#fff8e6;--warn-line:#e7b43c}
*{box-sizing:border-box}
html{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
body{margin:0 auto;max-width:64rem;padding:2rem 2.5rem 3rem}
code{font:0.86em/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;background:var(--soft);border-radius:3px;padding:0 0.25em;overflow-wrap:anywhere}
.masthead{border-bottom:3px solid var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:0.08em;font-size:0.78rem;font-weight:600;color:var(--accent)}
h1{font-size:1.65rem;line-height:1.25;margin:0.2rem 0 1rem}
h2{font-size:1.2rem;margin:2.2rem 0 0.6rem;padding-bottom:0.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.3rem 0 0.4rem}
.meta{display:grid;grid-template-columns:repeat(4,1fr);gap:0.75rem;margin:0}
.meta div{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:0.5rem 0.75rem}
.meta dt{font-size:0.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:0.04em}
.meta dd{margin:0;font-weight:600}
p{margin:0.5rem 0}
table{border-collapse:collapse;width:100%;margin:0.4rem 0 0.8rem}
.facts th{width:13rem;text-align:left;vertical-align:top;font-weight:600;color:var(--muted);padding:0.35rem 0.75rem 0.35rem 0;border-bottom:1px solid var(--soft)}
.facts td{padding:0.35rem 0;border-bottom:1px solid var(--soft);overflow-wrap:anywhere;unicode-bidi:isolate}
.grid th{background:var(--soft);text-align:left;font-size:0.82rem;color:var(--muted);padding:0.4rem 0.5rem;border:1px solid var(--line)}
.grid td{padding:0.4rem 0.5rem;border:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere;unicode-bidi:isolate}
.grid .n{text-align:right;font-variant-numeric:tabular-nums;width:4.6rem}
.runs td:first-child{white-space:nowrap}
.runs td:nth-child(n+8){white-space:nowrap;font-size:0.86rem}
.hashes .hash{font-size:0.8rem;word-break:break-all}
.job{border:1px solid var(--line);border-radius:8px;padding:0.2rem 1rem 0.4rem;margin:0.9rem 0;break-inside:avoid}
.job h3{margin:0.7rem 0 0.4rem}
.name{font-weight:700;unicode-bidi:isolate}
.kind{font:0.8rem ui-monospace,Menlo,Consolas,monospace;color:var(--muted);margin-left:0.3rem}
.badge{display:inline-block;font-size:0.72rem;font-weight:600;border-radius:999px;padding:0.05rem 0.55rem;margin-left:0.2rem;background:var(--soft);border:1px solid var(--line);color:var(--muted);vertical-align:middle}
.access-write,.access-send{background:#fff1e6;border-color:#f0b37e;color:#8a4b08}
.access-run{background:#f3ecff;border-color:#c6b0f2;color:#5b2fa0}
.access-read{background:#eaf5ff;border-color:#9ccaf0;color:#0b5cad}
.off{background:#eee;color:#555}
.chips{list-style:none;display:flex;flex-wrap:wrap;gap:0.35rem;padding:0;margin:0.3rem 0}
.chips li{font:0.82rem ui-monospace,Menlo,Consolas,monospace;background:#eaf5ff;border:1px solid #9ccaf0;border-radius:4px;padding:0.1rem 0.45rem}
.source{color:var(--muted);font-size:0.86rem}
.note{color:var(--muted)}
.warn{background:var(--warn-bg);border-left:4px solid var(--warn-line);padding:0.5rem 0.75rem;border-radius:0 6px 6px 0}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--bad);font-weight:600}
.ctl{color:var(--bad);font:0.8em ui-monospace,Menlo,Consolas,monospace;background:#fde8e8;border-radius:3px;padding:0 0.15em}
.absent{background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:0.2rem 1rem 0.6rem;margin-top:2rem}
.absent h2{border:0;margin-top:0.8rem}
footer{margin-top:2rem;color:var(--muted);font-size:0.8rem;border-top:1px solid var(--line);padding-top:0.8rem}
@media (max-width:48rem){.meta{grid-template-columns:repeat(2,1fr)}body{padding:1rem}}
@media print{html{font-size:11pt}body{max-width:none;padding:0}h2{break-after:avoid}.profile,.job,tr{break-inside:avoid}}
`;
