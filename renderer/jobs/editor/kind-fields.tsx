/**
 * Each kind's own fields ("What it does"), bound to the draft's `action`.
 */
import { useState } from 'react';
import { z } from 'zod';
import { useApi } from '../../ipc/api-context.js';
import { TextField } from '../../components/form-fields.js';
import { deleteAt, getAt, setAt, type DraftPath, type EditorKind } from './job-draft.js';
import { pathKey } from './job-issues.js';
import { recipientsList, recipientsValue } from './recipients.js';
import { CheckboxField, ChipsField, Choice, PathField, Select, TextArea } from './editor-fields.js';
import { defaultedProps, numberProps, textProps, type DraftBinding } from './draft-binding.js';
import { BodyField, LocationField } from './location-and-body.js';

/** The schema's own address check (zod's), so a chip is marked exactly when the save would be refused. */
const EMAIL = z.email();

const A = (...rest: Array<string | number>): DraftPath => ['action', ...rest];

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function RecipientsField({ binding, field, label, hint }: { binding: DraftBinding; field: 'to' | 'cc' | 'bcc'; label: string; hint?: string }) {
  const path = A(field);
  return (
    <ChipsField
      label={label}
      hint={hint}
      placeholder="name@contoso.com"
      isInvalid={(value) => !EMAIL.safeParse(value).success}
      values={recipientsList(getAt(binding.draft, path))}
      error={binding.error(pathKey(path))}
      onChange={(list) => binding.change((draft) => (list.length === 0 ? deleteAt(draft, path) : setAt(draft, path, recipientsValue(list))), pathKey(path))}
    />
  );
}

function ListChips({ binding, path, label, hint, placeholder, keepEmpty }: { binding: DraftBinding; path: DraftPath; label: string; hint?: string; placeholder?: string; keepEmpty?: boolean }) {
  return (
    <ChipsField
      label={label}
      hint={hint}
      mono
      placeholder={placeholder}
      values={listOf(getAt(binding.draft, path))}
      error={binding.error(pathKey(path))}
      onChange={(list) => binding.change((draft) => (list.length === 0 && !keepEmpty ? deleteAt(draft, path) : setAt(draft, path, list)), pathKey(path))}
    />
  );
}

