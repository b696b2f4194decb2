/**
 * The `search` study in the language: parsed, checked in the user's words, completed and hovered
 * from its schema, planned by the build's analysis (never run in the build), and "Apply this split"
 * writing a ranked split into the scenario's training block, text for text.
 */
import { describe, expect, it } from 'vitest';
import { expectCompletion, expectHover } from 'langium/test';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runSearchJob } from '../../engine/index.js';
import { declaration, errors, messageOf, moesys, parse, rangeText, SMALL_MOE_PARTS } from './helpers.js';

const completion = expectCompletion(moesys);
const hover = expectHover(moesys);

const JOB = `training t { datatype = bf16; globalBatch = 256; trainingTokens = 1e9 tokens }\n`;
const PARTS = SMALL_MOE_PARTS + JOB;

async function searchActions(text: string): Promise<CodeAction[]> {
  const document = await parse(text);
  expect(errors(document).map(messageOf)).toEqual([]);
  const study = document.parseResult.value.declarations.find((d) => d.kind === 'search')!;
  const plan = moesys.analysis.BuildAnalysis.searchPlan(study)!;
  // What the server's worker does, here on the test's thread.
  moesys.analysis.SearchResults.set(plan.key, { status: 'done', result: runSearchJob(plan.request) });
  const actions = await moesys.lsp.CodeActionProvider!.getCodeActions(document, {
    textDocument: { uri: document.uri.toString() },
    range: study.$cstNode!.range,
    context: { diagnostics: [] },
  });
  return (actions ?? []) as CodeAction[];
}

function applied(text: string, action: CodeAction): string {
  const document = TextDocument.create('file:///x.moesys', 'moesys', 1, text);
  return TextDocument.applyEdits(document, Object.values(action.edit!.changes!)[0]);
}

