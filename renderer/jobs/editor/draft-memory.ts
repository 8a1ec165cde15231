/**
 * Unsaved editor work kept while the person is in another view: going to History and back to Jobs brings the
 * editor back with the draft as it was, rather than losing what was typed. Only in memory (the window's life).
 */
import type { Draft } from './job-draft.js';

export interface RememberedDraft<T> {
  target: T;
  draft: Draft;
  idFollowsName: boolean;
}

let remembered: RememberedDraft<unknown> | null = null;

export function rememberDraft<T>(entry: RememberedDraft<T>): void {
  remembered = entry;
}

export function rememberedDraft<T>(): RememberedDraft<T> | null {
  return remembered as RememberedDraft<T> | null;
}

export function forgetDraft(): void {
  remembered = null;
}
