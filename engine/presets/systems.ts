/** Systems: the reference paper's three pods on 32,768 GPUs and today's 8-GPU NVLink nodes. */
import type { GpuPackage, LinkTechnology, NetworkTier, SwitchSpec, SystemSpec } from '../types.js';
import { COPPER_224G, PASSAGE_56G_8L, SCALE_OUT_16PJ } from './links.js';
import { A100_80GB, H100_SXM, H800_SXM, PAPER_GPU_2028 } from './gpus.js';
import { GIGA, MICRO, NANO, TERA } from '../units.js';

/** Table I: scale-up latency 100–250 ns, scale-out 2–10 µs; the upper ends are taken. */
export const SCALE_UP_LATENCY = 250 * NANO;
export const SCALE_OUT_LATENCY = 10 * MICRO;
/** Achieved share of line rate for collectives (NCCL bus-bandwidth tests reach 0.75–0.9). */
export const TIER_EFFICIENCY = 0.8;
/** UALink-style port: 448 Gb/s raw, 400 Gb/s usable (Section IV a). */
export const PORT_400G = 400 * GIGA;

function switchOf(name: string, radix: number, link: LinkTechnology): SwitchSpec {
  return { name, radix, portBandwidth: PORT_400G, link };
}

function scaleUpTier(podSize: number, bandwidth: number, link: LinkTechnology, radix: number): NetworkTier {
  return {
    name: 'scale-up', domainSize: podSize, bandwidthPerGpu: bandwidth, latency: SCALE_UP_LATENCY,
    efficiency: TIER_EFFICIENCY, link, switch: switchOf(`sls-${radix}`, radix, link),
  };
}

function scaleOutTier(gpuCount: number, bandwidth: number, latency = SCALE_OUT_LATENCY,
  link: LinkTechnology = SCALE_OUT_16PJ): NetworkTier {
  return { name: 'scale-out', domainSize: gpuCount, bandwidthPerGpu: bandwidth, latency, efficiency: TIER_EFFICIENCY, link };
}

/** Section VI cluster size and Ethernet link. */
export const PAPER_GPU_COUNT = 32_768;
export const PAPER_SCALE_OUT_BANDWIDTH = 1.6 * TERA;

function paperSystem(name: string, podSize: number, bandwidth: number, link: LinkTechnology): SystemSpec {
  return {
    name, gpu: PAPER_GPU_2028, gpuCount: PAPER_GPU_COUNT,
    tiers: [scaleUpTier(podSize, bandwidth, link, podSize), scaleOutTier(PAPER_GPU_COUNT, PAPER_SCALE_OUT_BANDWIDTH)],
  };
}

/** Passage: 512 GPU packages per pod at 32 Tb/s each. */
export const PASSAGE_512 = paperSystem('passage512', 512, 32 * TERA, PASSAGE_56G_8L);
/** Electrical scale-up at its copper limits: 144 packages at 14.4 Tb/s. */
export const ELECTRICAL_144 = paperSystem('electrical144', 144, 14.4 * TERA, COPPER_224G);
/** Hypothetical 512-package pod at the electrical 14.4 Tb/s (Fig. 10). */
export const ELECTRICAL_512 = paperSystem('electrical512', 512, 14.4 * TERA, COPPER_224G);

/** NVLink inside an 8-GPU node; NCCL's intra-node base latency is a few µs. */
const NVLINK_LATENCY = 2 * MICRO;
/** InfiniBand between nodes; NCCL's inter-node base latency is ~5 µs. */
const INFINIBAND_LATENCY = 5 * MICRO;

/** An NVLink node of 8 GPUs plus a rail-optimised InfiniBand fabric. */
export function nvlinkCluster(name: string, gpu: GpuPackage, gpuCount: number,
  nvlinkBandwidth: number, infinibandBandwidth: number): SystemSpec {
  return {
    name, gpu, gpuCount,
    tiers: [
      { name: 'nvlink', domainSize: 8, bandwidthPerGpu: nvlinkBandwidth, latency: NVLINK_LATENCY, efficiency: TIER_EFFICIENCY, link: COPPER_224G },
      scaleOutTier(gpuCount, infinibandBandwidth, INFINIBAND_LATENCY),
    ],
  };
}

/** DGX A100: NVLink 3 at 300 GB/s per direction, 8 × HDR 200 Gb/s. */
export const dgxA100 = (gpuCount: number) => nvlinkCluster('dgx-a100', A100_80GB, gpuCount, 2.4 * TERA, 200 * GIGA);
/** DGX H100: NVLink 4 at 450 GB/s per direction, 8 × NDR 400 Gb/s. */
export const dgxH100 = (gpuCount: number) => nvlinkCluster('dgx-h100', H100_SXM, gpuCount, 3.6 * TERA, 400 * GIGA);
/** HGX H800: NVLink cut to 200 GB/s per direction, 8 × 400 Gb/s InfiniBand (DeepSeek-V3's cluster). */
export const hgxH800 = (gpuCount: number) => nvlinkCluster('hgx-h800', H800_SXM, gpuCount, 1.6 * TERA, 400 * GIGA);
