/**
 * Two shapes several kinds share: where a OneDrive/SharePoint item is (site, my OneDrive, or a drive), and a
 * message body (text, HTML, or a file read at run time).
 */
import { TextField } from '../../components/form-fields.js';
import { deleteAt, getAt, setAt, type DraftPath } from './job-draft.js';
import { pathKey } from './job-issues.js';
import { Choice, PathField, Select, TextArea } from './editor-fields.js';
import { textProps, type DraftBinding } from './draft-binding.js';
import { bodyMode, locationMode, withLocationMode, type BodyMode, type LocationMode } from './job-shapes.js';

export function LocationField({ binding, path, legend }: { binding: DraftBinding; path: DraftPath; legend: string }) {
  const location = getAt(binding.draft, path);
  const mode = locationMode(location);
  const key = pathKey(path);
  const locationError = binding.error(key);
  return (
    <fieldset className="subfieldset">
      <legend className="field-label">{legend}</legend>
      <Select
        label="Where"
        value={mode}
        error={locationError}
        onChange={(next) => binding.change((draft) => setAt(draft, path, withLocationMode(location, next as LocationMode)), key)}
        options={[
          { value: 'me', label: 'My OneDrive' },
          { value: 'site', label: 'A SharePoint site (its URL)' },
          { value: 'drive-path', label: 'A drive by ID, and a path' },
          { value: 'drive-item', label: 'A drive and an item by ID' },
        ]}
      />
      {mode === 'site' ? <TextField label="Site URL" placeholder="https://contoso.sharepoint.com/sites/Finance" mono {...textProps(binding, [...path, 'site'])} /> : null}
      {mode === 'drive-path' || mode === 'drive-item' ? <TextField label="Drive ID" placeholder="b!…" mono {...textProps(binding, [...path, 'driveId'])} /> : null}
      {mode === 'drive-item' ? <TextField label="Item ID" mono {...textProps(binding, [...path, 'itemId'])} /> : null}
      {mode !== 'drive-item' ? (
        <TextField
          label="Path"
          hint={mode === 'site' ? "Inside the site's document library, e.g. Budget/2026.xlsx" : mode === 'me' ? 'Inside your OneDrive, e.g. Exports/report.csv' : 'Inside the drive, e.g. Reports/2026.xlsx'}
          mono
          {...textProps(binding, [...path, 'path'])}
        />
      ) : null}
    </fieldset>
  );
}

export function BodyField({ binding, path, legend, fileHint }: { binding: DraftBinding; path: DraftPath; legend: string; fileHint: string }) {
  const body = (getAt(binding.draft, path) ?? {}) as Record<string, unknown>;
  const mode = bodyMode(body);
  const key = pathKey(path);
  const setMode = (next: BodyMode) =>
    binding.change((draft) => {
      // Text typed so far moves across between text and HTML; a file path is its own thing.
      const carried = typeof body.text === 'string' ? body.text : typeof body.html === 'string' ? body.html : '';
      const rest = Object.fromEntries(Object.entries(body).filter(([entry]) => !['text', 'html', 'file', 'type'].includes(entry)));
      return setAt(draft, path, next === 'file' ? { ...rest, file: typeof body.file === 'string' ? body.file : '' } : { ...rest, [next]: carried });
    }, key);
  const fileType = typeof body.type === 'string' ? body.type : '';
  return (
    <fieldset className="subfieldset">
      <legend className="field-label">{legend}</legend>
      <Choice
        legend="Written as"
        inline
        value={mode}
        onChange={setMode}
        error={binding.error(key)}
        options={[
          { value: 'text', label: 'Text' },
          { value: 'html', label: 'HTML' },
          { value: 'file', label: 'From a file' },
        ]}
      />
      {mode === 'text' ? <TextArea label="Message text" rows={5} {...bodyText(binding, [...path, 'text'])} /> : null}
      {mode === 'html' ? <TextArea label="Message HTML" rows={5} mono {...bodyText(binding, [...path, 'html'])} /> : null}
      {mode === 'file' ? (
        <>
          <PathField label="Message file" hint={fileHint} purpose="open-file" placeholder="reports/summary.html" {...textProps(binding, [...path, 'file'])} />
          <Select
            label="The file holds"
            value={fileType}
            onChange={(next) => binding.change((draft) => (next === '' ? deleteAt(draft, [...path, 'type']) : setAt(draft, [...path, 'type'], next)), pathKey([...path, 'type']))}
            options={[
              { value: '', label: 'HTML if it ends in .html, else text' },
              { value: 'text', label: 'Text' },
              { value: 'html', label: 'HTML' },
            ]}
          />
        </>
      ) : null}
    </fieldset>
  );
}

/** A body's text: kept even when empty (an empty body is a body; deleting the key would make none). */
function bodyText(binding: DraftBinding, path: DraftPath) {
  const value = getAt(binding.draft, path);
  return {
    value: typeof value === 'string' ? value : '',
    error: binding.error(pathKey(path)),
    onChange: (text: string) => binding.change((draft) => setAt(draft, path, text), pathKey(path)),
  };
}
