import { nextDay, parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { DerivedFact, Programme } from '../rules/model.js';
import type { Facts } from './condition-trace.js';
import { derivedChangePoints, derivedValue } from './derived-facts.js';

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

/**
 * The declared facts of a request; an absent optional fact is null. Fact names never shadow Object.prototype
 * (the loader refuses such names), so plain objects are safe here, and filling them in one fixed order keeps
 * every day's facts the same shape for the engine.
 */
export function declaredFacts(programme: Programme, input: FactInput): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const fact of programme.facts.values()) {
    const source = sourceOf(input, fact.in);
    facts[fact.name] = Object.hasOwn(source, fact.name) ? (source[fact.name] ?? null) : null;
  }
  return facts;
}

const layouts = new WeakMap<Programme, { declared: string[]; derived: DerivedFact[] }>();

function layoutOf(programme: Programme): { declared: string[]; derived: DerivedFact[] } {
  let layout = layouts.get(programme);
  if (!layout) {
    layout = { declared: [...programme.facts.keys()], derived: [...programme.derivedFacts.values()] };
    layouts.set(programme, layout);
  }
  return layout;
}

/** Every fact a condition may read on `date`: declared, built-in and derived. */
export function factsOn(programme: Programme, declared: Facts, date: CalendarDate): Facts {
  const { declared: names, derived } = layoutOf(programme);
  const facts: Record<string, unknown> = {};
  for (const name of names) facts[name] = declared[name];
  facts.evaluationDate = date;
  for (const fact of derived) facts[fact.name] = derivedValue(fact, facts, date);
  return facts;
}

/**
 * Days in (from, to] on which an answer may change because of the facts: a date fact D (compared with the
 * evaluated date) changes comparisons on D and on D+1; derived facts name their own days (birthdays).
 */
export function factChangePoints(programme: Programme, declared: Facts, from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const points: CalendarDate[] = [];
  const sample = factsOn(programme, declared, from);
  for (const [name, value] of Object.entries(sample)) {
    if (name === 'evaluationDate') continue;
    const date = parseCalendarDate(value);
    if (date === null) continue;
    points.push(date);
    const after = nextDay(date);
    if (after !== null) points.push(after);
  }
  for (const derived of programme.derivedFacts.values()) points.push(...derivedChangePoints(derived, sample, from, to));
  return points.filter((point) => point > from && point <= to);
}
