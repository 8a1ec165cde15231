/**
 * Which edit a refusal is about, so its message says what did not happen: a save, a delete, the Enabled
 * switch, or opening a job in the editor. Every refusal of the job editing modules ends in `so Delegate ${didNot(action)}`.
 */
export type EditAction = 'save' | 'delete' | 'switch' | 'open';

const DID_NOT: Record<EditAction, string> = { save: 'did not save', delete: 'did not delete the job', switch: 'did not change it', open: 'did not open it' };
const BEFORE: Record<EditAction, string> = { save: 'saving', delete: 'deleting the job', switch: 'changing it', open: 'opening it' };

/** "did not save" / "did not delete the job" / "did not change it". */
export function didNot(action: EditAction): string {
  return DID_NOT[action];
}

/** "saving" / "deleting the job" / "changing it", as in "Delegate stopped before saving because …". */
export function stoppedBefore(action: EditAction): string {
  return BEFORE[action];
}
