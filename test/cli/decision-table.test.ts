/** The decision table reads a small job's figures: nothing non-zero shows as 0, and GPU-hours are the job's GPUs × its effective time. */
import { describe, expect, it } from 'vitest';
import { decisionTable } from '../../cli/decision-table.js';
import { evaluate } from '../../engine/index.js';
import { gpt3OnH100 } from '../engine/training-fixture.js';

describe('decision table', () => {
  it("gives an 8-GPU job's megawatts in significant digits, not 0.0", () => {
    const s = gpt3OnH100({ tensorParallel: 8, pipelineParallel: 1, dataParallel: 1, globalBatch: 8 });
    const result = evaluate({ ...s, system: { ...s.system, gpuCount: 8, tiers: s.system.tiers.map((tier) => ({ ...tier, domainSize: 8 })) } });
    const [header, , row] = decisionTable([{ name: 'eight', result }]).split('\n');
    const column = header.indexOf('system [MW]');
    const megawatts = row.slice(column).trim().split(/\s+/)[0];
    expect(Number(megawatts)).toBeGreaterThan(0);
    expect(Number(megawatts)).toBeCloseTo(result.power.facilityWatts / 1e6, 3);
  });

  it('gives the GPU-hours a run holds: every GPU of the system, idle ones included, for the effective time', () => {
    const s = gpt3OnH100();
    const result = evaluate(s);
    const [header, , row] = decisionTable([{ name: 'gpt3', result }]).split('\n');
    const column = header.indexOf('GPU-hours [K]');
    expect(column).toBeGreaterThan(0);
    const thousands = Number(row.slice(column).trim().split(/\s+/)[0]);
    expect(thousands).toBeCloseTo((256 * result.goodput.effectiveTimeToTrainSeconds) / 3600 / 1000, 1);
    expect(result.gpuCount).toBe(256);
  });
});
