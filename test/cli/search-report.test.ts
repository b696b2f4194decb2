/** `moesys report` of a file with a `search`: the page has no server, so the search runs first and the report shows its ranked splits. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';
import type { PreviewModel, PreviewSearchStudy } from '../../protocol/preview.js';

beforeAll(() => ensureBuilt());

describe('moesys report with a search', () => {
  it('embeds the search done, with its ten fastest splits', () => {
    const output = join(mkdtempSync(join(tmpdir(), 'moesys-search-report-')), 'report.html');
    const run = spawnSync('node_modules/.bin/node', ['bin/moesys.js', 'report', 'examples/search.moesys', '-o', output], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(output, 'utf8');
    const config = /<script type="application\/json" id="moesys-config">([\s\S]*?)<\/script>/.exec(html)![1];
    const model = (JSON.parse(config) as { model: PreviewModel }).model;
    const study = model.studies.find((s): s is PreviewSearchStudy => s.kind === 'search')!;
    expect(study).toMatchObject({ name: 'passage512_c4_batch16k-splits', scenario: 'passage512_c4_batch16k', status: 'done' });
    expect(study.tried).toBeGreaterThan(10_000);
    expect(study.candidates).toHaveLength(10);
    expect(study.candidates[0].timeToTrainSeconds).toBeLessThan(study.writtenFigures!.timeToTrainSeconds);
    // `moesys search` of the file runs the same study under its own limits: the same counts and the same winner.
    const cli = spawnSync('node_modules/.bin/node', ['bin/moesys.js', 'search', 'examples/search.moesys'], { encoding: 'utf8', timeout: 120_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const count = (n: number) => n.toLocaleString('en-US');
    expect(cli.stdout.split('\n')[0]).toMatch(
      new RegExp(
        `^search 'passage512_c4_batch16k-splits' of passage512_c4_batch16k: ${count(study.tried)} splits tried, ${count(study.timed)} timed, [\\d,]+ over HBM or host memory$`,
      ),
    );
    expect(cli.stdout).toMatch(new RegExp(`^#1 .* ${study.candidates[0].stepSeconds.toFixed(3)} `, 'm'));
  });
});
