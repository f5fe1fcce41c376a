import { daysInclusive, maxDate, minDate, type CalendarDate } from '../calendar/calendar-date.js';
import { coveredByEmergency } from '../rules/emergency-periods.js';
import { EVIDENCE_FLAGS, type EvidenceFlag } from '../rules/line-facts.js';
import { formatMoney, money, ZERO, type Money } from '../money/money.js';
import type { EmergencyPeriod, IndividualBudgetLines, RuleVersion } from '../rules/model.js';
import type { CompensationContext, KindResult, LineAnswer } from './compensation-context.js';
import { summedLines, uniqueSorted } from './line-days.js';
import { rateAssumptions, rateOf, type RateTier } from './unit-costs.js';
import { isNoVersion, versionSpans } from '../versions/resolve-version.js';
import type { Explanation } from '../evaluate/explanation.js';
import { countLine, firstVersionOf, outsidePeriod, partAnswers, type LineCounting, type PartAnswer } from './price-lines.js';

/** What documents a remote delivery; every field is false unless the caller says it is there. */
export type RemoteEvidence = Partial<Record<EvidenceFlag, boolean>>;

/** An IBM service line: a service delivered to the person, with its price if it has one. */
export interface ServiceLine {
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  units: string;
  funding: string;
  price?: string;
  /** No defined price, and the DI project paid this service at its unit cost until now: priced at DI's unit cost. */
  diPaidAtUnitCost?: boolean;
  /** For DI's two-rate services (A5), when the line is priced at DI's unit cost. */
  rateTier?: RateTier;
  remote?: boolean;
  provider?: string;
  evidence?: RemoteEvidence;
}

/** IBM has no line dates; a line without a price is judged but not paid; pro rata against all of a line's days. */
const COUNTING: LineCounting = { dateFields: [], ownRulesWhen: 'otherVersion', unpricedPartRefs: 'judgement', proRataOf: 'days' };

/** A service line as the answer shows it. */
export interface ServiceLineAnswer extends LineAnswer {
  index: number;
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  units: string;
  funding: string;
  payable: boolean;
  price: string | null;
  priceFrom: 'defined' | 'diUnitCost' | null;
  unitCosts?: Array<{ from: CalendarDate; to: CalendarDate; programme: string; version: string; unitCost: string; assumptions: string[] }>;
  amount: string;
  days: number;
  paidDays: number;
  outsidePeriodDays: number;
  remote: boolean;
  duringEmergency: boolean;
  emergency: ReturnType<typeof coveredByEmergency>;
  refs: string[];
  parts: Array<PartAnswer<'paid'>>;
  lineRules: Explanation;
  rateTier?: RateTier;
}

function settingsOf(version: RuleVersion): IndividualBudgetLines {
  const compensation = version.compensation;
  if (compensation?.kind !== 'individualBudgetLines') throw new Error(`version ${version.version} is not individualBudgetLines (checked by the caller)`);
  return compensation;
}

/** The fields the line rules read: the line as given, whether it has a price, and whether it lies in an emergency. */
export function serviceLineFacts(line: ServiceLine, duringEmergency: boolean, evaluationDate: CalendarDate = line.from): Record<string, unknown> {
  const facts: Record<string, unknown> = {
    evaluationDate,
    service: line.service,
    funding: line.funding,
    hasPrice: line.price !== undefined,
    diPaidAtUnitCost: line.diPaidAtUnitCost === true,
    remote: line.remote === true,
    duringEmergency,
    provider: line.provider ?? 'other',
  };
  for (const field of EVIDENCE_FLAGS) facts[field] = line.evidence?.[field] === true;
  return facts;
}

/** A line's days priced at the other programme's unit cost in force on them (one piece per version of it). */
interface UnitCostPiece {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  rate: Money;
  version: RuleVersion;
  assumptions: string[];
}

/**
 * The unit costs of `settings.diUnitCosts.programme` over a line's days, as adopted by the question's asOf; a request
 * problem where they cannot price the line (no unit cost for the service, a two-rate service without its tier).
 */
function unitCostPieces(
  context: CompensationContext,
  settings: IndividualBudgetLines,
  line: ServiceLine,
  index: number,
): UnitCostPiece[] | { path: string; message: string } {
  const path = `/serviceLines/${index}`;
  const programme = context.programmes.get(settings.diUnitCosts.programme);
  const spans = programme ? versionSpans(programme, line.from, line.to, context.asOf) : null;
  if (!programme || spans === null || isNoVersion(spans)) {
    return {
      path,
      message: `no ${settings.diUnitCosts.programme} unit costs are in force on every day ${line.from}…${line.to}${context.asOf ? ` as adopted by ${context.asOf}` : ''}`,
    };
  }
  const pieces: UnitCostPiece[] = [];
  for (const span of spans) {
    const compensation = span.version.compensation;
    const unitCost = compensation?.kind === 'unitCostDeliveries' ? compensation.unitCosts[line.service] : undefined;
    if (!unitCost)
      return {
        path: `${path}/service`,
        message: `${programme.id} version ${span.version.version} has no unit cost for ${line.service}; a line the DI project did not pay at unit cost has no diPaidAtUnitCost`,
      };
    if (unitCost.rates && line.rateTier === undefined)
      return {
        path: `${path}/rateTier`,
        message: `${line.service} has a lower and a higher ${programme.id} unit cost: say which (${unitCost.tierAssumption ?? 'rateTier'})`,
      };
    pieces.push({
      from: span.from,
      to: span.to,
      days: daysInclusive(span.from, span.to),
      rate: rateOf(span.version, unitCost, line.rateTier),
      version: span.version,
      assumptions: rateAssumptions(span.version, unitCost, line.rateTier),
    });
  }
  return pieces;
}

