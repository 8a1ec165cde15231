/**
 * Renders an evidence pack's facts as one self-contained HTML file for a security team: inline CSS, no script,
 * no image, no link that loads anything, and a Content-Security-Policy that forbids all of it (the style block
 * is allowed by its hash), so the file shows the same offline, in a mail client's viewer or an archive.
 * Every value goes through html() (html-text.ts).
 */
import { createHash } from 'node:crypto';
import type { BinaryFact, EvidenceFacts, FileModeFact, JobFacts, ProfileFacts, RunCounts } from './evidence-facts.js';
import { html } from './html-text.js';
import { EVIDENCE_CSS } from './evidence-css.js';

export function renderEvidenceHtml(facts: EvidenceFacts): string {
  const styleHash = createHash('sha256').update(EVIDENCE_CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const scope = facts.profiles.length === 1 && facts.profiles[0] ? `profile ${facts.profiles[0].name}` : `${facts.profiles.length} profiles`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${html(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Delegate ${html(facts.version)}">
<title>Delegate evidence pack — ${html(scope)} — ${html(day(facts.generatedAt))}</title>
<style>${EVIDENCE_CSS}</style>
</head>
<body>
<header class="masthead">
  <p class="eyebrow">Security evidence pack</p>
  <h1>Delegate: Microsoft 365 automation with delegated permissions</h1>
  <dl class="meta">
    <div><dt>Generated</dt><dd>${html(utc(facts.generatedAt))}</dd></div>
    <div><dt>Delegate version</dt><dd>${html(facts.version)}</dd></div>
    <div><dt>Covers</dt><dd>${html(scope)}, ${html(count(facts.jobs.length, 'job'))}</dd></div>
    <div><dt>Runs, last ${facts.historyDays} days</dt><dd>${html(totalRuns(facts))}</dd></div>
  </dl>
</header>
<main>
${overview()}
${facts.profiles.length === 0 ? '<section><h2>Sign-in profiles</h2><p class="note">No profile is configured yet: nobody has signed in with Delegate on this computer.</p></section>' : facts.profiles.map(profileSection).join('\n')}
${invalidProfiles(facts)}
${jobsSection(facts)}
${runsSection(facts)}
${filesSection(facts)}
${binariesSection(facts)}
<section class="absent">
  <h2>Not in this pack</h2>
  <p>No access token, refresh token or ID token; no password or proxy credential; no mail, message or post content
  (bodies are named by their source only); no values of the environment variables a script job sets. Scopes were
  read from Delegate's sign-in records, not from the token cache, which was not opened to write this file.</p>
</section>
</main>
<footer>Written by Delegate ${html(facts.version)} on ${html(facts.platform)} at ${html(utc(facts.generatedAt))}. Delegate's home: <code>${html(facts.home)}</code>.</footer>
</body>
</html>
`;
}

function overview(): string {
  return `<section>
<h2>What Delegate is</h2>
<p>Delegate is a desktop tray app and a command-line tool that runs the user's own Microsoft 365 automation —
scheduled mail, SharePoint and OneDrive file transfers, Teams posts, Graph calls and the user's own scripts —
<strong>signed in as that user</strong>, with <strong>delegated permissions only</strong>. It needs <strong>no app
registration</strong> in the tenant and holds <strong>no client secret or certificate</strong>: it signs in with a
Microsoft first-party public client ID (listed per profile below) through the OAuth 2.0 device code flow or the
authorization code flow with PKCE, and everything it does is limited to what that user may do and what the
scopes below grant. Conditional Access, MFA and sign-in logs apply to it as to any of the user's sign-ins; the
sign-ins show in Entra ID under the client ID's application name.</p>
<p><strong>Where tokens live.</strong> MSAL's token cache (account, refresh token, access tokens) is kept in the
operating system's keychain — the Secret Service on Linux, the Keychain on macOS, DPAPI-encrypted files on
Windows — or, only where the user chose it explicitly for a profile, in a plaintext file readable only by the user.
Tokens are never written to Delegate's configuration, logs or run history (text recorded there is redacted of
anything token-shaped). A script job receives tokens only for its own run: in environment variables it names,
or from a token endpoint on 127.0.0.1 that lives only as long as the run and answers only that run's secret.</p>
<p><strong>What leaves the machine.</strong> Requests to the profile's sign-in host (Entra ID) and to Microsoft Graph
and the SharePoint resources a job names — nothing else. Delegate has no server of its own, sends no telemetry and
no analytics; mail is sent and files are uploaded only by the jobs listed below.</p>
</section>`;
}

function profileSection(profile: ProfileFacts): string {
  const granted = profile.tokenScopes
    ? `${chips(profile.tokenScopes.scopes)}<p class="source">Decoded from the <code>scp</code> claim of the last Graph access token Entra ID issued, at ${html(utc(profile.tokenScopes.at))}.</p>`
    : `<p class="warn">Not known from a token: ${profile.account ? 'no Graph access token has been read since this version of Delegate started recording scopes' : 'nobody is signed in on this profile'}. Only the configured scopes below are known; run <code>delegate status --probe --profile ${html(profile.name)}</code> and write the pack again to record the granted ones.</p>`;
  const missing = profile.tokenScopes ? profile.configuredScopes.filter((scope) => !profile.tokenScopes?.scopes.some((have) => have.toLowerCase() === permission(scope))) : [];
  const extra = profile.tokenScopes ? profile.tokenScopes.scopes.filter((scope) => !profile.configuredScopes.some((want) => permission(want) === scope.toLowerCase())) : [];
  return `<section class="profile">
<h2>Sign-in profile <span class="name">${html(profile.name)}</span>${profile.isDefault ? ' <span class="badge">default</span>' : ''}</h2>
<table class="facts">
<tr><th>Client ID</th><td><code>${html(profile.clientId)}</code> — ${profile.clientApp ? `${html(profile.clientApp)} (a Microsoft first-party public client; no app registration in your tenant)` : '<strong>not a known Microsoft first-party app</strong>: an application registered by someone; check who owns it'}</td></tr>
<tr><th>Cloud</th><td>${html(profile.cloud)}</td></tr>
<tr><th>Authority</th><td><code>${html(profile.authority)}</code></td></tr>
<tr><th>Graph endpoint</th><td><code>${html(profile.graphBaseUrl)}</code></td></tr>
<tr><th>Tenant (configured)</th><td>${html(profile.tenantConfigured)}${profile.tenantConfigured === 'organizations' ? ' (any work or school account)' : ''}</td></tr>
${profile.caFile ? `<tr><th>Extra trusted CA</th><td><code>${html(profile.caFile)}</code> (trusted besides the operating system's certificate store for this profile's connections)</td></tr>` : ''}
<tr><th>Signed in as</th><td>${profile.account ? `${html(profile.account.username)} in tenant <code>${html(profile.account.tenantId)}</code>` : 'nobody (signed out)'}</td></tr>
<tr><th>Last interactive sign-in</th><td>${html(utc(profile.lastInteractiveAuth))}${profile.signInFlow ? ` (${html(profile.signInFlow === 'device-code' ? 'device code flow' : 'browser, authorization code with PKCE')})` : ''}</td></tr>
<tr><th>Last silent refresh</th><td>${html(utc(profile.lastSilentAuth))}</td></tr>
${profile.extraResources.length > 0 ? `<tr><th>Other resources</th><td>${profile.extraResources.map((resource) => `<code>${html(resource)}</code>`).join(', ')} (<code>.default</code> tokens from the same sign-in)</td></tr>` : ''}
</table>
<h3>Scopes granted</h3>
${granted}
${extra.length > 0 ? `<div class="note"><p>Granted beyond the configured scopes (consented earlier, or pre-authorised for the client):</p>${chips(extra)}</div>` : ''}
${missing.length > 0 ? `<div class="warn"><p>Configured but not in the token (jobs that need these will be refused by Graph):</p>${chips(missing)}</div>` : ''}
<h3>Scopes configured</h3>
${chips(profile.configuredScopes)}
<p class="source">Asked for at sign-in (the profile's setting).${profile.signInScopes.length > 0 ? ` Entra ID's answer at the last interactive sign-in: ${html(profile.signInScopes.join(' '))}.` : ''}${profile.refusedScopes.length > 0 ? ` Refused to this client ID by Microsoft (AADSTS65002), so not asked for: ${html(profile.refusedScopes.join(' '))}.` : ''}</p>
<h3>Where the token cache lives</h3>
<table class="facts">
<tr><th>Store</th><td>${html(profile.cache.store)}</td></tr>
${profile.cache.keychainEntries.map((entry) => `<tr><th>Keychain entry</th><td>service <code>${html(entry.service)}</code>, account <code>${html(entry.account)}</code><br><span class="source">${html(entry.holds)}</span></td></tr>`).join('\n')}
${profile.cache.cacheFiles.map((file) => `<tr><th>Cache file</th><td><code>${html(file.path)}</code><br><span class="source">${html(file.holds)}</span></td></tr>`).join('\n')}
</table>
${modesTable(profile.profileFiles)}
</section>`;
}

function invalidProfiles(facts: EvidenceFacts): string {
  if (facts.invalidProfiles.length === 0) return '';
  return `<section><h2>Profiles Delegate cannot read</h2><p class="note">These entries of config.json are ignored: no sign-in, no jobs run as them.</p><ul>${facts.invalidProfiles
    .map((entry) => `<li><span class="name">${html(entry.name)}</span>: ${html(entry.problems.join('; '))}</li>`)
    .join('')}</ul></section>`;
}

const ACCESS_WORDS: Record<JobFacts['access'][number], string> = { read: 'reads', write: 'writes', send: 'sends as the user', run: 'runs a program' };

function jobsSection(facts: EvidenceFacts): string {
  const file = facts.jobsFile;
  const head = `<h2>Jobs</h2><p class="source">From <code>${html(file.path)}</code>${file.exists ? '' : ' (no jobs file: no jobs)'}. What each job touches is its configuration; message bodies are not shown.</p>`;
  const problems = [file.error, ...file.problems].filter((problem): problem is string => Boolean(problem));
  const problemList = problems.length > 0 ? `<div class="warn"><p>Problems in the jobs file (jobs with an error do not run):</p><ul>${problems.map((problem) => `<li>${html(problem)}</li>`).join('')}</ul></div>` : '';
  if (facts.jobs.length === 0) return `<section>${head}${problemList}<p class="note">No jobs${facts.profiles.length === 1 ? ' run as this profile' : ''}.</p></section>`;
  return `<section>${head}${problemList}${facts.jobs.map(jobCard).join('\n')}</section>`;
}

function jobCard(job: JobFacts): string {
  return `<article class="job">
<h3><span class="name">${html(job.id)}</span>${job.name ? ` — ${html(job.name)}` : ''} <span class="kind">${html(job.kind)}</span>${job.access.map((access) => ` <span class="badge access-${access}">${html(ACCESS_WORDS[access])}</span>`).join('')}${job.enabled ? '' : ' <span class="badge off">disabled</span>'}</h3>
<table class="facts">
<tr><th>Runs as profile</th><td>${job.profile ? `<span class="name">${html(job.profile)}</span>` : 'the default profile (none is set)'}</td></tr>
<tr><th>Schedule</th><td>${html(job.scheduleInWords)} <span class="source">· cron <code>${html(job.schedule)}</code></span></td></tr>
${job.touches.map((touch) => `<tr><th>${html(touch.label)}</th><td>${html(touch.value)}</td></tr>`).join('\n')}
<tr><th>Runs, last 90 days</th><td>${html(runWords(job.runs))}</td></tr>
</table>
</article>`;
}

function runsSection(facts: EvidenceFacts): string {
  const rows = [...facts.jobs.map((job) => ({ id: job.id, runs: job.runs, former: false })), ...facts.formerJobs.map((job) => ({ ...job, former: true }))];
  const body = facts.historyError
    ? `<p class="warn">The run history could not be read: ${html(facts.historyError)}</p>`
    : rows.length === 0
      ? '<p class="note">No jobs, so no runs.</p>'
      : `<table class="grid runs"><thead><tr><th>Job</th><th class="n">Runs</th><th class="n">Succeeded</th><th class="n">Failed</th><th class="n">Timed out</th><th class="n">Skipped</th><th class="n">Interrupted</th><th>Last run</th><th>Last failure</th></tr></thead><tbody>
${rows
  .map(
    (row) =>
      `<tr><td><span class="name">${html(row.id)}</span>${row.former ? ' <span class="source">(no longer in the jobs file)</span>' : ''}</td><td class="n">${row.runs.total}</td><td class="n">${row.runs.succeeded}</td><td class="n${row.runs.failed ? ' bad' : ''}">${row.runs.failed}</td><td class="n${row.runs.timedOut ? ' bad' : ''}">${row.runs.timedOut}</td><td class="n">${row.runs.skipped}</td><td class="n">${row.runs.interrupted}</td><td>${html(utc(row.runs.lastRunAt))}</td><td>${html(utc(row.runs.lastFailureAt))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const keptAside = facts.historyKeptAside
    .map((kept) => `<p class="warn">The run history was found damaged on ${html(utc(kept.at))} and set aside as <code>${html(kept.keptAs)}</code>; runs recorded before then are not counted below (they are in that file), so these counts are a lower bound.</p>`)
    .join('');
  return `<section><h2>Runs in the last ${facts.historyDays} days</h2><p class="source">Counted from Delegate's run history (<code>history.sqlite</code>) by the time each run started, up to ${html(utc(facts.generatedAt))}.</p>${keptAside}${body}</section>`;
}

function filesSection(facts: EvidenceFacts): string {
  return `<section><h2>Files in Delegate's home</h2><p class="source">Permission bits as the file system reports them (owner-only means no access for group or others). None of these files holds a token.</p>${modesTable(facts.homeFiles)}</section>`;
}

function modesTable(files: readonly FileModeFact[]): string {
  return `<table class="grid modes"><thead><tr><th>What</th><th>Path</th><th>Mode</th><th>Access</th></tr></thead><tbody>
${files
  .map(
    (file) =>
      `<tr><td>${html(file.label)}</td><td><code>${html(file.path)}</code></td><td>${file.kind === 'missing' ? 'not there' : file.mode ? `<code>${html(file.mode)}</code>${file.kind === 'file' ? '' : ` ${html(file.kind)}`}` : html(file.kind)}</td><td>${file.ownerOnly === null ? (file.kind === 'missing' ? '' : 'ACLs (Windows)') : file.ownerOnly ? '<span class="ok">owner only</span>' : '<span class="bad">others have access</span>'}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

function binariesSection(facts: EvidenceFacts): string {
  return `<section><h2>The software that wrote this pack</h2><p class="source">SHA-256 of the files of the running Delegate, read when the pack was written. Compare them with a release you trust; each line says how to check.</p>
<table class="grid hashes"><thead><tr><th>What was hashed</th><th>SHA-256</th></tr></thead><tbody>
${facts.binaries.map(binaryRow).join('\n')}
</tbody></table></section>`;
}

function binaryRow(binary: BinaryFact): string {
  const detail = binary.sha256
    ? `<code class="hash">${html(binary.sha256)}</code><br><span class="source">${html(binary.bytes ?? 0)} bytes · check: <code>${html(binary.howToCheck)}</code></span>`
    : `<span class="bad">could not be read: ${html(binary.error ?? 'unknown error')}</span>`;
  return `<tr><td>${html(binary.label)}<br><code>${html(binary.path)}</code></td><td>${detail}</td></tr>`;
}

function chips(scopes: readonly string[]): string {
  if (scopes.length === 0) return '<p class="note">none</p>';
  return `<ul class="chips">${scopes.map((scope) => `<li>${html(scope)}</li>`).join('')}</ul>`;
}

function permission(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return (scope.includes('://') && slash >= 0 ? scope.slice(slash + 1) : scope).toLowerCase();
}

function runWords(runs: RunCounts): string {
  if (runs.total === 0) return 'none';
  const parts = [`${count(runs.total, 'run')}`, `${runs.succeeded} succeeded`];
  if (runs.failed) parts.push(`${runs.failed} failed`);
  if (runs.timedOut) parts.push(`${runs.timedOut} timed out`);
  if (runs.skipped) parts.push(`${runs.skipped} skipped`);
  if (runs.interrupted) parts.push(`${runs.interrupted} interrupted`);
  return `${parts.join(', ')}; last ${utc(runs.lastRunAt)}`;
}

function totalRuns(facts: EvidenceFacts): string {
  const all = [...facts.jobs.map((job) => job.runs), ...facts.formerJobs.map((job) => job.runs)];
  const total = all.reduce((sum, runs) => sum + runs.total, 0);
  const failed = all.reduce((sum, runs) => sum + runs.failed + runs.timedOut, 0);
  return `${total.toLocaleString('en')} (${failed.toLocaleString('en')} failed)`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2026-12-03 17:54 UTC`: one time zone for a document read elsewhere. */
function utc(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
