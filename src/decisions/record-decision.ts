import type { AnsweredBody, Endpoint } from '../answer/ask.js';
import { recordedCaller, type Caller } from '../auth/caller.js';
import type { RuleSet } from '../rules/model.js';
import type { DecisionOutcome, DecisionRecord, RulesetNamed } from './decision-record.js';
import type { DecisionStore } from './decision-store.js';
import type { PersonRefKey } from './person-ref.js';
import { sealed } from './record-digest.js';
import { rulesOfAnswer } from './rules-of-answer.js';

export interface AnsweredQuestion {
  decisionId: string;
  endpoint: Endpoint;
  /** The rule set that answered (read once by the route, so the same one the answer came from). */
  ruleSet: RuleSet;
  /** The request body as sent. */
  body: Record<string, unknown>;
  caller: Caller;
  /** The answer, as the core gave it. */
  answer: AnsweredBody;
  /** sha256 of the answer's JSON as sent, decisionId aside (wire/answer-json.ts). */
  answerSha256: string;
}

function named(ruleset: { version: string; sha256: string } | undefined): RulesetNamed | null {
  return ruleset === undefined ? null : { version: ruleset.version, sha256: ruleset.sha256 };
}

/** What an answer decided, in the few fields a search shows: the verdict or the amount, and the first version used. */
export function outcomeOf(answer: AnsweredBody): DecisionOutcome {
  if ('compensation' in answer) return { programme: answer.programme, compensation: answer.compensation, ruleset: named(answer.segments[0]?.ruleset) };
  if ('segments' in answer) return { programme: answer.programme, eligible: answer.eligible, ruleset: named(answer.segments[0]?.ruleset) };
  return { programme: answer.programme, eligible: answer.eligible, ruleset: named(answer.ruleset) };
}

/**
 * Turns an answered question into a durable decision record: rule files archived first, then the record. The record
 * keeps what is needed to make the answer again (the request and the rule files by sha256) and the answer's sha256,
 * not the answer: reading it makes the answer again and checks it (replay.ts). It is sealed with its own digest,
 * `recordSha256` (record-digest.ts), so that a record changed in the store is told from the one written.
 */
export class DecisionRecorder {
  constructor(
    readonly store: DecisionStore,
    readonly personRefKey: PersonRefKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves once the record and every rule file it names are durable; only then may the answer go out. */
  async record(question: AnsweredQuestion): Promise<DecisionRecord> {
    const { personRef, ...request } = question.body;
    const outcome = outcomeOf(question.answer);
    const { rules, texts } = rulesOfAnswer(question.ruleSet, outcome.programme, question.answer);
    await Promise.all(texts.map((text) => this.store.archive.put(text)));
    const record = sealed({
      decisionId: question.decisionId,
      format: 2,
      time: this.now().toISOString(),
      endpoint: question.endpoint,
      request,
      ...(typeof personRef === 'string' ? { personRef: this.personRefKey.digest(personRef) } : {}),
      rules,
      caller: recordedCaller(question.caller),
      outcome,
      answerSha256: question.answerSha256,
    });
    await this.store.append(record);
    return record;
  }
}
