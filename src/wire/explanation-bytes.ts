import { outcomeOf } from '../evaluate/day-result.js';
import type { ExplanationPlan, Evaluation } from '../evaluate/explanation-plan.js';
import type { JsonWriter } from './json-writer.js';

/*
 * The explanation of an evaluation as JSON, written as UTF-8 bytes by a program compiled once per plan. Everything but
 * each node's result and skipped flag, each rule's result and the fact values seen is the same every day, so the
 * plan's explanation tree is laid out once, in output order, as a list of steps: a dynamic piece (a node's result
 * and skipped flag, a rule's result, a fact's value) together with all the fixed text that follows it up to the
 * next dynamic piece, already encoded — one copy a step. The same JSON as JSON.stringify(materialise(evaluation)) — a
 * test holds them equal, on generated persons and days for every bundled version — without building the objects,
 * or a string, first. This is the edge's writer (http answers, decision digests): the core only hands over evaluations.
 */

/** What a step writes before its fixed text. */
enum Step {
  /** Nothing: fixed text only. */
  Fixed,
  /** A node's result and skipped flag: one of four texts, chosen by them. */
  Node,
  /** A rule's result and outcome: one of two texts. */
  Rule,
  /** `,"factValue":<value>` when the fact has a value, else nothing. */
  FactValue,
  /** `,"value":<value>` of a condition that compares with another fact, when that fact has a value. */
  OtherValue,
}

interface Program {
  /** Per step: its kind, the position (Node, Rule) or fact slot (FactValue, OtherValue) it reads. */
  kinds: Step[];
  args: number[];
  /** Per step: its texts, each ending in the fixed text after it (Node: 4 by result × skipped; Rule: 2; else 1). */
  texts: Buffer[][];
  /** Per position of the explanation tree, in pre-order: the plan node shown there, and its parent's position. */
  nodeAt: number[];
  parentAt: number[];
  /** How the parent decides its children's skipped flags: 0 passes its own on, 1 `all`, 2 `any`. */
  parentKindAt: number[];
  /** The distinct facts the steps read, by slot. */
  facts: string[];
  /** Scratch for one writing (a program writes one explanation at a time: the thread writes one answer at a time). */
  skippedAt: Uint8Array;
  decidedAt: Uint8Array;
  factStart: Int32Array;
  factEnd: Int32Array;
}

const programs = new WeakMap<ExplanationPlan, Program>();