/**
 * The price of a paid part, its share of the line's units by days: at its defined price, or at the unit cost of each
 * piece it overlaps for that piece's days. Multiplied before divided, so exact shares stay exact.
 */
function partAmount(
  part: { from: CalendarDate; to: CalendarDate; days: number },
  line: { units: string; days: number },
  price: Money | null,
  pieces: readonly UnitCostPiece[],
): Money {
  const share = (rate: Money, days: number): Money => rate.times(line.units).times(days).dividedBy(line.days);
  if (price !== null) return share(price, part.days);
  let amount: Money = ZERO;
  for (const piece of pieces) {
    const from = maxDate(part.from, piece.from);
    const to = minDate(part.to, piece.to);
    if (from <= to) amount = amount.plus(share(piece.rate, daysInclusive(from, to)));
  }
  return amount;
}

/**
 * Whether each line can be paid from the individual budget, and at what price: its defined price, or where it has
 * none and the DI project paid it at unit cost, the DI unit cost in force on its days (read from the DI rule files).
 * Days the person is not in the pilot's target group are not paid; a line across such a boundary is paid pro rata by
 * days.
 */
export function computeIndividualBudgetLines(context: CompensationContext, lines: readonly ServiceLine[]): KindResult {
  const problems: Array<{ path: string; message: string }> = [];
  const firstSettings = settingsOf(context.segments[0]?.span.version as RuleVersion);
  const piecesOf = lines.map((line, index) => {
    problems.push(...outsidePeriod(context, line, `/serviceLines/${index}`));
    if (line.price !== undefined && line.diPaidAtUnitCost === true)
      problems.push({
        path: `/serviceLines/${index}/diPaidAtUnitCost`,
        message: 'a line with a defined price is paid at that price; diPaidAtUnitCost is for a service without one',
      });
    if (line.price !== undefined || line.diPaidAtUnitCost !== true) return [];
    const pieces = unitCostPieces(context, firstSettings, line, index);
    if ('message' in pieces) {
      problems.push(pieces);
      return [];
    }
    return pieces;
  });
  if (problems.length > 0) return { problems };
  const answers = lines.map((line, index) => {
    const settings = settingsOf(firstVersionOf(context, line));
    const periods: readonly EmergencyPeriod[] = context.emergencies.get(settings.emergencies) ?? [];
    const declared = coveredByEmergency(periods, line.from, line.to);
    const pieces = piecesOf[index] as UnitCostPiece[];
    const price: Money | null = line.price !== undefined ? money(line.price) : null;
    const priced = price !== null || pieces.length > 0;
    let amount: Money = ZERO;
    const counted = countLine(context, line, COUNTING, {
      facts: (part) => serviceLineFacts(line, declared !== null, part.from),
      priceable: () => priced,
      price: (part, days) => {
        amount = amount.plus(partAmount(part, { units: line.units, days }, price, pieces));
        return [];
      },
    });
    const { countedDays: paidDays, refs } = counted;
    if (paidDays > 0 && price === null) refs.push(settings.diUnitCostRef, ...pieces.flatMap((piece) => piece.assumptions));
    const answer: ServiceLineAnswer = {
      index,
      service: line.service,
      from: line.from,
      to: line.to,
      units: line.units,
      funding: line.funding,
      payable: paidDays > 0,
      price: price !== null ? formatMoney(price) : pieces.length > 0 ? formatMoney((pieces[0] as UnitCostPiece).rate) : null,
      priceFrom: price !== null ? 'defined' : pieces.length > 0 ? 'diUnitCost' : null,
      ...(pieces.length > 0
        ? {
            unitCosts: pieces.map((piece) => ({
              from: piece.from,
              to: piece.to,
              programme: piece.version.programme,
              version: piece.version.version,
              unitCost: formatMoney(piece.rate),
              assumptions: uniqueSorted(piece.assumptions),
            })),
          }
        : {}),
      amount: formatMoney(amount),
      days: counted.days,
      paidDays,
      outsidePeriodDays: counted.outsidePeriodDays,
      remote: line.remote === true,
      duringEmergency: declared !== null,
      emergency: declared,
      refs: uniqueSorted(refs),
      parts: partAnswers(counted.parts, 'paid'),
      lineRules: counted.lineRules,
      ...(line.rateTier === undefined ? {} : { rateTier: line.rateTier }),
    };
    return { exact: amount, answer };
  });
  const referencedAssumptions = piecesOf.flat().map((piece) => ({ version: piece.version, ids: piece.assumptions }));
  return {
    ...summedLines(
      answers,
      'the sum of the payable lines (price × units, pro rata by paid days; a DI unit cost for the days it is in force), rounded once to cents, half-up',
    ),
    referencedAssumptions,
  };
}
