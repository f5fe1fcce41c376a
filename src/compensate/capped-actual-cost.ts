import type { CalendarDate } from '../calendar/calendar-date.js';
import { formatMoney, minMoney, money, sum, ZERO, type Money } from '../money/money.js';
import type { CappedActualCost, RuleVersion } from '../rules/model.js';
import { readableCitation } from '../rules/citations.js';
import { calendarHalfYearOf, dayOfMonthAfter, monthsOf, wholeClaimPeriod } from './claim-period.js';
import { parameterValue, type CompensationContext, type CompensationStep, type KindAnswer, type KindResult, type LineAnswer } from './compensation-context.js';
import { uniqueSorted, type LinePart } from './line-days.js';
import { lineDateFields } from '../rules/line-facts.js';
import type { Explanation } from '../evaluate/explanation.js';
import type { Facts } from '../evaluate/condition-trace.js';
import { countLine, outsidePeriod, partAnswers, type LineCounting, type PartAnswer } from './price-lines.js';

/** An NSK-style cost line: what the municipality spent on one service over some days. */
export interface CostLine {
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  amount: string;
  funding: string;
  inPlan: boolean;
  /** The last day a DI project compensates the municipality for this line's service (E3); those days count nothing. */
  diCompensatedUntil?: string | null;
}

function settingsOf(version: RuleVersion): CappedActualCost {
  const compensation = version.compensation;
  if (compensation?.kind !== 'cappedActualCost') throw new Error(`version ${version.version} is not cappedActualCost (checked by the caller)`);
  return compensation;
}

interface CapMonth {
  month: string;
  version: string;
  eligibleDays: number;
  daysInMonth: number;
  annualAmount: Money;
  amount: Money;
}

/**
 * The cap (A1): for each eligible day, the annual amount in force that day ÷ 12 ÷ the days of its month — so a
 * fully eligible half-year gives exactly the annual amount × 6/12 — and never more than periodShare × the
 * annual amount.
 */
function capOf(context: CompensationContext): {
  cap: Money;
  months: CapMonth[];
  limit: Money | null;
  limitParts: { periodShare: string; annualAmount: Money } | null;
} {
  const months: CapMonth[] = [];
  let limit: Money | null = null;
  let limitParts: { periodShare: string; annualAmount: Money } | null = null;
  for (const segment of context.segments) {
    if (!segment.eligible) continue;
    const version = segment.span.version;
    const settings = settingsOf(version);
    const annualAmount = money(parameterValue(version, settings.annualAmount));
    const share = String(parameterValue(version, settings.periodShare));
    const shareLimit = annualAmount.times(share);
    if (limit === null || shareLimit.greaterThan(limit)) {
      limit = shareLimit;
      limitParts = { periodShare: share, annualAmount };
    }
    for (const piece of monthsOf(segment.from, segment.to)) {
      const amount = annualAmount.times(piece.days).dividedBy(12 * piece.daysInMonth);
      const same = months.find((month) => month.month === piece.month && month.version === version.version);
      if (same) {
        same.eligibleDays += piece.days;
        same.amount = same.amount.plus(amount);
      } else {
        months.push({ month: piece.month, version: version.version, eligibleDays: piece.days, daysInMonth: piece.daysInMonth, annualAmount, amount });
      }
    }
  }
  const spread = sum(months.map((month) => month.amount));
  return { cap: limit === null ? ZERO : minMoney(spread, limit), months, limit, limitParts };
}

/** NSK cuts a line at its own dates (diCompensatedUntil), and counts pro rata against the days inside the period only. */
const COUNTING: LineCounting = {
  dateFields: lineDateFields('cappedActualCost'),
  ownRulesWhen: 'otherJudgement',
  unpricedPartRefs: 'none',
  proRataOf: 'daysInPeriod',
};

/** A cost line as the answer shows it. */
export interface CostLineAnswer extends LineAnswer {
  index: number;
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  amount: string;
  days: number;
  countedDays: number;
  outsidePeriodDays: number;
  eligibleAmount: string;
  refs: string[];
  parts: Array<PartAnswer<'counted'>>;
  lineRules: Explanation;
}

