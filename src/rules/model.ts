import type { CalendarDate } from '../calendar/calendar-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { LocalisedText } from '../language/localised-text.js';

/** A place in a rule file, for messages an officer can jump to. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A problem found in a rule file: `file:line:column: message`. */
export interface RuleFileProblem extends SourcePosition {
  message: string;
}

export type FactType = 'date' | 'number' | 'string' | 'boolean' | 'list' | 'object';

/** Where a declared fact is read from in a request. */
export type FactOrigin = 'person' | 'request';

export interface DeclaredFact {
  name: string;
  type: FactType;
  in: FactOrigin;
  /** A required fact missing from a request is a 400; an optional one that is absent is null. */
  required: boolean;
  title: LocalisedText;
  help?: LocalisedText;
  /** No one can change it by acting (a birth date): never proposed in whatWouldChange, nor any fact derived from it. */
  fixed: boolean;
}

/** A fact computed from other facts and the evaluated date; the kinds live in src/evaluate/derived-facts.ts. */
export type DerivedFact =
  | { name: string; kind: 'wholeYearsOn'; of: string; title: LocalisedText; type: 'number' }
  | { name: string; kind: 'field'; of: string; field: string; type: FactType; title: LocalisedText }
  /** The items of a list whose date `field` is absent or before the evaluated day, or on or after it. */
  | { name: string; kind: 'itemsByDate'; of: string; field: string; keep: 'absentOrBeforeDay' | 'onOrAfterDay'; title: LocalisedText; type: 'list' };

export type ParameterValue = string | number | boolean | string[] | number[];

/** Parameters are facts' types, or money ("1234.50") and decimals ("0.25") written as strings for exact maths. */
export type ParameterType = FactType | 'money' | 'decimal';

export interface ParamRef {
  param: string;
}

export interface Parameter {
  name: string;
  type: ParameterType;
  value: ParameterValue;
  title: LocalisedText;
  source: string;
  assumptions: string[];
}

export interface Assumption {
  id: string;
  text: LocalisedText;
  /** Where the sources leave the question open: the other possible reading, and the passage that allows both. */
  otherReading?: LocalisedText;
  passage?: string;
}

export interface Source {
  id: string;
  /** The key citations name it by: an act ("MK 797") or a seed file. */
  document: string;
  /** How answers, the rules browser and diff name it (see rules/citations.ts). */
  title?: string;
  citation: string;
}

/** The right-hand side of a condition: a literal, a named parameter of the version, or another fact. */
export type ConditionValue = { param: string } | { fact: string } | ParameterValue | null | Record<string, unknown>;

export interface FactCondition {
  fact: string;
  operator: string;
  value: ConditionValue;
  /** Optional domain id of a clause inside a rule (e.g. E2 inside R3). */
  ref?: string;
  note?: LocalisedText;
}

export interface ConditionReference {
  condition: string;
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactCondition | ConditionReference;

export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | ConditionReference;

/** A named condition: a top-level condition that rules share, with the title answers show a person. */
export type NamedCondition = TopLevelCondition & { title?: LocalisedText };

/**
 * basis: met → its ref is a basis of eligibility (a target group or extension).
 * requirement: not met → its ref is a blocker.
 * exclusion: met → its ref is a blocker.
 */
export type RuleKind = 'basis' | 'requirement' | 'exclusion';

export interface Rule {
  id: string;
  kind: RuleKind;
  title: LocalisedText;
  source: string;
  assumptions: string[];
  conditions: TopLevelCondition;
}

/** Actual cost of the eligible days, capped by an annual amount spread over months (A1) — NSK's kind. */
export interface CappedActualCost {
  kind: 'cappedActualCost';
  claimPeriod: 'calendarHalfYear';
  claimPeriodSource?: string;
  annualAmount: ParamRef;
  periodShare: ParamRef;
  capAssumption: string;
  proRataAssumption: string;
  reportDue: { monthsAfterPeriod: ParamRef; dayOfMonth: ParamRef; source: string };
  paymentDue: { calendar: string; workingDays: ParamRef; workingDayAssumption?: string; source: string };
  lineRules: Rule[];
}

export interface UnitCost {
  unit: 'day' | 'hour' | 'session';
  rate?: ParamRef;
  rates?: { lower: ParamRef; higher: ParamRef };
  tierAssumption?: string;
  assumptions?: string[];
  source: string;
}

export interface ProvisionRule {
  provision: string;
  ref: string;
  source: string;
}

/** Unit cost × units per delivered line; procured lines at actual cost up to that — the DI project's kind. */
export interface UnitCostDeliveries {
  kind: 'unitCostDeliveries';
  unitCosts: Record<string, UnitCost>;
  provision: { unitCost: ProvisionRule; actualCostUpToUnitCost: ProvisionRule };
  proRataAssumption: string;
  lineRules: Rule[];
}

/** Each delivered line payable from an individual budget or not, at its price or the DI unit cost — the IBM pilot's kind. */
export interface IndividualBudgetLines {
  kind: 'individualBudgetLines';
  emergencies: string;
  proRataAssumption: string;
  diUnitCostRef: string;
  /** The programme whose unit costs (in force on a line's days) price a line the DI project paid at unit cost. */
  diUnitCosts: { programme: string; source: string };
  lineRules: Rule[];
}

export type Compensation = CappedActualCost | UnitCostDeliveries | IndividualBudgetLines;

/** A declared state of emergency: its days and the act that declared it. */
export interface EmergencyPeriod {
  from: CalendarDate;
  to: CalendarDate;
  title: LocalisedText;
  source: string;
}

export interface RuleVersion {
  programme: string;
  version: string;
  title: LocalisedText;
  effectiveFrom: CalendarDate;
  /** As written in the file: the last day the act itself sets, if any. */
  effectiveTo: CalendarDate | null;
  adopted: CalendarDate;
  sources: Source[];
  parameters: Map<string, Parameter>;
  assumptions: Assumption[];
  namedConditions: Map<string, NamedCondition>;
  rules: Rule[];
  /** How this version computes compensation, if it does. */
  compensation: Compensation | null;
  file: string;
  /** sha256 of the version file; for an amendment, over every file it is made of. */
  sha256: string;
  /** For an amendment file: the version it amends. */
  extends?: string;
}

export interface Programme {
  id: string;
  title: LocalisedText;
  description?: LocalisedText;
  /** The blocker reported when no basis rule is met (domain.md: "T"). */
  noBasisBlocker: { ref: string; title: LocalisedText };
  facts: Map<string, DeclaredFact>;
  derivedFacts: Map<string, DerivedFact>;
  /** Ordered by effectiveFrom. */
  versions: RuleVersion[];
  file: string;
  directory: string;
}

/** Everything loaded from a rules directory, validated as a whole. */
export interface RuleSet {
  programmes: Map<string, Programme>;
  /** Working-day calendars by name (rules/calendar/<name>.yaml). */
  calendars: Map<string, WorkingDayCalendar>;
  /** Declared emergency periods by name (rules/emergencies/<name>.yaml). */
  emergencies: Map<string, EmergencyPeriod[]>;
  directory: string;
}

/** Facts every evaluation has without declaring them. */
export const BUILT_IN_FACTS: ReadonlyMap<string, FactType> = new Map([['evaluationDate', 'date']]);
