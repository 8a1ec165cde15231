import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../../electron/core/history/redact.js';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Ik1yNS1BVWliZkJpaTdOZDFqQmViYXhib1hXMCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJ0aWQiOiI3MmY5ODhiZiJ9.Zm9vYmFyYmF6LXNpZ25hdHVyZV9wYXJ0';
const UNSIGNED_JWT = 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ0ZW5hbnQiLCJvaWQiOiJ1c2VyIn0.';
const ENTRA_REFRESH =
  '1.AUEBv4j5cvGGr0GRqy180BHbR-P1OPhmlvVLk_kvBXh0T2tAAOpBAA.AgABAwEAAAApTwJmzXqdR4BN2miheQMYAgDs_wUA9P-VFJEJGxJtVHgYsKsjxJNz8UBWgUKyMRfjXkFvK2QtrgDx2ZnV94mS3r5qY-LyOkzKhCl8NqUvXbvHqHA6yxCl4ZoWnHI7tp3U9x6D';
const MSA_REFRESH = 'M.C534_BAY.0.U.-CmrLe8Zx1r5Y4p9G0v!Qx2sG*HtEkB8mVn3rZ9yJ$aKpLwT6uQf7bNcDdEeFfGgHhIiJj';

describe('secret redaction', () => {
  it('replaces a JWT wherever it appears', () => {
    expect(redactSecrets(`token=${JWT}`)).toBe(`token=${REDACTED}`);
    expect(redactSecrets(`id_token ${UNSIGNED_JWT} seen`)).toBe(`id_token ${REDACTED} seen`);
    expect(redactSecrets(`["${JWT}","${JWT}"]`)).toBe(`["${REDACTED}","${REDACTED}"]`);
  });

  it('replaces the token after Bearer, whatever its shape, and keeps the word', () => {
    expect(redactSecrets(`Authorization: Bearer ${JWT}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('authorization: bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==\nnext line')).toBe(`authorization: bearer ${REDACTED}\nnext line`);
  });

  it('finds an Entra or Microsoft account refresh token inside a longer text', () => {
    const text = `cache dump: {"secret": "${ENTRA_REFRESH}", "home_account_id": "abc.def"} and then ${MSA_REFRESH} end`;
    const redacted = redactSecrets(text);
    expect(redacted).toBe(`cache dump: {"secret": "${REDACTED}", "home_account_id": "abc.def"} and then ${REDACTED} end`);
  });

  it('redacts the values of OAuth fields in token responses and form bodies', () => {
    expect(redactSecrets('{"token_type":"Bearer","expires_in":3599,"access_token":"short-opaque-value","refresh_token":"another"}')).toBe(
      `{"token_type":"Bearer","expires_in":3599,"access_token":"${REDACTED}","refresh_token":"${REDACTED}"}`,
    );
    expect(redactSecrets('grant_type=refresh_token&refresh_token=abc123&client_id=11111111-2222-3333-4444-555555555555')).toBe(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client_id=11111111-2222-3333-4444-555555555555`,
    );
    expect(redactSecrets('client_secret: Abc8Q~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(`client_secret: ${REDACTED}`);
  });

  it('redacts an Entra client secret by its shape', () => {
    expect(redactSecrets('secret is Abc8Q~Xy1_zW2-vU3.tS4~rQ5pO6nM7lK8jI9hG0 end')).toBe(`secret is ${REDACTED} end`);
  });

  it('redacts long opaque base64url and base64 strings', () => {
    const opaque = 'A1b2C3d4E5f6'.repeat(10);
    expect(redactSecrets(`key ${opaque}.`)).toBe(`key ${REDACTED}.`);
    const base64 = 'QUJD+/9aWWVz'.repeat(10) + '==';
    expect(redactSecrets(`blob:${base64}`)).toBe(`blob:${REDACTED}`);
  });

  it('leaves ordinary text, file paths, IDs and dates alone', () => {
    const texts = [
      "Sent 'Daily report' to 3 recipients with 2 attachments",
      'Copied 12 files from /Users/alice/Library/CloudStorage/OneDrive-Contoso/Shared Documents/Reports/2026/Q1/Quarterly-Report-Final-v2 to Archive',
      '/home/alice/projects/delegate/node_modules/@azure/msal-node/dist/cache/persistence/PersistenceCachePlugin1234567.js',
      'C:\\Users\\alice\\AppData\\Roaming\\Delegate\\history.sqlite',
      'The Bearer token was rejected; sign in again. The refresh_token expired.',
      'request-id 6f1c2b9e-1d0a-4c56-9a3e-0b7d2f4e8a11, AADSTS700082 at 2026-03-01T08:00:00.000Z',
      '-'.repeat(120),
      'Version 1.Alpha shipped; see https://learn.microsoft.com/en-us/graph/api/user-sendmail?view=graph-rest-1.0',
      'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    ];
    for (const text of texts) expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redactSecrets(`Bearer ${JWT} refresh_token=${ENTRA_REFRESH}`);
    expect(redactSecrets(once)).toBe(once);
  });
});
