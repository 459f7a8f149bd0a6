import type { Attribution } from './attribution.ts';
import { SPEAKER_WEIGHTS as FITTED } from './speakerWeights.ts';

// Who said a quote, chosen among candidates: each way of reading the text around it (the subject
// of the cue after it, of the cue before it, the sentence's subject, the speaker it continues…)
// proposes a speaker, described by a few features; a linear model fitted on PolNeAR's training
// articles (scripts/trainSpeakers.ts, annotators' source spans as labels) scores them, and the
// best wins if it beats "nobody". The weights are a small versioned file; the features are here.

/** How a candidate was found. */
export type CandidateSource = 'transcript' | 'after' | 'before' | 'intro' | 'sentence' | 'interrupted' | 'continuation';

export interface SpeakerCandidate {
  source: CandidateSource;
  attribution: Attribution;
  /** Where the words naming the speaker start (none for a speaker carried over). */
  at: number | null;
  /** The feature values, by name (see FEATURES). */
  values: Partial<Record<Feature, number>>;
}

export const FEATURES = [
  'bias',
  'src:transcript',
  'src:after',
  'src:before',
  'src:intro',
  'src:sentence',
  'src:interrupted',
  'src:continuation',
  'partial',
  'partial:after',
  'partial:before',
  'partial:sentence',
  'kind:named',
  'kind:pronoun',
  'kind:nominal',
  'nobody',
  'distance',
  'adjacent',
  'colon',
  'conjunction',
  'organisation',
  'salience',
  'main-person',
  'opens-paragraph',
  'previous-speaker',
  'subject-cue',
  'after-continues',
  'rule-pick',
] as const;
export type Feature = (typeof FEATURES)[number];

export type Weights = Record<Feature, number>;

/** The fitted weights, typed here so a feature without a weight fails to compile. */
const SPEAKER_WEIGHTS: Weights = FITTED;

/** A candidate's score: the dot product of its features with the weights. */
export function scoreCandidate(c: SpeakerCandidate, weights: Weights = SPEAKER_WEIGHTS): number {
  let s = weights.bias;
  for (const [f, v] of Object.entries(c.values) as [Feature, number][]) s += (weights[f] ?? 0) * v;
  return s;
}

/** The best candidate if it scores above nobody (0), else null. */
export function chooseSpeaker(candidates: SpeakerCandidate[], weights: Weights = SPEAKER_WEIGHTS): SpeakerCandidate | null {
  let best: SpeakerCandidate | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    const s = scoreCandidate(c, weights);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}
