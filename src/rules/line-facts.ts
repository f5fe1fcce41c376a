import { BUILT_IN_FACTS, type Compensation, type FactType } from './model.js';

/**
 * The evidence an IBM service line delivered remotely may carry (seed 001, amendment No 2: `evidence` in a
 * `serviceLines[]` entry): each a yes/no the line rules read as a line fact of that name, false unless sent true.
 */
export const EVIDENCE_FLAGS = [
  'recordedInClientFile',
  'providerProtocol',
  'contentInSpecialistFile',
  'opinionForPlan',
  'opinionSubmitted',
  'personConsentedToOpinion',
  'remoteSuitabilityAssessed',
  'contentReport',
  'attendanceMarkedRemote',
  'personSigned',
  'screenshot',
  'callPrintout',
  'socialWorkerSignedWithNote',
  'durationMatchesAgreement',
] as const;

export type EvidenceFlag = (typeof EVIDENCE_FLAGS)[number];

/** What a calculation kind prices: the request field that carries its input lines, and what its line rules read. */
export interface LineKind {
  linesField: 'costs' | 'deliveries' | 'serviceLines';
  /**
   * The fields of one input line that the kind's line rules may read, and the built-in evaluationDate (the first day
   * of the part of the line being judged: a line is cut the day after each of its own date fields).
   */
  facts: ReadonlyMap<string, FactType>;
}

export const LINE_KINDS: Record<Compensation['kind'], LineKind> = {
  cappedActualCost: {
    linesField: 'costs',
    facts: new Map<string, FactType>([...BUILT_IN_FACTS, ['service', 'string'], ['funding', 'string'], ['inPlan', 'boolean'], ['diCompensatedUntil', 'date']]),
  },
  individualBudgetLines: {
    linesField: 'serviceLines',
    facts: new Map<string, FactType>([
      ...BUILT_IN_FACTS,
      ['service', 'string'],
      ['funding', 'string'],
      ['hasPrice', 'boolean'],
      ['diPaidAtUnitCost', 'boolean'],
      ['remote', 'boolean'],
      ['duringEmergency', 'boolean'],
      ['provider', 'string'],
      ...EVIDENCE_FLAGS.map((flag): [string, FactType] => [flag, 'boolean']),
    ]),
  },
  unitCostDeliveries: {
    linesField: 'deliveries',
    facts: new Map<string, FactType>([...BUILT_IN_FACTS, ['service', 'string'], ['provision', 'string'], ['rateTier', 'string']]),
  },
};

/** The request field that carries each kind's input lines. */
export type LinesField = LineKind['linesField'];

export function linesFieldOf(kind: Compensation['kind']): LinesField {
  return LINE_KINDS[kind].linesField;
}

/** Every kind's lines field. */
export const LINES_FIELDS: readonly LinesField[] = Object.values(LINE_KINDS).map((kind) => kind.linesField);

/** The line facts of each kind (what check-version checks line rules against). */
export const LINE_FACTS = Object.fromEntries(Object.entries(LINE_KINDS).map(([kind, { facts }]) => [kind, facts])) as Record<
  Compensation['kind'],
  ReadonlyMap<string, FactType>
>;

/** The date fields of a kind's lines, which cut a line into parts judged separately by its line rules. */
export function lineDateFields(kind: Compensation['kind']): string[] {
  return [...LINE_KINDS[kind].facts].filter(([name, type]) => type === 'date' && !BUILT_IN_FACTS.has(name)).map(([name]) => name);
}