function MailSendFields({ binding }: { binding: DraftBinding }) {
  const attachments = listOf(getAt(binding.draft, A('attachments')));
  const setAttachments = (list: string[]) => binding.change((draft) => (list.length === 0 ? deleteAt(draft, A('attachments')) : setAt(draft, A('attachments'), list)), 'action.attachments');
  return (
    <>
      <RecipientsField binding={binding} field="to" label="To" hint="Type an address and press Enter; paste several separated by ; or , at once." />
      <div className="field-row">
        <RecipientsField binding={binding} field="cc" label="Cc (optional)" />
        <RecipientsField binding={binding} field="bcc" label="Bcc (optional)" />
      </div>
      <TextField label="Subject" {...textProps(binding, A('subject'))} />
      <BodyField binding={binding} path={A('body')} legend="Message" fileHint="Read when the job runs, so it can change between runs." />
      <fieldset className="subfieldset">
        <legend className="field-label">Attachments (optional)</legend>
        <p className="field-hint">Files sent with each mail: up to about 3 MB in all. Read when the job runs.</p>
        {attachments.length > 0 ? (
          <ul className="path-rows" aria-label="Attachments">
            {attachments.map((file, index) => (
              <li key={index} className="path-row">
                <PathField
                  label={`Attachment ${index + 1}`}
                  purpose="open-file"
                  value={file}
                  error={binding.error(`action.attachments.${index}`)}
                  onChange={(value) => binding.change((draft) => setAt(draft, A('attachments', index), value), `action.attachments.${index}`)}
                />
                <button type="button" className="button button-quiet" aria-label={`Remove attachment ${index + 1}${file ? ` (${file})` : ''}`} onClick={() => setAttachments(attachments.filter((_, at) => at !== index))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <AddFilesButton onAdd={(paths) => setAttachments([...attachments, ...paths])} />
        {binding.error('action.attachments') ? <p className="field-error">{binding.error('action.attachments')}</p> : null}
      </fieldset>
      <CheckboxField label="Keep a copy in Sent Items" hint="Recommended: it is how Delegate makes sure a retried mail is sent only once." {...checkboxProps(defaultedProps(binding, A('saveToSentItems'), true))} />
    </>
  );
}

function AddFilesButton({ onAdd }: { onAdd: (paths: string[]) => void }) {
  const api = useApi();
  return (
    <div className="button-row">
      <button
        type="button"
        className="button"
        onClick={() =>
          void api.request('dialog:pick-path', { purpose: 'open-files' }).then((result) => {
            if (result.ok && result.value.paths.length > 0) onAdd(result.value.paths);
          })
        }
      >
        Add files…
      </button>
      <button type="button" className="button button-quiet" onClick={() => onAdd([''])}>
        Type a path
      </button>
    </div>
  );
}

function checkboxProps(props: { value: boolean; onChange: (value: boolean) => void }) {
  return { checked: props.value, onChange: props.onChange };
}

function FilesDownloadFields({ binding }: { binding: DraftBinding }) {
  return (
    <>
      <LocationField binding={binding} path={A('source')} legend="The file to download" />
      <PathField label="Save it as" hint="A file on this computer; relative paths are inside Delegate's home." purpose="save-file" placeholder="data/budget.xlsx" {...textProps(binding, A('destination'))} />
      <CheckboxField label="Skip when unchanged" hint="Downloads only when the file changed since the last run." {...checkboxProps(defaultedProps(binding, A('skipIfUnchanged'), true))} />
    </>
  );
}

function FilesUploadFields({ binding }: { binding: DraftBinding }) {
  const conflict = defaultedProps(binding, A('conflictBehavior'), 'replace');
  return (
    <>
      <PathField label="The file to upload" hint="Read when the job runs; relative paths are inside Delegate's home." purpose="open-file" placeholder="data/export.csv" {...textProps(binding, A('source'))} />
      <LocationField binding={binding} path={A('destination')} legend="Upload it to" />
      <Select
        label="When a file of that name is there"
        value={String(conflict.value)}
        error={conflict.error}
        onChange={conflict.onChange}
        options={[
          { value: 'replace', label: 'Replace it (default)' },
          { value: 'rename', label: 'Keep both (rename the new one)' },
          { value: 'fail', label: 'Fail the run' },
        ]}
      />
    </>
  );
}

function TeamsFields({ binding }: { binding: DraftBinding }) {
  const action = (getAt(binding.draft, ['action']) ?? {}) as Record<string, unknown>;
  const mode = 'teamId' in action || 'channelId' in action ? 'channel' : 'chat';
  const setMode = (next: 'chat' | 'channel') =>
    binding.change((draft) => {
      if (next === mode) return draft;
      if (next === 'chat') return setAt(deleteAt(deleteAt(draft, A('teamId')), A('channelId')), A('chatId'), '');
      return setAt(setAt(deleteAt(draft, A('chatId')), A('teamId'), ''), A('channelId'), '');
    }, 'action');
  return (
    <>
      <Choice
        legend="Post to"
        inline
        value={mode}
        onChange={setMode}
        error={binding.error('action')}
        options={[
          { value: 'chat', label: 'A chat' },
          { value: 'channel', label: "A team's channel" },
        ]}
      />
      {mode === 'chat' ? (
        <TextField label="Chat ID" hint="In Teams: the chat's … menu → Copy link; the ID is the part that starts with 19:" placeholder="19:…@thread.v2" mono {...keptText(binding, A('chatId'))} />
      ) : (
        <div className="field-row">
          <TextField label="Team ID" placeholder="00000000-0000-0000-0000-000000000000" mono {...keptText(binding, A('teamId'))} />
          <TextField label="Channel ID" placeholder="19:…@thread.tacv2" mono {...keptText(binding, A('channelId'))} />
        </div>
      )}
      <BodyField binding={binding} path={A('body')} legend="Message" fileHint="Read when the job runs, so the post can change between runs." />
    </>
  );
}

/** A text that stays in the draft when emptied (the chat/channel choice is made by which keys are there). */
function keptText(binding: DraftBinding, path: DraftPath) {
  const props = textProps(binding, path);
  return { ...props, onChange: (text: string) => binding.change((draft) => setAt(draft, path, text), pathKey(path)) };
}

function MailAttachmentsFields({ binding }: { binding: DraftBinding }) {
  const F = (key: string) => A('filter', key);
  return (
    <>
      <div className="field-row">
        <TextField label="Mailbox (optional)" hint="A shared mailbox you have access to; empty: your own." placeholder="ops@contoso.com" {...textProps(binding, A('mailbox'))} />
        <TextField label="Folder" hint="A folder name or ID; empty: the Inbox." placeholder="inbox" {...textProps(binding, A('folder'))} />
      </div>
      <fieldset className="subfieldset">
        <legend className="field-label">Which mails</legend>
        <div className="field-row">
          <TextField label="From (optional)" placeholder="billing@fabrikam.com" {...textProps(binding, F('from'))} />
          <TextField label="Subject contains (optional)" {...textProps(binding, F('subjectContains'))} />
        </div>
        <div className="field-row">
          <TextField label="Received within (days)" hint="Optional: only mails this recent." narrow {...numberProps(binding, F('receivedWithinDays'))} />
          <TextField label="Attachment names (optional)" hint="A pattern such as *.pdf" mono {...textProps(binding, F('attachmentNamePattern'))} />
        </div>
        <CheckboxField label="Unread mails only" {...checkboxProps(defaultedProps(binding, F('unreadOnly'), true))} />
      </fieldset>
      <PathField label="Save attachments to" hint="A folder on this computer; each attachment is saved once." purpose="folder" placeholder="invoices" {...textProps(binding, A('saveTo'))} />
      <fieldset className="subfieldset">
        <legend className="field-label">Afterwards</legend>
        <CheckboxField label="Mark the mail read" hint="Only once all its attachments are saved." {...checkboxProps(defaultedProps(binding, A('markRead'), false))} />
        <TextField label="Move the mail to (optional)" hint="A folder name or ID." {...textProps(binding, A('moveTo'))} />
      </fieldset>
    </>
  );
}

function GraphRequestFields({ binding }: { binding: DraftBinding }) {
  const method = defaultedProps(binding, A('method'), 'GET');
  const body = getAt(binding.draft, A('body'));
  const [bodyText, setBodyText] = useState(() => (body === undefined ? '' : JSON.stringify(body, null, 2)));
  const onBody = (text: string) => {
    setBodyText(text);
    if (text.trim() === '') {
      binding.setLocalError('action.body', undefined);
      binding.change((draft) => deleteAt(draft, A('body')), 'action.body');
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      binding.setLocalError('action.body', undefined);
      binding.change((draft) => setAt(draft, A('body'), parsed), 'action.body');
    } catch (error) {
      binding.setLocalError('action.body', `Is not valid JSON: ${(error as Error).message}`);
    }
  };
  return (
    <>
      <div className="field-row field-row-method">
        <Select
          label="Method"
          narrow
          value={String(method.value)}
          error={method.error}
          onChange={method.onChange}
          options={['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].map((value) => ({ value, label: value }))}
        />
        <TextField label="Path" hint="After the Graph address, e.g. /me/messages?$top=10" placeholder="/me" mono {...textProps(binding, A('path'))} />
      </div>
      <TextArea label="Body (JSON, optional)" hint="Sent as JSON with POST, PATCH or PUT." rows={5} mono value={bodyText} error={binding.error('action.body')} onChange={onBody} placeholder={'{ "displayName": "…" }'} />
      <PathField label="Save the answer to (optional)" hint="A file on this computer; the answer is written as JSON." purpose="save-file" placeholder="out/me.json" {...textProps(binding, A('saveTo'))} />
      <ListChips binding={binding} path={A('scopes')} label="Permissions it needs (optional)" hint="Graph permissions, e.g. Sites.Read.All: Delegate warns before a run when the profile lacks one." placeholder="Sites.Read.All" />
    </>
  );
}

function ScriptFields({ binding }: { binding: DraftBinding }) {
  const args = listOf(getAt(binding.draft, A('args')));
  const [argsText, setArgsText] = useState(() => args.join('\n'));
  const tokens = getAt(binding.draft, A('tokens'));
  const tokenMode = tokens === undefined ? 'default' : Array.isArray(tokens) && tokens.length === 0 ? 'none' : 'list';
  const tokenRows = Array.isArray(tokens) ? (tokens as Array<Record<string, unknown>>) : [];
  const broker = getAt(binding.draft, A('broker'));
  const brokerMode = broker === undefined ? 'default' : broker === false ? 'off' : 'resources';
  const env = getAt(binding.draft, A('env'));
  const envNames = env && typeof env === 'object' ? Object.keys(env) : [];
  return (
    <>
      <PathField label="Program" hint="The program to run, e.g. python3 or the full path of a script; found on PATH like in a terminal." purpose="program" placeholder="python3" chooseLabel="Choose…" {...textProps(binding, A('command'))} />
      <TextArea
        label="Arguments (optional)"
        hint="One argument per line, passed as they are: no shell, no quoting needed. Empty lines are left out."
        rows={3}
        mono
        value={argsText}
        error={binding.error('action.args')}
        onChange={(text) => {
          setArgsText(text);
          const lines = text.split(/\r?\n/).filter((line) => line !== '');
          binding.change((draft) => (lines.length === 0 ? deleteAt(draft, A('args')) : setAt(draft, A('args'), lines)), 'action.args');
        }}
      />
      <PathField label="Run it in (optional)" hint="The working folder; empty: Delegate's home." purpose="folder" {...textProps(binding, A('cwd'))} />
      {envNames.length > 0 ? (
        <p className="field-hint">
          Other environment variables set in jobs.yaml are kept as written there: <span className="mono">{envNames.join(', ')}</span>.
        </p>
      ) : null}
      <fieldset className="subfieldset">
        <legend className="field-label">Tokens for the script</legend>
        <p className="field-hint">Tokens are handed over only in the environment variables named here, never in the arguments.</p>
        <Choice
          legend="Environment variables"
          value={tokenMode}
          error={binding.error('action.tokens')}
          onChange={(next) =>
            binding.change((draft) => (next === 'default' ? deleteAt(draft, A('tokens')) : setAt(draft, A('tokens'), next === 'none' ? [] : tokenRows.length > 0 ? tokenRows : [{ env: 'GRAPH_TOKEN' }])), 'action.tokens')
          }
          options={[
            { value: 'default', label: 'A Graph token in GRAPH_TOKEN (default)' },
            { value: 'list', label: 'These variables' },
            { value: 'none', label: 'No tokens' },
          ]}
        />
        {tokenMode === 'list' ? (
          <>
            <ul className="token-rows" aria-label="Token variables">
              {tokenRows.map((row, index) => (
                <li key={index} className="token-row">
                  <TextField label={`Variable ${index + 1}`} placeholder="GRAPH_TOKEN" mono {...keptText(binding, A('tokens', index, 'env'))} />
                  <TextField
                    label="Resource (optional)"
                    placeholder="Graph"
                    mono
                    {...textProps(binding, A('tokens', index, 'resource'))}
                  />
                  <ListChips binding={binding} path={A('tokens', index, 'scopes')} label="Scopes (optional)" placeholder="Sites.Read.All" />
                  <button
                    type="button"
                    className="button button-quiet token-remove"
                    aria-label={`Remove variable ${index + 1}${typeof row.env === 'string' && row.env ? ` (${row.env})` : ''}`}
                    onClick={() => binding.change((draft) => deleteAt(draft, A('tokens', index)), 'action.tokens')}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <div className="button-row">
              <button type="button" className="button" onClick={() => binding.change((draft) => setAt(draft, A('tokens', tokenRows.length), { env: '' }), 'action.tokens')}>
                Add a variable
              </button>
            </div>
          </>
        ) : null}
      </fieldset>
      <fieldset className="subfieldset">
        <legend className="field-label">Token broker for Azure SDKs</legend>
        <Choice
          legend="Which resources the broker serves"
          value={brokerMode}
          error={binding.error('action.broker')}
          onChange={(next) => binding.change((draft) => (next === 'default' ? deleteAt(draft, A('broker')) : setAt(draft, A('broker'), next === 'off' ? false : { resources: ['graph'] })), 'action.broker')}
          options={[
            { value: 'default', label: "Graph and the profile's extra resources (default)" },
            { value: 'resources', label: 'Only these resources' },
            { value: 'off', label: 'Off: refuse every request' },
          ]}
        />
        {brokerMode === 'resources' ? (
          <ListChips binding={binding} path={A('broker', 'resources')} label="Resources" keepEmpty hint="graph, or an https:// address such as https://contoso.sharepoint.com" placeholder="graph" />
        ) : null}
      </fieldset>
    </>
  );
}

export function KindFields({ kind, binding }: { kind: EditorKind; binding: DraftBinding }) {
  switch (kind) {
    case 'mail.send':
      return <MailSendFields binding={binding} />;
    case 'files.download':
      return <FilesDownloadFields binding={binding} />;
    case 'files.upload':
      return <FilesUploadFields binding={binding} />;
    case 'teams.message':
      return <TeamsFields binding={binding} />;
    case 'mail.attachments':
      return <MailAttachmentsFields binding={binding} />;
    case 'graph.request':
      return <GraphRequestFields binding={binding} />;
    case 'script':
      return <ScriptFields binding={binding} />;
  }
}

