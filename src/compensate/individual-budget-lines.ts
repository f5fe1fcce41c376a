import type { CalendarDate } from '../calendar/calendar-date.js';
import { coveredByEmergency } from '../calendar/emergency-periods.js';
import type { RuleTrace } from '../evaluate/evaluate-day.js';
import { formatMoney, money, ZERO, type Money } from '../money/money.js';
import type { EmergencyPeriod, IndividualBudgetLines, RuleVersion } from '../rules/model.js';
import type { CompensationContext, KindResult } from './compensation-context.js';
import { splitLine, summedLines, uniqueSorted } from './line-days.js';
import { RawJson } from '../answer/raw-json.js';
import { evaluateLineRules, isEmpty } from './line-rules.js';

/** What documents a remote delivery; every field is false unless the caller says it is there. */
export interface RemoteEvidence {
  recordedInClientFile?: boolean;
  providerProtocol?: boolean;
  contentInSpecialistFile?: boolean;
  opinionForPlan?: boolean;
  opinionSubmitted?: boolean;
  contentReport?: boolean;
  attendanceMarkedRemote?: boolean;
  personSigned?: boolean;
  screenshot?: boolean;
  callPrintout?: boolean;
  socialWorkerSignedWithNote?: boolean;
  durationMatchesAgreement?: boolean;
}

/** An IBM service line: a service delivered to the person, with its price if it has one. */
export interface ServiceLine {
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  units: string;
  funding: string;
  price?: string;
  diUnitCost?: string;
  remote?: boolean;
  provider?: string;
  evidence?: RemoteEvidence;
}

const EVIDENCE_FIELDS: ReadonlyArray<keyof RemoteEvidence> = [
  'recordedInClientFile',
  'providerProtocol',
  'contentInSpecialistFile',
  'opinionForPlan',
  'opinionSubmitted',
  'contentReport',
  'attendanceMarkedRemote',
  'personSigned',
  'screenshot',
  'callPrintout',
  'socialWorkerSignedWithNote',
  'durationMatchesAgreement',
];

function settingsOf(version: RuleVersion): IndividualBudgetLines {
  const compensation = version.compensation;
  if (compensation?.kind !== 'individualBudgetLines') throw new Error(`version ${version.version} is not individualBudgetLines (checked by the caller)`);
  return compensation;
}

/** The fields the line rules read: the line as given, whether it has a price, and whether it lies in an emergency. */
export function serviceLineFacts(line: ServiceLine, duringEmergency: boolean): Record<string, unknown> {
  const facts: Record<string, unknown> = {
    service: line.service,
    funding: line.funding,
    hasPrice: line.price !== undefined,
    diPaidAtUnitCost: line.diUnitCost !== undefined,
    remote: line.remote === true,
    duringEmergency,
    provider: line.provider ?? 'other',
  };
  for (const field of EVIDENCE_FIELDS) facts[field] = line.evidence?.[field] === true;
  return facts;
}

/**
 * Whether each line can be paid from the individual budget, and at what price: its defined price, or where it has
 * none the unit cost the DI project paid for it. Days the person is not in the pilot's target group are not paid;
 * a line across such a boundary is paid pro rata by days.
 */
export function computeIndividualBudgetLines(context: CompensationContext, lines: readonly ServiceLine[], emergency: boolean): KindResult {
  const problems = lines.flatMap((line, index) =>
    line.to < context.period.from || line.from > context.period.to ? [{ path: `/serviceLines/${index}`, message: `lies outside the period ${context.period.from}…${context.period.to}` }] : [],
  );
  if (problems.length > 0) return { problems };
  const answers = lines.map((line, index) => {
    const { parts, days, outsidePeriodDays } = splitLine(line, context.segments);
    const firstVersion = parts[0]?.version ?? (context.segments[0]?.span.version as RuleVersion);
    const settings = settingsOf(firstVersion);
    const periods: readonly EmergencyPeriod[] = context.emergencies.get(settings.emergencies) ?? [];
    const declared = coveredByEmergency(periods, line.from, line.to);
    const facts = serviceLineFacts(line, emergency || declared !== null);
    const price: Money | null = line.price !== undefined ? money(line.price) : line.diUnitCost !== undefined ? money(line.diUnitCost) : null;
    const refs: string[] = [];
    let paidDays = 0;
    let lineRules: RuleTrace[] | RawJson = [];
    const partAnswers = parts.map((part) => {
      const rules = evaluateLineRules(part.version, settingsOf(part.version).lineRules, facts, context.explanation);
      if (isEmpty(lineRules)) lineRules = rules.explanation;
      // A part under another version than the line's first part is judged by that version's line rules: show them.
      const ownRules = part.version !== parts[0]?.version && !isEmpty(rules.explanation) ? { lineRules: rules.explanation } : {};
      let partRefs: string[];
      let paid = false;
      if (rules.blockers.length > 0) partRefs = rules.blockers;
      else if (!part.segment.eligible) partRefs = part.segment.blockers;
      else {
        paid = price !== null;
        if (paid) paidDays += part.days;
        partRefs = part.segment.basis;
      }
      refs.push(...partRefs);
      return { from: part.from, to: part.to, days: part.days, paid, refs: uniqueSorted(partRefs), version: part.version.version, ...ownRules };
    });
    const amount = price === null ? ZERO : price.times(line.units).times(paidDays).dividedBy(days);
    if (paidDays > 0 && line.price === undefined) refs.push(settings.diUnitCostRef);
    if (paidDays > 0 && paidDays < days) refs.push(settings.proRataAssumption);
    const answer: Record<string, unknown> = {
      index,
      service: line.service,
      from: line.from,
      to: line.to,
      units: line.units,
      funding: line.funding,
      payable: paidDays > 0,
      price: price === null ? null : formatMoney(price),
      priceFrom: line.price !== undefined ? 'defined' : line.diUnitCost !== undefined ? 'diUnitCost' : null,
      amount: formatMoney(amount),
      days,
      paidDays,
      outsidePeriodDays,
      remote: line.remote === true,
      duringEmergency: facts.duringEmergency,
      emergency: declared === null ? (emergency && line.remote === true ? 'stated in the request' : null) : declared,
      refs: uniqueSorted(refs),
      parts: partAnswers,
      lineRules,
    };
    return { exact: amount, answer };
  });
  return summedLines(answers, 'the sum of the payable lines (price × units, pro rata by paid days), rounded once to cents, half-up');
}
