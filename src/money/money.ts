import { Decimal } from 'decimal.js';

/**
 * Decimal arithmetic for money, never a JavaScript number. Sums and products of amounts are exact; a division (a
 * share of days, an annual amount over 12) keeps 34 significant digits (decimal128's), so an amount of billions is
 * still carried to 1e-24 of a cent before the one rounding to cents, half-up, at the end (A1).
 */
export const Money = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
export type Money = InstanceType<typeof Money>;

/** An amount as the API writes it: a string with exactly two decimals, rounded half-up. */
export function formatMoney(amount: Money): string {
  return amount.toDecimalPlaces(2, Money.ROUND_HALF_UP).toFixed(2);
}

export function money(value: string | number): Money {
  return new Money(value);
}

export const ZERO = new Money(0);

export function sum(amounts: readonly Money[]): Money {
  return amounts.reduce((total, amount) => total.plus(amount), ZERO);
}

export function minMoney(a: Money, b: Money): Money {
  return a.lessThan(b) ? a : b;
}
