import { Decimal } from 'decimal.js';

/**
 * Exact decimal arithmetic for money: enough precision that no intermediate step rounds, and half-up rounding
 * for the one rounding to cents at the end (A1). Money never passes through a JavaScript number.
 */
export const Money = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
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
