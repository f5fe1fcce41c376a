import { nextDay, parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme, RuleVersion } from '../rules/model.js';
import type { Facts } from './condition-trace.js';
import { deriveFrom, derivedChangePoints } from './derived-facts.js';
import { versionChangeDays } from './version-change-days.js';

/** The parts of a request that facts are read from. */
export interface FactInput {
  person: Readonly<Record<string, unknown>>;
  request: Readonly<Record<string, unknown>>;
}

export interface FactProblem {
  path: string;
  message: string;
}

function sourceOf(input: FactInput, origin: 'person' | 'request'): Readonly<Record<string, unknown>> {
  return origin === 'person' ? input.person : input.request;
}

/** Required facts the request lacks, each with its JSON path. */
export function missingFacts(programme: Programme, input: FactInput): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const fact of programme.facts.values()) {
    const source = sourceOf(input, fact.in);
    if (fact.required && (!Object.hasOwn(source, fact.name) || source[fact.name] === undefined)) {
      const path = fact.in === 'person' ? `/person/${fact.name}` : `/${fact.name}`;
      problems.push({ path, message: `programme ${programme.id} needs ${fact.title.en} (${fact.name})` });
    }
  }
  return problems;
}

interface FactBuilders {
  declared: (person: Readonly<Record<string, unknown>>, request: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  on: (declared: Facts, date: CalendarDate) => Facts;
}

const builders = new WeakMap<Programme, FactBuilders>();

/**
 * A programme's two fact builders, generated once: each returns one object literal with the programme's facts in a
 * fixed order, so every day's facts have the same shape for the generated rule functions. Fact names are checked
 * identifiers (and never a name of Object.prototype), written with JSON.stringify.
 */
function buildersOf(programme: Programme): FactBuilders {
  const cached = builders.get(programme);
  if (cached) return cached;
  const key = (name: string): string => JSON.stringify(name);
  const declaredEntries = [...programme.facts.values()].map(
    (fact) => `${key(fact.name)}: own(${fact.in === 'person' ? 'person' : 'request'}, ${key(fact.name)})`,
  );
  const declared = new Function('own', `return (person, request) => ({ ${declaredEntries.join(', ')} });`)(
    (source: Readonly<Record<string, unknown>>, name: string) => (Object.hasOwn(source, name) ? (source[name] ?? null) : null),
  ) as FactBuilders['declared'];
  const derived = [...programme.derivedFacts.values()];
  const derive = derived.map(deriveFrom);
  const local = new Map(derived.map((fact, index) => [fact.name, `g${index}`]));
  const read = (name: string): string => local.get(name) ?? `d[${key(name)}]`;
  const lines = derived.map((fact, index) => `const g${index} = derive[${index}](${read(fact.of)}, date);`);
  const entries = [
    ...[...programme.facts.keys()].map((name) => `${key(name)}: d[${key(name)}]`),
    `"evaluationDate": date`,
    ...derived.map((fact, index) => `${key(fact.name)}: g${index}`),
  ];
  const on = new Function('derive', `return (d, date) => { ${lines.join(' ')} return { ${entries.join(', ')} }; };`)(derive) as FactBuilders['on'];
  const built = { declared, on };
  builders.set(programme, built);
  return built;
}

/** The declared facts of a request; an absent optional fact is null. */
export function declaredFacts(programme: Programme, input: FactInput): Record<string, unknown> {
  return buildersOf(programme).declared(input.person, input.request);
}

/** Every fact a condition may read on `date`: declared, built-in (evaluationDate) and derived. */
export function factsOn(programme: Programme, declared: Facts, date: CalendarDate): Facts {
  return buildersOf(programme).on(declared, date);
}

/**
 * Days in (from, to] on which an answer of `version` may change because of the facts: a date fact D (compared with
 * the evaluated date) changes comparisons on D and on D+1; derived facts name their own days (the birthdays on which
 * an age reaches a limit the rules compare it with); so do the dates the rules compare the evaluated day with.
 * Unordered, perhaps repeated.
 */
export function factChangePoints(programme: Programme, version: RuleVersion, declared: Facts, from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const points: CalendarDate[] = [];
  const sample = factsOn(programme, declared, from);
  for (const name in sample) {
    const value = sample[name];
    // Only an ISO date can be one (a cheap look before the full parse): "2019-03-31", not "group_home".
    if (name === 'evaluationDate' || typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45) continue;
    const date = parseCalendarDate(value);
    if (date === null) continue;
    points.push(date);
    const after = nextDay(date);
    if (after !== null) points.push(after);
  }
  const days = versionChangeDays(programme, version);
  points.push(...days.dates);
  for (const derived of programme.derivedFacts.values()) {
    if (derived.kind !== 'wholeYearsOn') points.push(...derivedChangePoints(derived, sample, from, to));
    else {
      const ages = days.ages.get(derived.name);
      if (ages !== undefined) points.push(...derivedChangePoints(derived, sample, from, to, ages));
    }
  }
  return points.filter((point) => point > from && point <= to);
}
