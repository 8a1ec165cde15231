/**
 * Refuses to edit a job that uses YAML anchors (`&name`) or aliases (`*name`).
 *
 * An anchor in the job may be what another job's alias repeats, and an alias in it stands for a part written
 * elsewhere: rewriting either would silently change or break the other job. The person shares those parts on
 * purpose, so they edit that job by hand.
 */
import { isAlias, isNode, visit, type Node } from 'yaml';
import { DelegateError } from '../errors/delegate-error.js';
import { didNot, type EditAction } from './edit-action.js';
import type { JobItem } from './jobs-text.js';

export function refuseAliases(item: JobItem, action: EditAction): void {
  if (!item.node || !usesAnchors(item.node)) return;
  throw new DelegateError({
    code: 'invalid-input',
    message: `Job "${item.id ?? item.index + 1}" uses YAML anchors or aliases (&name / *name) in jobs.yaml, so Delegate ${didNot(action)}: another job may share that part, and changing it here would change or break that job too.`,
    action: 'Make this change in jobs.yaml by hand.',
  });
}

function usesAnchors(node: Node): boolean {
  let found = false;
  visit(node, (_, child) => {
    if (isAlias(child) || (isNode(child) && child.anchor !== undefined)) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found || node.anchor !== undefined;
}
