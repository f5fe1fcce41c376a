import { createWriteStream } from 'node:fs';
import { syntheticCases } from './synthetic-persons.js';

/**
 * Writes `count` synthetic NSK persons for one half-year as JSON Lines (the input of `sbsp-rules batch`), each with
 * cost lines for the months of that half-year. Usage: tsx bench/make-persons.ts <file> <count> [year] [half].
 */
export async function writePersons(file: string, count: number, year = 2024, half: 1 | 2 = 1): Promise<void> {
  const out = createWriteStream(file);
  const firstMonth = half === 1 ? 1 : 7;
  const cases = syntheticCases(count);
  for (const [index, item] of cases.entries()) {
    const costs = [0, 1, 2, 3, 4, 5].map((offset) => {
      const month = String(firstMonth + offset).padStart(2, '0');
      const last = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][firstMonth + offset - 1];
      return {
        service: 'day_care_centre',
        from: `${year}-${month}-01`,
        to: `${year}-${month}-${last}`,
        amount: `${400 + (index % 300)}.${String(index % 100).padStart(2, '0')}`,
        funding: 'municipality',
        inPlan: true,
      };
    });
    const birthDate = String(item.person.birthDate);
    const line = JSON.stringify({
      personRef: `P${index}`,
      person: { ...item.person, birthDate: birthDate > `${year}-01-01` ? '1990-01-01' : birthDate },
      services: item.services,
      costs,
    });
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

if (process.argv[1]?.endsWith('make-persons.ts')) {
  const [file, count, year, half] = process.argv.slice(2);
  await writePersons(file ?? 'persons.jsonl', Number(count ?? 100000), Number(year ?? 2024), (Number(half ?? 1) === 2 ? 2 : 1) as 1 | 2);
}
