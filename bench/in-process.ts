import type { CalendarDate } from '../src/calendar/calendar-date.js';
import { decideDay, evaluateDay } from '../src/evaluate/evaluate-day.js';
import { decideEvaluation, evaluateRules } from '../src/evaluate/explanation-plan.js';
import { declaredFacts, factsOn } from '../src/evaluate/facts.js';
import { createReferenceEngine } from '../src/evaluate/reference-engine.js';
import type { RuleSet } from '../src/rules/model.js';
import { handWrittenNsk } from './hand-written-nsk.js';
import type { SyntheticCase } from './synthetic-persons.js';

export interface Throughput {
  name: string;
  perSecond: number;
  runs: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(
  name: string,
  repeats: number,
  cases: readonly SyntheticCase[],
  run: (item: SyntheticCase) => unknown | Promise<unknown>,
): Promise<Throughput> {
  const runs: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const started = process.hrtime.bigint();
    for (const item of cases) {
      const result = run(item);
      if (result instanceof Promise) await result;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    runs.push(Math.round(cases.length / seconds));
  }
  return { name, perSecond: median(runs), runs };
}

/**
 * NSK eligibility of the synthetic persons, each on its own day, facts built from the request each time as the
 * service does: our evaluator with the full explanation recorded (every condition's result and the facts it saw —
 * what an answer's explanation is built from, when one is shown), with the explanation built as objects, and
 * without it; json-rules-engine with one reused Engine on the same conditions and facts; the hand-written function.
 * Medians of `repeats` runs.
 */
export async function inProcessThroughput(ruleSet: RuleSet, programmeId: string, cases: readonly SyntheticCase[], repeats: number): Promise<Throughput[]> {
  const programme = ruleSet.programmes.get(programmeId);
  const version = programme?.versions[0];
  if (!programme || !version) throw new Error(`no programme ${programmeId}`);
  const factsOf = (item: SyntheticCase) =>
    factsOn(programme, declaredFacts(programme, { person: item.person, request: { services: item.services } }), item.date as CalendarDate);
  const reference = createReferenceEngine(programme, version);
  // json-rules-engine is ~100× slower: a tenth of the persons keeps the run short; the rate is per second all the same.
  const referenceCases = cases.slice(0, Math.max(1000, Math.floor(cases.length / 10)));
  return [
    await measure('ours, full explanation, recorded', repeats, cases, (item) => {
      const record = evaluateRules(version, factsOf(item));
      return { answer: decideEvaluation(programme, record), record };
    }),
    await measure('ours, full explanation, as objects', repeats, cases, (item) => evaluateDay(programme, version, factsOf(item))),
    await measure('ours, no explanation', repeats, cases, (item) => decideDay(programme, version, factsOf(item))),
    await measure('json-rules-engine (one reused Engine)', repeats, referenceCases, (item) => reference.evaluate(factsOf(item))),
    await measure('hand-written TypeScript', repeats, cases, (item) => handWrittenNsk(item.person as never, item.services, item.date)),
  ];
}
