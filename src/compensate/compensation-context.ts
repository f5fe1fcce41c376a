import type { CalendarDate } from '../calendar/calendar-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { Segment } from '../evaluate/segments.js';
import type { EmergencyPeriod, ParamRef, Programme, RuleVersion } from '../rules/model.js';
import type { Period } from './claim-period.js';
import type { Explanation } from '../evaluate/explanation.js';

/** What every calculation kind is given: the claim's period cut into eligibility segments, and the calendars. */
export interface CompensationContext {
  period: Period;
  segments: readonly Segment[];
  calendars: ReadonlyMap<string, WorkingDayCalendar>;
  emergencies: ReadonlyMap<string, readonly EmergencyPeriod[]>;
  /** Every programme of the rule set, for a kind that reads another programme's rules (IBM: DI's unit costs). */
  programmes: ReadonlyMap<string, Programme>;
  /** The question's asOf: another programme's rules are read as adopted by then, like this one's. */
  asOf?: CalendarDate;
  approvedOn?: CalendarDate;
}

/** Assumptions read from another programme's version (IBM lines priced at DI's unit cost), by their ids. */
export interface ReferencedAssumptions {
  version: RuleVersion;
  ids: readonly string[];
}

/**
 * A calculation kind's answer: the kind-specific body fields (and the assumptions it read from other programmes'
 * versions), or request problems (400) with their paths.
 */
export type KindResult = { body: KindAnswer; referencedAssumptions?: ReferencedAssumptions[] } | { problems: RequestProblem[] };

export interface RequestProblem {
  path: string;
  message: string;
}

/** What every kind's line answer says (each kind adds its own figures: CostLineAnswer, DeliveryLineAnswer …). */
export interface LineAnswer {
  index: number;
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  outsidePeriodDays: number;
  refs: string[];
  lineRules: Explanation;
}

/** One step of how a kind reached its compensation: what it is, its figures and its refs. */
export interface CompensationStep {
  step: string;
  [field: string]: unknown;
}

/** A kind's answer: its total and the totals it was reached through (NSK's cap, due dates), its lines and steps. */
export interface KindAnswer {
  compensation: string;
  eligibleCost?: string;
  cap?: string;
  claimPeriod?: Period;
  reportDue?: CalendarDate | null;
  paymentDue?: CalendarDate | null;
  lines: readonly LineAnswer[];
  explanation: readonly CompensationStep[];
}

export function parameterValue(version: RuleVersion, reference: ParamRef): string | number {
  const parameter = version.parameters.get(reference.param);
  if (!parameter) throw new Error(`parameter ${reference.param} was not checked at load`);
  return parameter.value as string | number;
}