function member(key: string, value: unknown): string {
  return value === undefined ? '' : `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

/** A node's result, and "skipped": true only where it is (contract v2's compact explanation). */
const TAILS = [',"result":false', ',"result":false,"skipped":true', ',"result":true', ',"result":true,"skipped":true'];

function compileProgram(plan: ExplanationPlan): Program {
  const program: Program = {
    kinds: [],
    args: [],
    texts: [],
    nodeAt: [],
    parentAt: [],
    parentKindAt: [],
    facts: [],
    skippedAt: new Uint8Array(0),
    decidedAt: new Uint8Array(0),
    factStart: new Int32Array(0),
    factEnd: new Int32Array(0),
  };
  // Steps are built with their texts as strings, and the fixed text is appended to the last step until the next
  // dynamic piece opens a new one.
  const pending: Array<{ kind: Step; arg: number; texts: string[] }> = [{ kind: Step.Fixed, arg: 0, texts: [''] }];
  const fixed = (text: string): void => {
    const last = pending[pending.length - 1] as (typeof pending)[number];
    last.texts = last.texts.map((each) => each + text);
  };
  const dynamic = (kind: Step, arg: number, texts: string[]): void => void pending.push({ kind, arg, texts });
  const slotOf = (fact: string): number => {
    const known = program.facts.indexOf(fact);
    return known >= 0 ? known : program.facts.push(fact) - 1;
  };
  // A named condition is laid out in full where it first appears, and by its name after (as `materialise` does).
  const explainedIn = new Map<string, string>();
  let explainingRule = '';
  const layOut = (index: number, parent: number, parentKind: number): number => {
    const position = program.nodeAt.length;
    program.nodeAt.push(index);
    program.parentAt.push(parent);
    program.parentKindAt.push(parentKind);
    const node = plan.nodes[index] as ExplanationPlan['nodes'][number];
    switch (node.kind) {
      case 'all':
      case 'any':
        fixed(`{"${node.kind}":[`);
        node.children.forEach((child, place) => {
          if (place > 0) fixed(',');
          layOut(child, position, node.kind === 'all' ? 1 : 2);
        });
        fixed(']');
        dynamic(Step.Node, position, TAILS);
        fixed('}');
        break;
      case 'not':
        fixed('{"not":');
        layOut(node.child, position, 0);
        dynamic(Step.Node, position, TAILS);
        fixed('}');
        break;
      case 'named': {
        fixed(`{"condition":${JSON.stringify(node.name)}${node.title === undefined ? '' : `,"title":${JSON.stringify(node.title)}`}`);
        dynamic(Step.Node, position, TAILS);
        const where = explainedIn.get(node.name);
        if (where !== undefined) {
          fixed(`,"explainedIn":${JSON.stringify(where)}}`);
          break;
        }
        explainedIn.set(node.name, explainingRule);
        fixed(',"conditions":');
        layOut(node.body, position, 0);
        fixed('}');
        break;
      }
      case 'leaf':
        fixed(`{"fact":${JSON.stringify(node.fact)},"operator":${JSON.stringify(node.operator)}`);
        if (node.otherFact === null) fixed(`,"value":${JSON.stringify(node.value)}${member('valueFrom', node.valueFrom)}`);
        else {
          dynamic(Step.OtherValue, slotOf(node.otherFact), ['']);
          fixed(member('valueFrom', node.valueFrom));
        }
        dynamic(Step.FactValue, slotOf(node.fact), ['']);
        dynamic(Step.Node, position, TAILS);
        fixed(`${member('ref', node.ref)}${member('note', node.note)}}`);
        break;
    }
    return position;
  };
  fixed('[');
  plan.rules.forEach(({ rule, root, source }, index) => {
    explainingRule = rule.id;
    if (index > 0) fixed(',');
    fixed(
      `{"ref":${JSON.stringify(rule.id)},"kind":${JSON.stringify(rule.kind)},"title":${JSON.stringify(rule.title)},"source":${JSON.stringify(source)},"assumptions":${JSON.stringify(rule.assumptions)}`,
    );
    // A rule's result is its root's: the step reads the root's position, laid out next.
    dynamic(
      Step.Rule,
      program.nodeAt.length,
      [false, true].map((result) => `,"result":${result},"outcome":"${outcomeOf(rule.kind, result)}","conditions":`),
    );
    layOut(root, -1, 0);
    fixed('}');
  });
  fixed(']');
  for (const step of pending) {
    program.kinds.push(step.kind);
    program.args.push(step.arg);
    program.texts.push(step.texts.map((text) => Buffer.from(text, 'utf8')));
  }
  program.skippedAt = new Uint8Array(program.nodeAt.length);
  program.decidedAt = new Uint8Array(program.nodeAt.length);
  program.factStart = new Int32Array(program.facts.length);
  program.factEnd = new Int32Array(program.facts.length);
  return program;
}

/** Writes the explanation (every rule, every condition) of an evaluation as JSON, compact (contract v2). */
export function writeExplanation(out: JsonWriter, evaluation: Evaluation): void {
  let program = programs.get(evaluation.plan);
  if (!program) {
    program = compileProgram(evaluation.plan);
    programs.set(evaluation.plan, program);
  }
  const { results, facts } = evaluation;
  const { nodeAt, parentAt, parentKindAt, kinds, args, texts, skippedAt, decidedAt, factStart, factEnd } = program;
  // Skipped flags, in pre-order: a child is skipped when its parent is, or when an earlier sibling decided the
  // parent (a false child of `all`, a true child of `any`).
  const positions = nodeAt.length;
  decidedAt.fill(0);
  for (let position = 0; position < positions; position += 1) {
    const parent = parentAt[position] as number;
    if (parent < 0) {
      skippedAt[position] = 0;
      continue;
    }
    skippedAt[position] = (skippedAt[parent] as number) | (decidedAt[parent] as number);
    const parentKind = parentKindAt[position] as number;
    if (parentKind !== 0 && (results[nodeAt[position] as number] === 2) === (parentKind === 2)) decidedAt[parent] = 1;
  }
  // A fact's value is written as JSON the first time a condition shows it, and copied from there after.
  factStart.fill(-1);
  const value = (slot: number, key: string): void => {
    const start = factStart[slot] as number;
    if (start >= 0) {
      if (factEnd[slot] === start) return; // no value
      out.text(key);
      out.again(start, factEnd[slot] as number);
      return;
    }
    const text = JSON.stringify(facts[program.facts[slot] as string]);
    if (text === undefined) {
      factStart[slot] = out.length;
      factEnd[slot] = out.length;
      return;
    }
    out.text(key);
    factStart[slot] = out.length;
    out.text(text);
    factEnd[slot] = out.length;
  };
  for (let step = 0; step < kinds.length; step += 1) {
    const choices = texts[step] as Buffer[];
    const arg = args[step] as number;
    switch (kinds[step]) {
      case Step.Fixed:
        out.bytes(choices[0] as Buffer);
        break;
      case Step.Node:
        out.bytes(choices[(results[nodeAt[arg] as number] === 2 ? 2 : 0) + (skippedAt[arg] as number)] as Buffer);
        break;
      case Step.Rule:
        out.bytes(choices[results[nodeAt[arg] as number] === 2 ? 1 : 0] as Buffer);
        break;
      case Step.FactValue:
        value(arg, ',"factValue":');
        out.bytes(choices[0] as Buffer);
        break;
      case Step.OtherValue:
        value(arg, ',"value":');
        out.bytes(choices[0] as Buffer);
        break;
    }
  }
}

/** Per plan, per rule: its summary (the `rules` level) as JSON when it does not hold, and when it does. */
const summaries = new WeakMap<ExplanationPlan, Buffer[][]>();

function compileSummaries(plan: ExplanationPlan): Buffer[][] {
  return plan.rules.map(({ rule, source }) =>
    [false, true].map((result) =>
      Buffer.from(
        JSON.stringify({
          ref: rule.id,
          kind: rule.kind,
          title: rule.title,
          source,
          assumptions: rule.assumptions,
          result,
          outcome: outcomeOf(rule.kind, result),
        }),
        'utf8',
      ),
    ),
  );
}

/** Writes each rule of an evaluation with its ref, title, source, result and outcome, without condition trees (`rules`). */
export function writeRuleSummaries(out: JsonWriter, evaluation: Evaluation): void {
  let texts = summaries.get(evaluation.plan);
  if (!texts) {
    texts = compileSummaries(evaluation.plan);
    summaries.set(evaluation.plan, texts);
  }
  const { rules } = evaluation.plan;
  out.text('[');
  for (let index = 0; index < rules.length; index += 1) {
    if (index > 0) out.text(',');
    out.bytes((texts[index] as Buffer[])[evaluation.results[(rules[index] as ExplanationPlan['rules'][number]).root] === 2 ? 1 : 0] as Buffer);
  }
  out.text(']');
}
