import type { Compensation } from '../rules/model.js';
import { LINE_KINDS, LINES_FIELDS, type LineKind } from '../rules/line-facts.js';
import { computeCappedActualCost, type CostLine } from './capped-actual-cost.js';
import type { CompensationContext, KindResult, RequestProblem } from './compensation-context.js';
import { computeIndividualBudgetLines, type ServiceLine } from './individual-budget-lines.js';
import { computeUnitCostDeliveries, type DeliveryLine } from './unit-cost-deliveries.js';

/** A request's input lines, by the field that carries them (one kind's field only). */
export interface CompensationLines {
  costs?: CostLine[];
  deliveries?: DeliveryLine[];
  serviceLines?: ServiceLine[];
}

/** A calculation kind: its lines field and line facts (rules/line-facts.ts), and how it checks and prices its lines. */
export interface CompensationKind extends LineKind {
  compute(context: CompensationContext, lines: CompensationLines): KindResult;
}

/** Every calculation kind; each counts its lines with the one loop of price-lines.ts. */
export const COMPENSATION_KINDS: Record<Compensation['kind'], CompensationKind> = {
  cappedActualCost: { ...LINE_KINDS.cappedActualCost, compute: (context, lines) => computeCappedActualCost(context, lines.costs ?? []) },
  unitCostDeliveries: { ...LINE_KINDS.unitCostDeliveries, compute: (context, lines) => computeUnitCostDeliveries(context, lines.deliveries ?? []) },
  individualBudgetLines: { ...LINE_KINDS.individualBudgetLines, compute: (context, lines) => computeIndividualBudgetLines(context, lines.serviceLines ?? []) },
};

/** A request must carry the lines its programme's kind prices, and no other kind's. */
export function linesFieldProblems(kind: Compensation['kind'], programme: string, lines: CompensationLines): RequestProblem[] {
  const field = COMPENSATION_KINDS[kind].linesField;
  return [
    ...(lines[field] === undefined ? [{ path: `/${field}`, message: `is required: ${programme} compensates ${field}` }] : []),
    ...LINES_FIELDS.filter((other) => other !== field && lines[other] !== undefined).map((other) => ({
      path: `/${other}`,
      message: `${programme} compensates ${field}, not ${other}`,
    })),
  ];
}

/** The compensation of a request's lines by its programme's kind: request problems, or the kind's answer. */
export function compensate(kind: Compensation['kind'], context: CompensationContext, lines: CompensationLines): KindResult {
  return COMPENSATION_KINDS[kind].compute(context, lines);
}
