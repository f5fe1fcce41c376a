import type { CalendarDate } from '../calendar/calendar-date.js';
import { formatMoney, minMoney, money, ZERO, type Money } from '../money/money.js';
import type { RuleVersion, UnitCost, UnitCostDeliveries } from '../rules/model.js';
import type { CompensationContext, KindResult, LineAnswer } from './compensation-context.js';
import { rateAssumptions, rateOf } from './unit-costs.js';
import { summedLines, uniqueSorted, type LinePart } from './line-days.js';
import type { Explanation } from '../evaluate/explanation.js';
import { countLine, outsidePeriod, partAnswers, type LineCounting, type PartAnswer } from './price-lines.js';

/** A DI-style delivery line: units of one service delivered over some days. */
export interface DeliveryLine {
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  units: string;
  rateTier?: 'lower' | 'higher';
  provision: string;
  actualCost?: string;
}

/** DI has no line dates; a service without a unit cost is not judged; pro rata against all of a line's days. */
const COUNTING: LineCounting = { dateFields: [], ownRulesWhen: 'otherVersion', unpricedPartRefs: 'none', proRataOf: 'days' };

/** A delivery line as the answer shows it. */
export interface DeliveryLineAnswer extends LineAnswer {
  index: number;
  service: string;
  from: CalendarDate;
  to: CalendarDate;
  units: string;
  unit: string | null;
  unitCost: string | null;
  provision: string;
  days: number;
  compensatedDays: number;
  outsidePeriodDays: number;
  compensatedUnits: string;
  amount: string;
  ref: string | null;
  refs: string[];
  parts: Array<PartAnswer<'compensated'>>;
  lineRules: Explanation;
  rateTier?: 'lower' | 'higher';
  actualCost?: string;
  reason?: string;
}

function settingsOf(version: RuleVersion): UnitCostDeliveries {
  const compensation = version.compensation;
  if (compensation?.kind !== 'unitCostDeliveries') throw new Error(`version ${version.version} is not unitCostDeliveries (checked by the caller)`);
  return compensation;
}

/** Lines a version cannot price are request mistakes: a two-rate service without its tier (A5), and the like. */
function lineProblems(context: CompensationContext, lines: readonly DeliveryLine[]): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  lines.forEach((line, index) => {
    const path = `/deliveries/${index}`;
    problems.push(...outsidePeriod(context, line, path));
    const versions = new Set(context.segments.filter((segment) => segment.from <= line.to && segment.to >= line.from).map((segment) => segment.span.version));
    for (const version of versions) {
      const settings = settingsOf(version);
      const unitCost = settings.unitCosts[line.service];
      if (!unitCost) continue;
      if (unitCost.rates && line.rateTier === undefined)
        problems.push({
          path: `${path}/rateTier`,
          message: `${line.service} has a lower and a higher rate: say which (${unitCost.tierAssumption ?? 'rateTier'})`,
        });
      if (!unitCost.rates && line.rateTier !== undefined)
        problems.push({ path: `${path}/rateTier`, message: `${line.service} has one rate; leave rateTier out` });
      const provisions = [settings.provision.unitCost.provision, settings.provision.actualCostUpToUnitCost.provision];
      if (!provisions.includes(line.provision)) problems.push({ path: `${path}/provision`, message: `must be one of ${provisions.join(', ')}` });
      if (line.provision === settings.provision.actualCostUpToUnitCost.provision && line.actualCost === undefined) {
        problems.push({
          path: `${path}/actualCost`,
          message: `is required when provision is ${line.provision} (${settings.provision.actualCostUpToUnitCost.ref})`,
        });
      }
    }
  });
  return [...new Map(problems.map((problem) => [`${problem.path} ${problem.message}`, problem])).values()];
}

/**
 * Each line is split by the eligibility segments: eligible days are paid at unit cost × their share of the units
 * (municipal provision, e.g. C1) or at actual cost up to that (procured, e.g. C2); days the segments block (C3,
 * C4 …) are not paid and say which rule blocked them. A line across a boundary counts pro rata by days.
 */
export function computeUnitCostDeliveries(context: CompensationContext, lines: readonly DeliveryLine[]): KindResult {
  const problems = lineProblems(context, lines);
  if (problems.length > 0) return { problems };

  const answers = lines.map((line, index) => {
    const units = money(line.units);
    let atUnitCost: Money = ZERO;
    let paidUnits: Money = ZERO;
    // The unit cost (and its rate for the line's tier) of the first part priced: what the line shows.
    let firstPriced = null as { unitCost: UnitCost; rate: Money } | null;
    const unitCostOf = (part: LinePart): UnitCost | undefined => settingsOf(part.version).unitCosts[line.service];
    const counted = countLine(context, line, COUNTING, {
      facts: (part) => ({ evaluationDate: part.from, service: line.service, provision: line.provision, rateTier: line.rateTier ?? null }),
      priceable: (part) => unitCostOf(part) !== undefined,
      price: (part, days) => {
        const unitCost = unitCostOf(part) as UnitCost;
        const rate = rateOf(part.version, unitCost, line.rateTier);
        firstPriced ??= { unitCost, rate };
        paidUnits = paidUnits.plus(units.times(part.days).dividedBy(days));
        // Multiplied before divided, so that an exact share stays exact (21.00 × 98.09 × 16/96 is 343.315, not 343.3149…).
        atUnitCost = atUnitCost.plus(rate.times(units).times(part.days).dividedBy(days));
        return rateAssumptions(part.version, unitCost, line.rateTier);
      },
    });
    const { days, countedDays: paidDays, refs } = counted;
    const settings = settingsOf(counted.firstVersion);
    const procured = line.provision === settings.provision.actualCostUpToUnitCost.provision;
    const provisionRule = procured ? settings.provision.actualCostUpToUnitCost : settings.provision.unitCost;
    const amount = procured
      ? minMoney(
          money(line.actualCost ?? '0')
            .times(paidDays)
            .dividedBy(days),
          atUnitCost,
        )
      : atUnitCost;
    if (paidDays > 0) refs.push(provisionRule.ref);
    // The first version's unit cost, or, where it has none, that of the version a later part was priced under.
    const unitCost = settings.unitCosts[line.service] ?? firstPriced?.unitCost;
    const answer: DeliveryLineAnswer = {
      index,
      service: line.service,
      from: line.from,
      to: line.to,
      units: line.units,
      unit: unitCost?.unit ?? null,
      unitCost: firstPriced ? formatMoney(firstPriced.rate) : unitCost ? formatMoney(rateOf(counted.firstVersion, unitCost, line.rateTier)) : null,
      provision: line.provision,
      days,
      compensatedDays: paidDays,
      outsidePeriodDays: counted.outsidePeriodDays,
      compensatedUnits: paidUnits.toDecimalPlaces(4).toString(),
      amount: formatMoney(amount),
      ref: paidDays > 0 ? provisionRule.ref : null,
      refs: uniqueSorted(refs),
      parts: partAnswers(counted.parts, 'compensated'),
      lineRules: counted.lineRules,
      ...(line.rateTier === undefined ? {} : { rateTier: line.rateTier }),
      ...(line.actualCost === undefined ? {} : { actualCost: formatMoney(money(line.actualCost)) }),
      ...(unitCost ? {} : { reason: `no unit cost for ${line.service} in this programme's rules` }),
    };
    return { exact: amount, answer };
  });
  return summedLines(answers, 'the sum of the lines, rounded once to cents, half-up');
}
