/**
 * What each "Preview" CodeLens says: the live headline of its scenario or study, so the lens is
 * worth reading before it is clicked. Pure, so it is tested without VS Code.
 */
import { formatNumber } from '../../webview/format.js';
import type { PreviewFocus, PreviewModel, PreviewSearchStudy } from '../../protocol/preview.js';
import type { ScenarioResult } from '../../engine/results.js';

export interface LensTitle {
  line: number;
  title: string;
  tooltip: string;
  focus: PreviewFocus;
}

const SECONDS_PER_DAY = 86_400;
const JOULES_PER_MWH = 3.6e9;

/** A scenario's headline, as the lens and the status bar give it: "2.84 days · MFU 28%". */
export function headline(result: Pick<ScenarioResult, 'timeToTrainSeconds' | 'mfu'>): string {
  return `${formatNumber(result.timeToTrainSeconds / SECONDS_PER_DAY)} days · MFU ${formatNumber(result.mfu * 100, 2)}%`;
}

/** One lens per scenario and study written in the document, in document order. */
export function lensTitles(model: PreviewModel): LensTitle[] {
  const own = new Set(model.studies.map((study) => study.line));
  const lenses: LensTitle[] = model.scenarios
    // A scenario imported from another file is shown at the study that mentions it: no lens of its own there.
    .filter((scenario) => !own.has(scenario.line))
    .map((scenario) => {
      const result = scenario.result;
      const summary = result ? `${headline(result)} · ${formatNumber(result.interconnectEnergyJoules / JOULES_PER_MWH)} MWh interconnect` : 'not evaluated';
      return {
        line: scenario.line,
        title: `Preview · ${summary}`,
        focus: { kind: 'scenario', name: scenario.name },
        tooltip: result
          ? `Open the preview at ${scenario.name}: time to train, MFU and interconnect energy of the whole run`
          : (scenario.error ?? 'not evaluated'),
      };
    });
  for (const study of model.studies) {
    const title =
      study.kind === 'compare'
        ? `Preview comparison · ${study.entries.length} scenarios against ${study.baseline}`
        : study.kind === 'sweep'
          ? `Preview sweep · ${study.points.length} points of ${study.property}`
          : `Preview search · ${searchSummary(study)}`;
    lenses.push({ line: study.line, title, tooltip: `Open the preview on ${study.name}`, focus: { kind: 'study', name: study.name } });
  }
  return lenses.sort((a, b) => a.line - b.line);
}

/** "best 4.74 days of 3,902 splits", or how far it got. */
function searchSummary(study: PreviewSearchStudy): string {
  const counted = `${study.tried.toLocaleString('en-US')} splits`;
  if (study.status === 'running') return `searching, ${counted} tried`;
  if (study.status === 'pending') return `waiting to search ${study.scenario}`;
  if (study.status === 'failed') return 'could not run';
  const best = study.candidates[0];
  return best ? `best ${formatNumber(best.timeToTrainSeconds / SECONDS_PER_DAY)} days of ${counted}` : `no split of ${counted} fits in memory`;
}
