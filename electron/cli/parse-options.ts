/**
 * Argument parsing on node:util's parseArgs, with errors that say which command and what it accepts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<T extends Options>(command: string, args: string[], options: T, usage: string, variadic: readonly string[] = []) {
  try {
    return parseArgs({ args: joinVariadic(args, variadic), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw badInput(`${command}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}`, `Usage: ${usage}`);
  }
}

/**
 * Lets `--scopes Mail.Send User.Read` take every following word up to the next option, as people type it;
 * parseArgs itself only knows repeated flags (`--scopes A --scopes B`), which also still work.
 */
function joinVariadic(args: string[], variadic: readonly string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    result.push(arg);
    if (!variadic.includes(arg)) continue;
    const words: string[] = [];
    while (index + 1 < args.length && !(args[index + 1] as string).startsWith('-')) words.push(args[++index] as string);
    if (words.length > 0) result.push(words.join(' '));
  }
  return result;
}
