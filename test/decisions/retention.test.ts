import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/calendar/calendar-date.js';
import { purgeBefore, type Retention, retentionOf, utcDateOf } from '../../src/decisions/retention.js';

function period(text: string): Retention {
  const retention = retentionOf(text);
  if ('problem' in retention) throw new Error(retention.problem);
  return retention;
}

describe('DECISIONS_RETENTION', () => {
  it.each([
    ['10y', { kind: 'period', amount: 10, unit: 'y', text: '10y' }],
    ['18m', { kind: 'period', amount: 18, unit: 'm', text: '18m' }],
    ['400d', { kind: 'period', amount: 400, unit: 'd', text: '400d' }],
    ['9999d', { kind: 'period', amount: 9999, unit: 'd', text: '9999d' }],
  ])('%s is a period', (text, expected) => {
    expect(retentionOf(text)).toEqual(expected);
  });

  it.each([[undefined], ['']])('unset (%j): records are kept for ever', (text) => {
    expect(retentionOf(text)).toEqual({ kind: 'forever' });
  });

  it.each(['10', 'y', '0y', '-1y', '10 y', '10Y', '10years', '1.5y', '10y6m', '010y', '10000d', ' 10y', 'forever'])(
    '"%s" is refused, saying what is meant',
    (text) => {
      expect(retentionOf(text)).toEqual({
        problem: `DECISIONS_RETENTION must be a whole number (1 to 9999) of years, months or days — 10y, 18m, 400d —, not "${text}"; unset, records are kept for ever`,
      });
    },
  );
});

describe('the day before which records are past their retention', () => {
  it.each([
    ['10y', '2026-11-26', '2016-11-26'],
    ['1y', '2024-02-29', '2023-02-28'],
    ['4y', '2024-02-29', '2020-02-29'],
    ['18m', '2026-11-26', '2025-05-26'],
    ['1m', '2026-03-31', '2026-02-28'],
    ['1m', '2024-03-31', '2024-02-29'],
    ['3m', '2026-01-15', '2025-10-15'],
    ['12m', '2026-01-01', '2025-01-01'],
    ['400d', '2026-11-26', '2025-10-22'],
    ['1d', '2025-01-01', '2024-12-31'],
    ['60d', '2024-03-01', '2024-01-01'],
  ])('%s on %s: records of the days before %s go', (text, today, before) => {
    expect(purgeBefore(period(text), calendarDate(today))).toBe(before);
  });

  it('a record is never deleted before its full period: with 1m, one of 28 February 2026 stays all of March', () => {
    const march = Array.from({ length: 31 }, (_, index) => calendarDate(`2026-03-${String(index + 1).padStart(2, '0')}`));
    expect(march.filter((today) => '2026-02-28' < (purgeBefore(period('1m'), today) as string))).toEqual([]);
    expect(purgeBefore(period('1m'), calendarDate('2026-04-01'))).toBe('2026-03-01');
  });

  it('nothing when records are kept for ever, or when the period reaches back before year 1', () => {
    expect(purgeBefore({ kind: 'forever' }, calendarDate('2026-11-26'))).toBeNull();
    expect(purgeBefore(period('9999y'), calendarDate('2026-11-26'))).toBeNull();
    expect(purgeBefore(period('9999d'), calendarDate('0010-01-01'))).toBeNull();
    expect(purgeBefore(period('2025y'), calendarDate('2026-11-26'))).toBe('0001-11-26');
  });

  it("today is the instant's UTC date, whatever the time zone of the machine", () => {
    expect(utcDateOf(new Date('2026-11-26T23:59:59.999Z'))).toBe('2026-11-26');
    expect(utcDateOf(new Date('2026-11-27T00:30:00+02:00'))).toBe('2026-11-26');
    expect(utcDateOf(new Date('2026-11-26T22:30:00-02:00'))).toBe('2026-11-27');
  });
});
