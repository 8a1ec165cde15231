/**
 * The fields every job has: "When" (schedule, time zone, catch-up) and "How it runs" (enabled, profile, notify,
 * timeout, retries).
 */
import { useMemo } from 'react';
import { TextField } from '../../components/form-fields.js';
import { Switch } from '../../components/switch.js';
import { ScheduleBuilder } from '../schedule/schedule-builder.js';
import { deleteAt, getAt, setAt } from './job-draft.js';
import { Choice, Select } from './editor-fields.js';
import { defaultedProps, numberProps, type DraftBinding } from './draft-binding.js';

/** The IANA zones this runtime knows, or a short list where `Intl.supportedValuesOf` is missing. */
function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    if (intl.supportedValuesOf) return intl.supportedValuesOf('timeZone');
  } catch {
    // An older engine: the fallback below.
  }
  return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
}

export function WhenFields({ binding }: { binding: DraftBinding }) {
  const zones = useMemo(() => timeZones(), []);
  const computerZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const schedule = getAt(binding.draft, ['schedule']);
  const timezone = getAt(binding.draft, ['timezone']);
  const zone = typeof timezone === 'string' ? timezone : '';
  const zoneOptions = [{ value: '', label: `The computer's (${computerZone})` }, ...(zone !== '' && !zones.includes(zone) ? [{ value: zone, label: `${zone} (as written)` }] : []), ...zones.map((value) => ({ value, label: value.replace(/_/g, ' ') }))];
  const catchUp = defaultedProps(binding, ['catchUp'], 'once');
  return (
    <fieldset className="fieldset">
      <legend>When</legend>
      <ScheduleBuilder
        schedule={typeof schedule === 'string' ? schedule : ''}
        timeZone={zone === '' ? undefined : zone}
        onScheduleChange={(next) => binding.change((draft) => setAt(draft, ['schedule'], next), 'schedule')}
        {...(binding.error('schedule') ? { error: binding.error('schedule') } : {})}
      />
      <Select
        label="Time zone"
        hint="The schedule's times are in this zone."
        value={zone}
        error={binding.error('timezone')}
        onChange={(next) => binding.change((draft) => (next === '' ? deleteAt(draft, ['timezone']) : setAt(draft, ['timezone'], next)), 'timezone')}
        options={zoneOptions}
      />
      <Choice
        legend="After sleep or downtime"
        value={catchUp.value as 'once' | 'none'}
        error={catchUp.error}
        onChange={catchUp.onChange}
        options={[
          { value: 'once', label: 'Run once for the runs missed (default)' },
          { value: 'none', label: 'Skip the runs missed' },
        ]}
      />
    </fieldset>
  );
}

export function HowFields({ binding, profiles }: { binding: DraftBinding; profiles: ReadonlyArray<{ name: string; isDefault: boolean }> }) {
  const enabled = defaultedProps(binding, ['enabled'], true);
  const notify = defaultedProps(binding, ['notify'], 'failure');
  const profile = getAt(binding.draft, ['profile']);
  const chosen = typeof profile === 'string' ? profile : '';
  const defaultName = profiles.find((candidate) => candidate.isDefault)?.name;
  const profileOptions = [
    { value: '', label: defaultName ? `The default profile (now ${defaultName})` : 'The default profile' },
    ...(chosen !== '' && !profiles.some((candidate) => candidate.name === chosen) ? [{ value: chosen, label: `${chosen} (no such profile)` }] : []),
    ...profiles.map((candidate) => ({ value: candidate.name, label: candidate.name })),
  ];
  return (
    <fieldset className="fieldset">
      <legend>How it runs</legend>
      <Switch label="Enabled" description={enabled.value ? 'Runs on its schedule' : 'Runs only with Run now'} checked={Boolean(enabled.value)} onChange={enabled.onChange} />
      <div className="field-row">
        <Select
          label="Run as"
          hint="The sign-in profile whose permissions the job uses."
          value={chosen}
          error={binding.error('profile')}
          onChange={(next) => binding.change((draft) => (next === '' ? deleteAt(draft, ['profile']) : setAt(draft, ['profile'], next)), 'profile')}
          options={profileOptions}
        />
        <Select
          label="Notify me"
          value={String(notify.value)}
          error={notify.error}
          onChange={notify.onChange}
          options={[
            { value: 'failure', label: 'When it fails (default)' },
            { value: 'always', label: 'After every run' },
            { value: 'never', label: 'Never' },
          ]}
        />
      </div>
      <div className="field-row">
        <TextField label="Time limit (minutes)" hint="Default 30; at most 1440." narrow {...numberProps(binding, ['timeoutMinutes'])} />
        <TextField label="Retries" hint="Default 0; at most 10." narrow {...numberProps(binding, ['retries', 'attempts'])} />
        <TextField label="Retry after (seconds)" hint="Default 60; doubles each time." narrow {...numberProps(binding, ['retries', 'backoffSeconds'])} />
      </div>
    </fieldset>
  );
}
