import type { CalendarDate } from '../calendar/calendar-date.js';
import type { RuleTrace } from '../evaluate/day-result.js';
import { formatMoney, minMoney, money, ZERO, type Money } from '../money/money.js';
import type { RuleVersion, UnitCostDeliveries } from '../rules/model.js';
import type { CompensationContext, KindResult } from './compensation-context.js';
import { rateAssumptions, rateOf } from './unit-costs.js';
import { splitLine, summedLines, uniqueSorted } from './line-days.js';
import { RawJson } from '../evaluate/raw-json.js';
import { evaluateLineRules, isEmpty } from './line-rules.js';

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
    if (line.to < context.period.from || line.from > context.period.to) problems.push({ path, message: `lies outside the period ${context.period.from}…${context.period.to}` });
    const versions = new Set(context.segments.filter((segment) => segment.from <= line.to && segment.to >= line.from).map((segment) => segment.span.version));
    for (const version of versions) {
      const settings = settingsOf(version);
      const unitCost = settings.unitCosts[line.service];
      if (!unitCost) continue;
      if (unitCost.rates && line.rateTier === undefined) problems.push({ path: `${path}/rateTier`, message: `${line.service} has a lower and a higher rate: say which (${unitCost.tierAssumption ?? 'rateTier'})` });
      if (!unitCost.rates && line.rateTier !== undefined) problems.push({ path: `${path}/rateTier`, message: `${line.service} has one rate; leave rateTier out` });
      const provisions = [settings.provision.unitCost.provision, settings.provision.actualCostUpToUnitCost.provision];
      if (!provisions.includes(line.provision)) problems.push({ path: `${path}/provision`, message: `must be one of ${provisions.join(', ')}` });
      if (line.provision === settings.provision.actualCostUpToUnitCost.provision && line.actualCost === undefined) {
        problems.push({ path: `${path}/actualCost`, message: `is required when provision is ${line.provision} (${settings.provision.actualCostUpToUnitCost.ref})` });
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
    const { parts, days, outsidePeriodDays } = splitLine(line, context.segments);
    const units = money(line.units);
    const refs: string[] = [];
    let atUnitCost: Money = ZERO;
    let paidUnits: Money = ZERO;
    let paidDays = 0;
    let unitCostShown: Money | null = null;
    let lineRules: RuleTrace[] | RawJson = [];
    const partAnswers = parts.map((part) => {
      const settings = settingsOf(part.version);
      const unitCost = settings.unitCosts[line.service];
      const rules = evaluateLineRules(part.version, settings.lineRules, { evaluationDate: part.from, service: line.service, provision: line.provision, rateTier: line.rateTier ?? null }, context.explanation);
      if (isEmpty(lineRules)) lineRules = rules.explanation;
      // A part under another version than the line's first part is judged by that version's line rules: show them.
      const ownRules = part.version !== parts[0]?.version && !isEmpty(rules.explanation) ? { lineRules: rules.explanation } : {};
      let partRefs: string[];
      let paid = false;
      if (!unitCost) partRefs = [];
      else if (rules.blockers.length > 0) partRefs = rules.blockers;
      else if (!part.segment.eligible) partRefs = part.segment.blockers;
      else {
        paid = true;
        const rate = rateOf(part.version, unitCost, line.rateTier);
        unitCostShown ??= rate;
        const partUnits = units.times(part.days).dividedBy(days);
        paidUnits = paidUnits.plus(partUnits);
        paidDays += part.days;
        atUnitCost = atUnitCost.plus(rate.times(partUnits));
        refs.push(...rateAssumptions(part.version, unitCost, line.rateTier));
        partRefs = part.segment.basis;
      }
      refs.push(...partRefs);
      return { from: part.from, to: part.to, days: part.days, compensated: paid, refs: uniqueSorted(partRefs), version: part.version.version, ...ownRules };
    });
    const settings = settingsOf(parts[0]?.version ?? (context.segments[0]?.span.version as RuleVersion));
    const procured = line.provision === settings.provision.actualCostUpToUnitCost.provision;
    const provisionRule = procured ? settings.provision.actualCostUpToUnitCost : settings.provision.unitCost;
    const amount = procured ? minMoney(money(line.actualCost ?? '0').times(paidDays).dividedBy(days), atUnitCost) : atUnitCost;
    if (paidDays > 0) refs.push(provisionRule.ref);
    if (paidDays > 0 && paidDays < days) refs.push(settings.proRataAssumption);
    const unitCost = settings.unitCosts[line.service];
    const answer: Record<string, unknown> = {
      index,
      service: line.service,
      from: line.from,
      to: line.to,
      units: line.units,
      unit: unitCost?.unit ?? null,
      unitCost: unitCostShown === null ? (unitCost ? formatMoney(rateOf(parts[0]?.version as RuleVersion, unitCost, line.rateTier)) : null) : formatMoney(unitCostShown),
      provision: line.provision,
      days,
      compensatedDays: paidDays,
      outsidePeriodDays,
      compensatedUnits: paidUnits.toDecimalPlaces(4).toString(),
      amount: formatMoney(amount),
      ref: paidDays > 0 ? provisionRule.ref : null,
      refs: uniqueSorted(refs),
      parts: partAnswers,
      lineRules,
    };
    if (line.rateTier !== undefined) answer.rateTier = line.rateTier;
    if (line.actualCost !== undefined) answer.actualCost = formatMoney(money(line.actualCost));
    if (!unitCost) answer.reason = `no unit cost for ${line.service} in this programme's rules`;
    return { exact: amount, answer };
  });
  return summedLines(answers, 'the sum of the lines, rounded once to cents, half-up');
}
