/**
 * Strings that a YAML 1.1 reader takes for something else: `yes`/`no`/`on`/`off`/`y`/`n` (booleans), `0o17`-less
 * octals `017`, `1_000`, `1:20` (sexagesimal), `.inf`, `2026-01-01` (a date), `<<` and `=`. Delegate reads YAML 1.2,
 * where these are text, but the person's own tools (PyYAML, Ruby, older editors' schemas) read 1.1: such a value
 * is written quoted so that every reader sees the same text.
 *
 * The tests are the yaml library's own YAML 1.1 schema, plus `=` (PyYAML's "value" tag, which it refuses to load).
 */
import { Document, type ScalarTag } from 'yaml';

const YAML11_TESTS: RegExp[] = [
  ...(new Document(null, { version: '1.1' }).schema.tags as ScalarTag[])
    .filter((tag) => tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp)
    .map((tag) => tag.test as RegExp),
  /^=$/,
];

export function readsDifferentlyInYaml11(text: string): boolean {
  return YAML11_TESTS.some((test) => test.test(text));
}
