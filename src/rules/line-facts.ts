import type { Compensation, FactType } from './model.js';

/** The fields of one input line that a compensation kind's line rules may read. */
export const LINE_FACTS: Record<Compensation['kind'], ReadonlyMap<string, FactType>> = {
  cappedActualCost: new Map<string, FactType>([
    ['service', 'string'],
    ['funding', 'string'],
    ['inPlan', 'boolean'],
  ]),
  individualBudgetLines: new Map<string, FactType>([
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
    ['contentReport', 'boolean'],
    ['attendanceMarkedRemote', 'boolean'],
    ['personSigned', 'boolean'],
    ['screenshot', 'boolean'],
    ['callPrintout', 'boolean'],
    ['socialWorkerSignedWithNote', 'boolean'],
    ['durationMatchesAgreement', 'boolean'],
  ]),
  unitCostDeliveries: new Map<string, FactType>([
    ['service', 'string'],
    ['provision', 'string'],
    ['rateTier', 'string'],
  ]),
};
