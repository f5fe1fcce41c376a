import { money, type Money } from '../money/money.js';
import type { RuleVersion, UnitCost } from '../rules/model.js';
import { parameterValue } from './compensation-context.js';

export type RateTier = 'lower' | 'higher';

function rateParam(unitCost: UnitCost, tier: RateTier | undefined): { param: string } {
  if (unitCost.rate) return unitCost.rate;
  const rates = unitCost.rates as { lower: { param: string }; higher: { param: string } };
  return tier === 'higher' ? rates.higher : rates.lower;
}

/** A unit cost's rate in `version`: its one rate, or the rate of the line's tier (A5). */
export function rateOf(version: RuleVersion, unitCost: UnitCost, tier: RateTier | undefined): Money {
  return money(parameterValue(version, rateParam(unitCost, tier)));
}

/** The assumptions a price rests on: the unit cost's own and those of the rate parameter it reads. */
export function rateAssumptions(version: RuleVersion, unitCost: UnitCost, tier: RateTier | undefined): string[] {
  return [...(unitCost.assumptions ?? []), ...(version.parameters.get(rateParam(unitCost, tier).param)?.assumptions ?? [])];
}
