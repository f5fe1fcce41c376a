import { runExampleCase, type ExampleCase } from '../cases/example-cases.js';
import { ask, type Endpoint } from '../answer/ask.js';
import { responseData, type ResponseData } from '../wire/answer-json.js';
import { referencedProgrammes } from '../rules/check-references.js';
import type { RuleSet } from '../rules/model.js';
import { compareAnswers } from './answer-change.js';
import type { CaseImpact, ImpactReport } from './diff-report.js';

/** A request to answer under both sides: an officer's example case, or a request recorded from the API. */
export type CaseToRun =
  | { origin: 'example'; name: string; where: string; exampleCase: ExampleCase }
  | { origin: 'recorded'; name: string; where: string; endpoint: Endpoint; request: unknown };

function answerUnder(ruleSet: RuleSet, toRun: CaseToRun): { response: ResponseData; expectationMet?: boolean } {
  if (toRun.origin === 'example') {
    const outcome = runExampleCase(ruleSet, toRun.exampleCase);
    return { response: outcome.response, expectationMet: outcome.differences.length === 0 };
  }
  return { response: responseData(ask(ruleSet, toRun.endpoint, toRun.request)) };
}

function endpointOfCase(toRun: CaseToRun): Endpoint {
  return toRun.origin === 'example' ? toRun.exampleCase.endpoint : toRun.endpoint;
}

/** Example cases of both sides, each once: the same name in the same file (relative to its rules folder) is one case. */
export function distinctCases(cases: readonly CaseToRun[]): CaseToRun[] {
  const seen = new Set<string>();
  return cases.filter((toRun) => {
    if (toRun.origin !== 'example') return true;
    const key = `${toRun.where.replace(/:\d+$/, '')}\u0000${toRun.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every case answered under the old and the new rules; those whose answer differs, with what differs, in words. Pure. */
export function caseImpact(cases: readonly CaseToRun[], before: RuleSet, after: RuleSet): Omit<ImpactReport, 'problems'> {
  const changed: CaseImpact[] = [];
  for (const toRun of cases) {
    const old = answerUnder(before, toRun);
    const now = answerUnder(after, toRun);
    const changes = compareAnswers(old.response, now.response);
    if (changes.length === 0) continue;
    const impact: CaseImpact = { name: toRun.name, origin: toRun.origin, where: toRun.where, endpoint: endpointOfCase(toRun), changes };
    if (old.expectationMet !== undefined && now.expectationMet !== undefined) impact.expectationMet = { old: old.expectationMet, new: now.expectationMet };
    changed.push(impact);
  }
  return { ran: cases.length, changed };
}

/**
 * The programmes whose cases a change to `programmes` can move: those, and every programme whose versions read
 * one of them (IBM pricing lines at DI's unit costs), on either side. Undefined (every programme) stays undefined.
 */
export function programmesReading(programmes: readonly string[] | undefined, ruleSets: readonly RuleSet[]): string[] | undefined {
  if (programmes === undefined) return undefined;
  const found = new Set(programmes);
  for (let grew = true; grew; ) {
    grew = false;
    for (const ruleSet of ruleSets) {
      for (const programme of ruleSet.programmes.values()) {
        if (found.has(programme.id) || !referencedProgrammes(programme).some((name) => found.has(name))) continue;
        found.add(programme.id);
        grew = true;
      }
    }
  }
  return [...found].sort();
}
