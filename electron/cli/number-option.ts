/**
 * Number options of the CLI, range-checked: `--grace 99999999999` must be refused, not turned into a 1 ms wait
 * by setTimeout's 32-bit limit, and `--limit 1e9` must not ask SQLite for a billion rows.
 */
import { badInput } from './cli-io.js';

export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only (counts, days). */
  integer?: boolean;
  /** What the number counts, for the message: "seconds", "days", "runs". */
  unit: string;
}

/** Parses `raw` given for `flag` of `command`; an empty, non-numeric or out-of-range value is exit 2 with the range. */
export function numberOption(command: string, flag: string, raw: string, range: NumberRange, usage: string): number {
  const text = raw.trim();
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  const kind = range.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    throw badInput(`${command}: ${flag} "${raw}" is not ${kind} of ${range.unit} from ${range.min} to ${range.max}.`, `Give ${flag} ${kind} from ${range.min} to ${range.max}. Usage: ${usage}`);
  }
  return value;
}
