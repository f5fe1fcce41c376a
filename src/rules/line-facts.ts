import { BUILT_IN_FACTS, type Compensation, type FactType } from './model.js';

/**
 * The fields of one input line that a compensation kind's line rules may read, and the built-in evaluationDate (the
 * first day of the part of the line being judged: a line is cut the day after each of its own date fields).
 */
export const LINE_FACTS: Record<Compensation['kind'], ReadonlyMap<string, FactType>> = {
  cappedActualCost: new Map<string, FactType>([
    ...BUILT_IN_FACTS,
    ['service', 'string'],
    ['funding', 'string'],
    ['inPlan', 'boolean'],
    ['diCompensatedUntil', 'date'],
  ]),
  individualBudgetLines: new Map<string, FactType>([
    ...BUILT_IN_FACTS,
    ['service', 'string'],
    ['funding', 'string'],
    ['hasPrice', 'boolean'],
    ['diPaidAtUnitCost', 'boolean'],
    ['remote', 'boolean'],
    ['duringEmergency', 'boolean'],
    ['provider', 'string'],
    ['recordedInClientFile', 'boolean'],
    ['providerProtocol', 'boolean'],
    ['contentInSpecialistFile', 'boolean'],
    ['opinionForPlan', 'boolean'],
    ['opinionSubmitted', 'boolean'],
    ['personConsentedToOpinion', 'boolean'],
    ['remoteSuitabilityAssessed', 'boolean'],
    ['contentReport', 'boolean'],
    ['attendanceMarkedRemote', 'boolean'],
    ['personSigned', 'boolean'],
    ['screenshot', 'boolean'],
    ['callPrintout', 'boolean'],
    ['socialWorkerSignedWithNote', 'boolean'],
    ['durationMatchesAgreement', 'boolean'],
  ]),
  unitCostDeliveries: new Map<string, FactType>([
    ...BUILT_IN_FACTS,
    ['service', 'string'],
    ['provision', 'string'],
    ['rateTier', 'string'],
  ]),
};

/** The date fields of a kind's lines, which cut a line into parts judged separately by its line rules. */
export function lineDateFields(kind: Compensation['kind']): string[] {
  return [...LINE_FACTS[kind]].filter(([name, type]) => type === 'date' && !BUILT_IN_FACTS.has(name)).map(([name]) => name);
}
