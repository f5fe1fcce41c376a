import { RawJson } from '../evaluate/raw-json.js';
import { recordedCaller, type Caller } from '../auth/caller.js';
import type { RuleSet } from '../rules/model.js';
import type { DecisionEndpoint, DecisionRecord } from './decision-record.js';
import type { DecisionStore } from './decision-store.js';
import type { PersonRefKey } from './person-ref.js';
import { rulesOfAnswer } from './rules-of-answer.js';

export interface AnsweredQuestion {
  decisionId: string;
  endpoint: DecisionEndpoint;
  /** The rule set that answered (read once by the route, so the same one the answer came from). */
  ruleSet: RuleSet;
  /** The request body as sent. */
  body: Record<string, unknown>;
  caller: Caller;
  /** The answer as it will be sent, decisionId included. */
  answer: Record<string, unknown>;
  /** The same answer as the JSON bytes that will be sent, when the route has written them: stored as they are. */
  answerBytes?: Buffer;
}

/** Turns an answered question into a durable decision record: rule files archived first, then the record. */
export class DecisionRecorder {
  constructor(
    readonly store: DecisionStore,
    readonly personRefKey: PersonRefKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves once the record and every rule file it names are durable; only then may the answer go out. */
  async record(question: AnsweredQuestion): Promise<DecisionRecord> {
    const { personRef, ...request } = question.body;
    const programme = String(question.answer.programme ?? request.programme);
    const { rules, texts } = rulesOfAnswer(question.ruleSet, programme, question.answer);
    await Promise.all(texts.map((text) => this.store.archive.put(text)));
    const record: DecisionRecord = {
      decisionId: question.decisionId,
      format: 1,
      time: this.now().toISOString(),
      endpoint: question.endpoint,
      request,
      ...(typeof personRef === 'string' ? { personRef: this.personRefKey.digest(personRef) } : {}),
      rules,
      caller: recordedCaller(question.caller),
      answer: question.answerBytes === undefined ? question.answer : new RawJson(question.answerBytes),
    };
    await this.store.append(record);
    return record;
  }
}
