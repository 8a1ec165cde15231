/**
 * A small OData `$filter` interpreter: `eq ne gt ge lt le`, `and or not`, parentheses,
 * `contains / startswith / endswith`, string, number, boolean, null and date-time literals, and
 * property paths such as `from/emailAddress/address`, and the lambda operators `any`/`all` on a
 * collection (`singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`). String
 * comparisons ignore case, as Exchange's do. Each resource says which property paths it has; any other name is an error, as on
 * Graph.
 */

export type FilterValue = string | number | boolean | Date | null;

/** Looks up a property path (`['from', 'emailAddress', 'address']`). */
export type PropertyLookup = (path: readonly string[]) => { readonly value: FilterValue } | undefined;

/** The items of a collection property (`singleValueExtendedProperties`), each looked up by its own paths. */
export type CollectionLookup = (path: readonly string[]) => readonly PropertyLookup[] | undefined;

/** For a collection property a type has, which paths its items have; undefined when it has no such collection. */
export type CollectionSchema = (path: readonly string[]) => ((itemPath: readonly string[]) => boolean) | undefined;

export type FilterResult =
  | { readonly ok: true; readonly test: (lookup: PropertyLookup, collections?: CollectionLookup) => boolean }
  | { readonly ok: false; readonly message: string };

type Token =
  | { readonly kind: 'open' | 'close' | 'comma' | 'slash' | 'colon'; readonly at: number }
  | { readonly kind: 'word'; readonly text: string; readonly at: number }
  | { readonly kind: 'literal'; readonly value: FilterValue; readonly at: number };

type Operand = { readonly kind: 'property'; readonly path: readonly string[] } | { readonly kind: 'literal'; readonly value: FilterValue };

type Expression =
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | { readonly kind: 'not'; readonly operand: Expression }
  | { readonly kind: 'compare'; readonly operator: string; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'function'; readonly name: string; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'property'; readonly path: readonly string[] }
  | { readonly kind: 'lambda'; readonly quantifier: 'any' | 'all'; readonly path: readonly string[]; readonly variable: string; readonly body: Expression };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/;

class FilterSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const char = text[at] ?? '';
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '(' || char === ')' || char === ',' || char === '/' || char === ':') {
      tokens.push({ kind: char === '(' ? 'open' : char === ')' ? 'close' : char === ',' ? 'comma' : char === ':' ? 'colon' : 'slash', at });
      at += 1;
    } else if (char === "'") {
      let value = '';
      let index = at + 1;
      for (;;) {
        if (index >= text.length) throw new FilterSyntaxError(`unterminated string literal at position ${at}`);
        if (text[index] === "'") {
          if (text[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          break;
        }
        value += text[index];
        index += 1;
      }
      tokens.push({ kind: 'literal', value, at });
      at = index + 1;
    } else if (DATE_TIME.test(rest)) {
      const match = DATE_TIME.exec(rest)?.[0] ?? '';
      tokens.push({ kind: 'literal', value: new Date(match), at });
      at += match.length;
    } else if (/^-?\d/.test(rest)) {
      const match = /^-?\d+(?:\.\d+)?/.exec(rest)?.[0] ?? '';
      tokens.push({ kind: 'literal', value: Number(match), at });
      at += match.length;
    } else if (/^[A-Za-z_@]/.test(rest)) {
      const match = /^[A-Za-z_@][A-Za-z0-9_.@]*/.exec(rest)?.[0] ?? '';
      const lower = match.toLowerCase();
      if (lower === 'true' || lower === 'false') tokens.push({ kind: 'literal', value: lower === 'true', at });
      else if (lower === 'null') tokens.push({ kind: 'literal', value: null, at });
      else tokens.push({ kind: 'word', text: match, at });
      at += match.length;
    } else {
      throw new FilterSyntaxError(`unexpected '${char}' at position ${at}`);
    }
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expression {
    const expression = this.or();
    const extra = this.tokens[this.index];
    if (extra !== undefined) throw new FilterSyntaxError(`unexpected token at position ${extra.at}`);
    return expression;
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.index];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  }

  private or(): Expression {
    let left = this.and();
    while (this.peekWord() === 'or') {
      this.index += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expression {
    let left = this.unary();
    while (this.peekWord() === 'and') {
      this.index += 1;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expression {
    if (this.peekWord() === 'not') {
      this.index += 1;
      return { kind: 'not', operand: this.unary() };
    }
    const token = this.tokens[this.index];
    if (token?.kind === 'open') {
      this.index += 1;
      const inner = this.or();
      this.expect('close');
      return inner;
    }
    const word = this.peekWord();
    if (word !== undefined && FUNCTIONS.has(word) && this.tokens[this.index + 1]?.kind === 'open') {
      this.index += 2;
      const left = this.operand();
      this.expect('comma');
      const right = this.operand();
      this.expect('close');
      return { kind: 'function', name: word, left, right };
    }
    const left = this.operand();
    const quantifier = left.kind === 'property' ? left.path.at(-1)?.toLowerCase() : undefined;
    if (left.kind === 'property' && (quantifier === 'any' || quantifier === 'all') && this.tokens[this.index]?.kind === 'open') {
      this.index += 1;
      const variable = this.tokens[this.index];
      if (variable?.kind !== 'word') throw new FilterSyntaxError(`expected a range variable at position ${variable?.at ?? 'end'}`);
      this.index += 1;
      if (this.tokens[this.index]?.kind !== 'colon') throw new FilterSyntaxError(`expected ':' at position ${this.tokens[this.index]?.at ?? 'end'}`);
      this.index += 1;
      const body = this.or();
      this.expect('close');
      return { kind: 'lambda', quantifier, path: left.path.slice(0, -1), variable: variable.text.toLowerCase(), body };
    }
    const operator = this.peekWord();
    if (operator === undefined || !COMPARISONS.has(operator)) {
      if (left.kind === 'property') return { kind: 'property', path: left.path };
      throw new FilterSyntaxError(`expected a comparison after a literal at position ${token?.at ?? 0}`);
    }
    this.index += 1;
    return { kind: 'compare', operator, left, right: this.operand() };
  }

  private operand(): Operand {
    const token = this.tokens[this.index];
    if (token === undefined) throw new FilterSyntaxError('the clause ends too early');
    this.index += 1;
    if (token.kind === 'literal') return { kind: 'literal', value: token.value };
    if (token.kind !== 'word') throw new FilterSyntaxError(`expected a property or a literal at position ${token.at}`);
    const path = [token.text];
    while (this.tokens[this.index]?.kind === 'slash') {
      const next = this.tokens[this.index + 1];
      if (next?.kind !== 'word') throw new FilterSyntaxError(`expected a property name after '/' at position ${next?.at ?? token.at}`);
      path.push(next.text);
      this.index += 2;
    }
    return { kind: 'property', path };
  }

  private expect(kind: 'open' | 'close' | 'comma'): void {
    const token = this.tokens[this.index];
    if (token?.kind !== kind) throw new FilterSyntaxError(`expected '${kind === 'open' ? '(' : kind === 'close' ? ')' : ','}' at position ${token?.at ?? 'end'}`);
    this.index += 1;
  }
}

/** The first property path the type does not have, written as in the clause; undefined when all are known. */
function unknownPath(
  expression: Expression,
  knows: (path: readonly string[]) => boolean,
  collections: CollectionSchema,
  scopes: ReadonlyMap<string, (itemPath: readonly string[]) => boolean>,
): string | undefined {
  const check = (path: readonly string[]): string | undefined => {
    const item = scopes.get(path[0]?.toLowerCase() ?? '');
    if (item !== undefined) return path.length > 1 && item(path.slice(1)) ? undefined : path.join('/');
    return knows(path) ? undefined : path.join('/');
  };
  const ofOperand = (operand: Operand): string | undefined => (operand.kind === 'property' ? check(operand.path) : undefined);
  switch (expression.kind) {
    case 'and':
    case 'or':
      return unknownPath(expression.left, knows, collections, scopes) ?? unknownPath(expression.right, knows, collections, scopes);
    case 'not':
      return unknownPath(expression.operand, knows, collections, scopes);
    case 'property':
      return check(expression.path);
    case 'compare':
    case 'function':
      return ofOperand(expression.left) ?? ofOperand(expression.right);
    case 'lambda': {
      const item = collections(expression.path);
      if (item === undefined) return expression.path.join('/');
      return unknownPath(expression.body, knows, collections, new Map([...scopes, [expression.variable, item]]));
    }
  }
}

function comparable(value: FilterValue): string | number | boolean | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return value.toLowerCase();
  return value;
}

/** A date property compared with a quoted literal still compares as dates. */
function alignTypes(left: FilterValue, right: FilterValue): [FilterValue, FilterValue] {
  if (left instanceof Date && typeof right === 'string') return [left, new Date(right)];
  if (right instanceof Date && typeof left === 'string') return [new Date(left), right];
  return [left, right];
}

function evaluate(expression: Expression, lookup: PropertyLookup, collections: CollectionLookup): boolean {
  const value = (operand: Operand): FilterValue => {
    if (operand.kind === 'literal') return operand.value;
    return lookup(operand.path)?.value ?? null;
  };
  switch (expression.kind) {
    case 'and':
      return evaluate(expression.left, lookup, collections) && evaluate(expression.right, lookup, collections);
    case 'or':
      return evaluate(expression.left, lookup, collections) || evaluate(expression.right, lookup, collections);
    case 'not':
      return !evaluate(expression.operand, lookup, collections);
    case 'lambda': {
      const items = collections(expression.path) ?? [];
      // Inside the lambda, paths that start with the range variable are the item's; the rest stay the outer ones.
      const scoped = (item: PropertyLookup): PropertyLookup => (path) => (path[0]?.toLowerCase() === expression.variable ? item(path.slice(1)) : lookup(path));
      const holds = (item: PropertyLookup) => evaluate(expression.body, scoped(item), collections);
      return expression.quantifier === 'any' ? items.some(holds) : items.every(holds);
    }
    case 'property':
      return value(expression) === true;
    case 'function': {
      const haystack = String(value(expression.left) ?? '').toLowerCase();
      const needle = String(value(expression.right) ?? '').toLowerCase();
      if (expression.name === 'contains') return haystack.includes(needle);
      if (expression.name === 'startswith') return haystack.startsWith(needle);
      return haystack.endsWith(needle);
    }
    case 'compare': {
      const [rawLeft, rawRight] = alignTypes(value(expression.left), value(expression.right));
      const left = comparable(rawLeft);
      const right = comparable(rawRight);
      switch (expression.operator) {
        case 'eq':
          return left === right;
        case 'ne':
          return left !== right;
      }
      if (left === null || right === null) return false;
      if (expression.operator === 'gt') return left > right;
      if (expression.operator === 'ge') return left >= right;
      if (expression.operator === 'lt') return left < right;
      return left <= right;
    }
  }
}

/**
 * Compiles a `$filter` clause for one resource type: `knows` says which property paths the type
 * has, `typeName` names it in the error (`microsoft.graph.message`).
 */
export function compileFilter(clause: string, knows: (path: readonly string[]) => boolean, typeName: string, collections: CollectionSchema = () => undefined): FilterResult {
  let expression: Expression;
  try {
    expression = new Parser(tokenize(clause)).parse();
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, message: `Invalid filter clause: ${error.message}.` };
    throw error;
  }
  const unknown = unknownPath(expression, knows, collections, new Map());
  if (unknown !== undefined) return { ok: false, message: `Could not find a property named '${unknown}' on type '${typeName}'.` };
  return { ok: true, test: (lookup, collectionLookup = () => undefined) => evaluate(expression, lookup, collectionLookup) };
}
