/**
 * An evidence pack, gathered and rendered: what `delegate evidence` and Settings' "Write evidence pack…" share.
 */
import { gatherEvidence, type GatherOptions } from './gather-evidence.js';
import { renderEvidenceHtml } from './evidence-html.js';
import { defaultEvidenceFileName } from './write-evidence.js';
import type { EvidenceFacts } from './evidence-facts.js';

export interface EvidencePack {
  html: string;
  facts: EvidenceFacts;
  /** The file name to offer, e.g. `delegate-evidence-work-2026-12-03.html`. */
  suggestedName: string;
}

export async function buildEvidencePack(options: GatherOptions): Promise<EvidencePack> {
  const facts = await gatherEvidence(options);
  const scope = options.all ? 'all' : (facts.profiles[0]?.name ?? 'none');
  return { html: renderEvidenceHtml(facts), facts, suggestedName: defaultEvidenceFileName(scope, new Date(facts.generatedAt)) };
}
