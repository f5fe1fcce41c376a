import type { ParameterValue } from '../rules/model.js';

/**
 * What changed between two sides, at the level a reviewer reads a rule change: figures, conditions in words,
 * dates, texts. Plain JSON (no Maps, no decimals as objects), so `--format json` is this object as it is.
 */
export type Change = 'added' | 'removed' | 'changed';

export interface ParameterChange {
  name: string;
  change: Change;
  title: string;
  type: string;
  old?: ParameterValue;
  new?: ParameterValue;
  /** For numbers, money and decimals: the relative change, signed, two decimals ("+5.85%"); null from zero. */
  percent?: string | null;
  /** For lists: what the new value has that the old one lacked, and the other way round. */
  gained?: Array<string | number>;
  lost?: Array<string | number>;
  /** For dates: how far the value moved ("59 days later"). */
  moved?: string;
  /** Other attributes in words: type, title, source, assumptions. */
  notes: string[];
  /** Rules, named conditions and compensation settings that read the parameter (on the new side if it is there). */
  usedBy: string[];
}

export interface RuleChange {
  id: string;
  change: Change;
  kind: string;
  title: string;
  /** Each difference in words: "age < adultAge (18) became age < 19", "kind requirement → exclusion". */
  details: string[];
}

export interface NamedConditionChange {
  name: string;
  change: Change;
  details: string[];
  usedBy: string[];
}

export interface TextChange {
  id: string;
  change: Change;
  details: string[];
}

export interface VersionDiff {
  programme: string;
  /** The version's id on the new side (on the old side if it was removed). */
  version: string;
  change: Change | 'unchanged';
  /** The id on the old side when it differs (two version files compared directly). */
  oldVersion?: string;
  /** For an added version: the version it follows on the new side, which the details below compare it with. */
  comparedWith?: string;
  /** For an added version: the day it comes into force. */
  effectiveFrom?: string;
  summary: string[];
  dates: string[];
  title: string[];
  sources: TextChange[];
  parameters: ParameterChange[];
  assumptions: TextChange[];
  conditions: NamedConditionChange[];
  rules: RuleChange[];
  compensation: string[];
  lineRules: RuleChange[];
}

export interface ProgrammeDiff {
  programme: string;
  title: string;
  change: Change | 'unchanged';
  /** programme.yaml: title, facts and derived facts, the no-basis blocker. */
  details: string[];
  versions: VersionDiff[];
}

/** A data file beside the programmes (calendar/<name>.yaml, emergencies/<name>.yaml) that one side has or has otherwise. */
export interface DataFileDiff {
  /** Its path under the rules folder: `calendar/latvia.yaml`. */
  file: string;
  folder: 'calendar' | 'emergencies';
  /** The name versions use for it: `latvia`. */
  name: string;
  change: Change;
  /** What changed, in words: each day that changes its kind, each period added, removed or moved. */
  details: string[];
  /** The versions that read it (`<programme> <version>`), on the new side if it is there. */
  usedBy: string[];
}

export interface RuleSetDiff {
  old: string;
  new: string;
  programmes: ProgrammeDiff[];
  /** Data files (calendars, emergencies) that changed; absent or empty when none did. */
  data?: DataFileDiff[];
}

/** One case or recorded request whose answer differs between the sides. */
export interface CaseImpact {
  name: string;
  origin: 'example' | 'recorded';
  /** Where the case is written: `<programme>/tests/<file>.yaml:12` (relative to the rules folder), or `requests.jsonl:3`. */
  where: string;
  endpoint: 'eligibility' | 'compensation';
  changes: string[];
  /** For an officer's example case: whether its written expectation holds under the old and the new rules. */
  expectationMet?: { old: boolean; new: boolean };
}

export interface ImpactReport {
  /** How many cases and requests ran under both sides. */
  ran: number;
  changed: CaseImpact[];
  /** Case files that could not be read, as `file:line:column: message`. */
  problems: string[];
}

export interface DiffReport {
  diff: RuleSetDiff;
  impact?: ImpactReport;
}