describe('search study', () => {
  it('parses and plans with its constraints in engine terms, without running the search in the build', async () => {
    const document = await parse(
      `${PARTS}scenario small { system = s; model = m; training = t }\nsearch fastest { scenario = small; top = 5; maxVirtualStages = 2; recompute = selective }`,
    );
    expect(errors(document).map(messageOf)).toEqual([]);
    const plan = moesys.analysis.BuildAnalysis.searchPlan(declaration(document, 'fastest'))!;
    expect(plan.scenarioName).toBe('small');
    expect({ ...plan.request, base: undefined }).toEqual({ base: undefined, keep: 5, maxMicrobatchSize: 8, virtualStages: [1, 2], recompute: ['selective'] });
    expect(plan.written.tensorParallel).toBe(1);
    expect(moesys.analysis.SearchResults.get(plan.key)).toBeUndefined();
  });

  it('reports bad members in the user words, on their ranges', async () => {
    const document = await parse(
      `${PARTS}scenario small { system = s; model = m; training = t }\nsearch fastest { scenario = small; top = 0; maxMicrobatchSize = 2 GB; maxGpus = 8 }\nsearch lost { top = 3 }`,
    );
    const found = errors(document).map((d) => [rangeText(document, d), messageOf(d)]);
    expect(found).toEqual([
      ['0', expect.stringContaining('at least 1')],
      ['2 GB', "'maxMicrobatchSize' expects a plain number, got memory size (B)."],
      ['maxGpus', "Unknown property 'maxGpus' in search."],
      ['lost', "search 'lost' is missing 'scenario'. (The scenario whose system and model are searched; its batch, tokens and datatype stay as written.)"],
    ]);
  });

  it('completes and hovers its members with their documentation', async () => {
    await completion({
      text: `${PARTS}scenario small { system = s; model = m; training = t }\nsearch fastest {\n  scenario = small\n  <|>\n}`,
      index: 0,
      disposeAfterCheck: true,
      assert: (list) =>
        expect(list.items.map((item) => item.label)).toEqual(
          expect.arrayContaining(['top', 'maxMicrobatchSize', 'maxVirtualStages', 'recompute', 'rankMapping']),
        ),
    });
    await hover({
      text: `${PARTS}scenario small { system = s; model = m; training = t }\nsearch fastest { scenario = small; <|>top = 3 }`,
      index: 0,
      hover: /How many of the fastest splits to rank \(at most 50\)/,
      disposeAfterCheck: true,
    });
  });

  it('applies a split to a one-line scenario as a new training block on its line', async () => {
    const text = `${PARTS}scenario small { system = s; model = m; training = t }\nsearch fastest { scenario = small; top = 3; recompute = none; rankMapping = linear }\n`;
    const actions = await searchActions(text);
    expect(actions.map((a) => a.title)).toEqual([
      expect.stringMatching(/^Apply this split \(TP=\d+, PP=\d+, DP=\d+, EP=\d+, mbs=\d+, v=\d+, recompute=none, linear\) to small$/),
      expect.anything(),
      expect.anything(),
    ]);
    expect(actions[0].isPreferred).toBe(true);
    const line = applied(text, actions[0])
      .split('\n')
      .find((l) => l.startsWith('scenario small'));
    // Only what differs from the split it runs now (TP 1, PP 1, DP 128, EP 8, microbatch 1, v 1).
    const members = changedMembers(splitOf(actions[0].title), { mbs: '1' });
    expect(members.length).toBeGreaterThan(0);
    expect(line).toBe(`scenario small { system = s; model = m; training = t; training { ${members.join('; ')} } }`);
  });

  it('replaces members of an existing training block in place and adds the others with its indentation', async () => {
    const text = `${PARTS}scenario small {\n\tsystem = s\n\tmodel = m\n\ttraining = t\n\ttraining {\n\t\tmicrobatchSize = 2\n\t\trecompute = full\n\t}\n}\nsearch fastest { scenario = small; top = 1; recompute = selective; rankMapping = linear }\n`;
    const [action] = await searchActions(text);
    const best = splitOf(action.title);
    const after = applied(text, action);
    const added = changedMembers(best, { mbs: '2' }).filter((member) => !member.startsWith('microbatchSize'));
    const expected = [`\ttraining {`, `\t\tmicrobatchSize = ${best.mbs}`, `\t\trecompute = selective`, ...added.map((member) => `\t\t${member}`), `\t}`].join(
      '\n',
    );
    expect(after).toContain(`\ttraining = t\n${expected}\n}\nsearch fastest`);
    // The applied split is what the scenario now runs: the search marks it, and offers nothing for it.
    expect((await searchActions(after)).map((a) => a.title)).toEqual([]);
  });

  it('writes podAligned, the word the language uses for the engine mapping', async () => {
    const text = `${PARTS}scenario small { system = s; model = m; training = t }\nsearch aligned { scenario = small; top = 1; rankMapping = podAligned }\n`;
    const [action] = await searchActions(text);
    expect(applied(text, action)).toContain('rankMapping = podAligned');
  });
});

/** The members a split writes where it differs from the small scenario as written (TP 1, PP 1, DP 128, EP 8, v 1). */
function changedMembers(best: Record<string, string>, written: { mbs: string }): string[] {
  const members: [string, string, string][] = [
    ['tensorParallel', best.TP, '1'],
    ['pipelineParallel', best.PP, '1'],
    ['dataParallel', best.DP, '128'],
    ['expertsPerDpRank', String(8 / Number(best.EP)), '1'],
    ['microbatchSize', best.mbs, written.mbs],
    ['virtualStages', best.v, '1'],
  ];
  return members.filter(([, value, was]) => value !== was).map(([name, value]) => `${name} = ${value}`);
}

/** `TP=4, PP=2, …` of an action title as a record. */
function splitOf(title: string): Record<string, string> {
  const inner = /\((.*)\)/.exec(title)![1];
  return Object.fromEntries(inner.split(', ').flatMap((part) => (part.includes('=') ? [part.split('=') as [string, string]] : [])));
}
