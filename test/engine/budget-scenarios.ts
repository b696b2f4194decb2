/** The paper's Passage 512 pod (Config 1) with another scale-up link, for the package power budget tests. */
import { paperScenario, type LinkTechnology, type Scenario } from '../../engine/index.js';

/** `budget`: the GPU's packagePowerBudget (W); `tray`: budgetCountsBoardIo. */
export function podOnLink(link: LinkTechnology, options: { budget?: number; tray?: boolean } = {}): Scenario {
  const s = paperScenario('passage512', 1);
  const [scaleUp, ...rest] = s.system.tiers;
  return {
    ...s,
    name: `${link.name}${options.tray ? '-tray' : ''}`,
    system: {
      ...s.system,
      gpu: { ...s.system.gpu, packagePowerBudget: options.budget },
      tiers: [{ ...scaleUp, link, switch: { ...scaleUp.switch!, link } }, ...rest],
    },
    assumptions: { ...s.assumptions, budgetCountsBoardIo: options.tray ?? false },
  };
}