export function computeCappedActualCost(context: CompensationContext, lines: readonly CostLine[]): KindResult {
  const claimPeriod = wholeClaimPeriod(context.period);
  if (claimPeriod === null) {
    const half = calendarHalfYearOf(context.period.from);
    return {
      problems: [
        {
          path: '/period',
          message: `must be one whole calendar half-year (1 January–30 June or 1 July–31 December): this programme is claimed once per half-year, e.g. ${half.from}…${half.to}`,
        },
      ],
    };
  }
  const problems = lines.flatMap((line, index) => outsidePeriod(context, line, `/costs/${index}`));
  // A report is filed after its claim period ends, so it cannot have been approved on or before that day.
  if (context.approvedOn !== undefined && context.approvedOn <= claimPeriod.to) {
    problems.push({
      path: '/approvedOn',
      message: `is not after the claim period (${claimPeriod.from}…${claimPeriod.to}); a report is approved after its half-year ends`,
    });
  }
  if (problems.length > 0) return { problems };

  const { cap, months, limit, limitParts } = capOf(context);
  const lastVersion = (context.segments.at(-1) ?? context.segments[0])?.span.version as RuleVersion;
  const settings = settingsOf(lastVersion);

  const lineAnswers = lines.map((line, index) => {
    const facts = (part: LinePart): Facts => ({
      evaluationDate: part.from,
      service: line.service,
      funding: line.funding,
      inPlan: line.inPlan,
      diCompensatedUntil: line.diCompensatedUntil ?? null,
    });
    const counted = countLine(context, line, COUNTING, { facts, priceable: () => true, price: () => [] });
    const eligibleAmount = money(line.amount).times(counted.countedDays).dividedBy(counted.days);
    const answer: CostLineAnswer = {
      index,
      service: line.service,
      from: line.from,
      to: line.to,
      amount: formatMoney(money(line.amount)),
      days: counted.days,
      countedDays: counted.countedDays,
      outsidePeriodDays: counted.outsidePeriodDays,
      eligibleAmount: formatMoney(eligibleAmount),
      refs: uniqueSorted(counted.refs),
      parts: partAnswers(counted.parts, 'counted'),
      lineRules: counted.lineRules,
    };
    return { exact: eligibleAmount, answer };
  });

  const eligibleCost = sum(lineAnswers.map((line) => line.exact));
  const compensation = minMoney(eligibleCost, cap);
  const reportDue = dayOfMonthAfter(
    claimPeriod.to,
    Number(parameterValue(lastVersion, settings.reportDue.monthsAfterPeriod)),
    Number(parameterValue(lastVersion, settings.reportDue.dayOfMonth)),
  );
  const body: Omit<KindAnswer, 'lines' | 'explanation'> = {
    compensation: formatMoney(compensation),
    eligibleCost: formatMoney(eligibleCost),
    cap: formatMoney(cap),
    claimPeriod,
    reportDue,
  };
  const explanation: CompensationStep[] = [
    {
      step: 'cap',
      ref: settings.capAssumption,
      cap: formatMoney(cap),
      months: months.map((month) => ({ ...month, annualAmount: formatMoney(month.annualAmount), amount: month.amount.toDecimalPlaces(6).toString() })),
      limit:
        limit === null || limitParts === null
          ? null
          : { periodShare: limitParts.periodShare, annualAmount: formatMoney(limitParts.annualAmount), amount: formatMoney(limit) },
    },
    {
      step: 'eligibleCost',
      ref: settings.proRataAssumption,
      eligibleCost: formatMoney(eligibleCost),
      rule: 'each line counts its amount × counted days ÷ its days',
    },
    { step: 'compensation', compensation: formatMoney(compensation), rule: 'the lesser of eligibleCost and cap, rounded once to cents, half-up' },
    { step: 'reportDue', reportDue, source: readableCitation(lastVersion.sources, settings.reportDue.source) },
  ];
  if (context.approvedOn !== undefined) {
    const calendar = context.calendars.get(settings.paymentDue.calendar);
    if (!calendar) throw new Error(`calendar ${settings.paymentDue.calendar} was not checked at load`);
    const workingDays = Number(parameterValue(lastVersion, settings.paymentDue.workingDays));
    const paymentDue = calendar.addWorkingDays(context.approvedOn, workingDays);
    body.paymentDue = paymentDue;
    explanation.push({
      step: 'paymentDue',
      ref: settings.paymentDue.workingDayAssumption,
      approvedOn: context.approvedOn,
      workingDays,
      paymentDue,
      holidays:
        paymentDue === null ? [] : calendar.holidaysBetween(context.approvedOn, paymentDue).map((holiday) => ({ date: holiday.date, name: holiday.name })),
      source: readableCitation(lastVersion.sources, settings.paymentDue.source),
    });
  }
  return { body: { ...body, lines: lineAnswers.map((line) => line.answer), explanation } };
}
