import type { CalendarDate } from '../calendar/calendar-date.js';
import type { Facts } from '../evaluate/condition-trace.js';
import { NO_EXPLANATION, type Explanation } from '../evaluate/explanation.js';
import type { Compensation, RuleVersion } from '../rules/model.js';
import type { Period } from './claim-period.js';
import type { CompensationContext } from './compensation-context.js';
import { cutAtLineDates, splitLine, uniqueSorted, type LinePart } from './line-days.js';
import { evaluateLineRules } from './line-rules.js';

/** How a kind counts a line's parts: what differs between kinds in the one loop below. */
export interface LineCounting {
  /** The line's own date fields: a part is cut the day after each, so line rules comparing them hold on all of it. */
  dateFields: readonly string[];
  /**
   * When a part shows its own line rules: judged under another version than the line's first part, or judged
   * otherwise in any way (another version, or other blockers past one of the line's own dates).
   */
  ownRulesWhen: 'otherVersion' | 'otherJudgement';
  /** What an eligible part the kind cannot price cites: nothing (it was not judged), or its judgement. */
  unpricedPartRefs: 'none' | 'judgement';
  /** The days a line counts pro rata against (A2): all of its days, or only those inside the period. */
  proRataOf: 'days' | 'daysInPeriod';
}

/** What a kind does with one line's parts. */
export interface PartPricing {
  /** The facts the kind's line rules read on the part. */
  facts(part: LinePart): Facts;
  /** Whether the kind can price the part at all; a part it cannot price counts nothing. */
  priceable(part: LinePart): boolean;
  /** Prices a counted part (its share of a line of `lineDays` days) and returns the refs of its price. */
  price(part: LinePart, lineDays: number): readonly string[];
}

/** One part of a line as judged: whether it counts, and why. */
export interface JudgedPart {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  counted: boolean;
  refs: string[];
  version: string;
  /** The part's own line rules, when it was judged otherwise than the line's first part. */
  lineRules?: Explanation;
}

/** A line split by the segments, each part judged by its version's line rules, counted and priced. */
export interface CountedLine {
  days: number;
  outsidePeriodDays: number;
  countedDays: number;
  parts: JudgedPart[];
  /** The line's refs so far, unsorted: each part's, its prices', and the pro-rata assumption if it applies. */
  refs: string[];
  /** The line rules of its first part that has any. */
  lineRules: Explanation;
  /** The version of the line's first part (or of the period's first segment, for a line with none). */
  firstVersion: RuleVersion;
}

/** The compensation settings of a version the caller has checked has them. */
export function compensationOf(version: RuleVersion): Compensation {
  if (version.compensation === null) throw new Error(`version ${version.version} has no compensation (checked by the caller)`);
  return version.compensation;
}

/** The version of a line's first part, or of the period's first segment for a line with none. */
export function firstVersionOf(context: CompensationContext, line: Period): RuleVersion {
  const first = context.segments.find((segment) => segment.from <= line.to && segment.to >= line.from) ?? context.segments[0];
  return first?.span.version as RuleVersion;
}

/** The one loop every kind shares: split by the segments, judge by the line rules, count, price, cite. */
export function countLine(context: CompensationContext, line: Period & object, counting: LineCounting, pricing: PartPricing): CountedLine {
  const split = splitLine(line, context.segments);
  const { days, outsidePeriodDays } = split;
  const parts = cutAtLineDates(split.parts, line, counting.dateFields);
  const firstVersion = firstVersionOf(context, line);
  const refs: string[] = [];
  let countedDays = 0;
  let lineRules: Explanation = NO_EXPLANATION;
  let firstBlockers: string | null = null;
  const judged = parts.map((part): JudgedPart => {
    const rules = evaluateLineRules(part.version, compensationOf(part.version).lineRules, pricing.facts(part));
    if (lineRules.isEmpty) lineRules = rules.explanation;
    firstBlockers ??= rules.blockers.join();
    const judgedOtherwise = part.version !== parts[0]?.version || (counting.ownRulesWhen === 'otherJudgement' && rules.blockers.join() !== firstBlockers);
    const ownRules = judgedOtherwise && !rules.explanation.isEmpty ? { lineRules: rules.explanation } : {};
    const priceable = pricing.priceable(part);
    let partRefs: readonly string[];
    let counted = false;
    if (!priceable && counting.unpricedPartRefs === 'none') partRefs = [];
    else if (rules.blockers.length > 0) partRefs = rules.blockers;
    else if (!part.segment.eligible) partRefs = part.segment.blockers;
    else {
      counted = priceable;
      if (counted) {
        countedDays += part.days;
        refs.push(...pricing.price(part, days));
      }
      partRefs = part.segment.basis;
    }
    refs.push(...partRefs);
    return { from: part.from, to: part.to, days: part.days, counted, refs: uniqueSorted(partRefs), version: part.version.version, ...ownRules };
  });
  // Pro rata by days (A2) because of an eligibility boundary inside the line.
  const proRataDays = counting.proRataOf === 'days' ? days : days - outsidePeriodDays;
  if (countedDays > 0 && countedDays < proRataDays) refs.push(compensationOf(firstVersion).proRataAssumption);
  return { days, outsidePeriodDays, countedDays, parts: judged, refs, lineRules, firstVersion };
}

/** A judged part as the answer shows it, its `counted` under the kind's name for it. */
export type PartAnswer<Counted extends string> = Omit<JudgedPart, 'counted' | 'refs' | 'version' | 'lineRules'> &
  Record<Counted, boolean> &
  Pick<JudgedPart, 'refs' | 'version' | 'lineRules'>;

export function partAnswers<Counted extends string>(parts: readonly JudgedPart[], counted: Counted): Array<PartAnswer<Counted>> {
  return parts.map(
    ({ from, to, days, counted: isCounted, refs, version, ...ownRules }) =>
      ({ from, to, days, [counted]: isCounted, refs, version, ...ownRules }) as PartAnswer<Counted>,
  );
}

/** A request problem: a line wholly outside the claim period. */
export function outsidePeriod(context: CompensationContext, line: Period, path: string): Array<{ path: string; message: string }> {
  return line.to < context.period.from || line.from > context.period.to
    ? [{ path, message: `lies outside the period ${context.period.from}…${context.period.to}` }]
    : [];
}
