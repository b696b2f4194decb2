/** Systems: the reference paper's three pods on 32,768 GPUs, today's 8-GPU nodes and rack-scale NVLink domains; switches. */
import type { GpuPackage, LinkTechnology, NetworkTier, SwitchSpec, SystemSpec } from '../types.js';
import {
  COPPER_224G,
  CPO_SWITCH_200G,
  INFINIBAND_NDR,
  INFINIBAND_XDR,
  INFINITY_FABRIC,
  NVLINK_4,
  NVLINK_5,
  NVLINK_6,
  PASSAGE_56G_8L,
  ROCE_400G,
  ROCE_800G,
  SCALE_OUT_16PJ,
} from './links.js';
import { A100_80GB, B200, B300, GB200, GB300, H100_SXM, H200_SXM, H800_SXM, MI300X, MI355X, PAPER_GPU_2028, RUBIN } from './gpus.js';
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
    name: 'scale-up',
    domainSize: podSize,
    bandwidthPerGpu: bandwidth,
    latency: SCALE_UP_LATENCY,
    efficiency: TIER_EFFICIENCY,
    link,
    switch: switchOf(`sls-${radix}`, radix, link),
  };
}

function scaleOutTier(gpuCount: number, bandwidth: number, latency = SCALE_OUT_LATENCY, link: LinkTechnology = SCALE_OUT_16PJ): NetworkTier {
  return { name: 'scale-out', domainSize: gpuCount, bandwidthPerGpu: bandwidth, latency, efficiency: TIER_EFFICIENCY, link };
}

/** Section VI cluster size and Ethernet link. */
export const PAPER_GPU_COUNT = 32_768;
export const PAPER_SCALE_OUT_BANDWIDTH = 1.6 * TERA;

function paperSystem(name: string, podSize: number, bandwidth: number, link: LinkTechnology): SystemSpec {
  return {
    name,
    gpu: PAPER_GPU_2028,
    gpuCount: PAPER_GPU_COUNT,
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

/**
 * NCCL all-to-alls measured on NVLink, fitted as bytes / (line rate × fraction) + start-up over 1–16 MiB
 * per peer (OpenXLA's measured collective tables, as read in ROCm/xla ad6eaee1b2): 8 H100s 0.70 of line
 * rate and 39 µs, 8 B200s 0.67 and 67 µs, 64 GPUs of a GB200 NVL72 0.74 and 71 µs. The fraction is
 * written over the tier's `efficiency`. H800, H200 and B300 nodes take their NVSwitch generation's, GB300
 * NVL72 racks the GB200's (Oracle's nccl-tests on both measure 0.68–0.76 at 4–64 GPUs).
 */
const NVLINK4_ALL_TO_ALL = { allToAllEfficiency: 0.7 / TIER_EFFICIENCY, allToAllLatency: 39 * MICRO };
const NVLINK5_NODE_ALL_TO_ALL = { allToAllEfficiency: 0.67 / TIER_EFFICIENCY, allToAllLatency: 67 * MICRO };
const NVL72_ALL_TO_ALL = { allToAllEfficiency: 0.74 / TIER_EFFICIENCY, allToAllLatency: 71 * MICRO };
type MeasuredAllToAll = typeof NVLINK4_ALL_TO_ALL;
/** InfiniBand between nodes; NCCL's inter-node base latency is ~5 µs. */
const INFINIBAND_LATENCY = 5 * MICRO;

/** An NVLink node of 8 GPUs plus a rail-optimised InfiniBand fabric. */
export function nvlinkCluster(
  name: string,
  gpu: GpuPackage,
  gpuCount: number,
  nvlinkBandwidth: number,
  infinibandBandwidth: number,
  allToAll?: MeasuredAllToAll,
): SystemSpec {
  return {
    name,
    gpu,
    gpuCount,
    tiers: [
      { name: 'nvlink', domainSize: 8, bandwidthPerGpu: nvlinkBandwidth, latency: NVLINK_LATENCY, efficiency: TIER_EFFICIENCY, link: COPPER_224G, ...allToAll },
      scaleOutTier(gpuCount, infinibandBandwidth, INFINIBAND_LATENCY),
    ],
  };
}

/** DGX A100: NVLink 3 at 300 GB/s per direction, 8 × HDR 200 Gb/s. */
export const dgxA100 = (gpuCount: number) => nvlinkCluster('dgx-a100', A100_80GB, gpuCount, 2.4 * TERA, 200 * GIGA);
/** DGX H100: NVLink 4 at 450 GB/s per direction, 8 × NDR 400 Gb/s. */
export const dgxH100 = (gpuCount: number) => nvlinkCluster('dgx-h100', H100_SXM, gpuCount, 3.6 * TERA, 400 * GIGA, NVLINK4_ALL_TO_ALL);
/** HGX H800: NVLink cut to 200 GB/s per direction, 8 × 400 Gb/s InfiniBand (DeepSeek-V3's cluster). */
export const hgxH800 = (gpuCount: number) => nvlinkCluster('hgx-h800', H800_SXM, gpuCount, 1.6 * TERA, 400 * GIGA, NVLINK4_ALL_TO_ALL);

/*
 * Switches a 2026 user names. `portBandwidth` is the usable rate per port at the radix given
 * (each can also run more, slower ports); `link` is the optics at the switch end.
 */
function switchPreset(name: string, radix: number, portBandwidth: number, link: LinkTechnology, allToAllEfficiency?: number): SwitchSpec {
  return { name, radix, portBandwidth, link, ...(allToAllEfficiency === undefined ? {} : { allToAllEfficiency }) };
}

/*
 * InfiniBand's adaptive routing carries an all-to-all at the rate of any collective through the same
 * NIC: NCCL's maintainers put an all-to-all at "the performance of a single NIC", 48–49 GB/s for a
 * 400 Gb/s ConnectX-7 at NDR, and a ring all-reduce at 46–48 GB/s (NVIDIA/nccl-tests issues #267 and
 * #290, 2024–25). So an InfiniBand switch takes 1; an Ethernet fabric keeps scaleOutAllToAllEfficiency
 * (ECMP collisions and incast).
 */
const INFINIBAND_ALL_TO_ALL = 1;

/** Broadcom Tomahawk 5: 51.2 Tb/s as 128 × 400G (or 64 × 800G), pluggable optics. Source: https://www.broadcom.com/products/ethernet-connectivity/switching/strataxgs/bcm78900-series */
export const TOMAHAWK_5 = switchPreset('tomahawk-5', 128, 400 * GIGA, ROCE_400G);
/** Broadcom Tomahawk 5-Bailly: the same 51.2 Tb/s with co-packaged optics and field-replaceable lasers. Source: https://www.ico-optics.org/?p=36486 */
export const TOMAHAWK_5_CPO = switchPreset('tomahawk-5-bailly', 64, 800 * GIGA, CPO_SWITCH_200G);
/** Broadcom Tomahawk 6: 102.4 Tb/s, 3 nm, 64 × 1.6T (or 128 × 800G, 512 × 200G), pluggable optics. Source: https://tspasemiconductor.substack.com/p/broadcoms-cpo-strategy-and-its-implications */
export const TOMAHAWK_6 = switchPreset('tomahawk-6', 128, 800 * GIGA, ROCE_800G);
/** Broadcom Tomahawk 6-Davisson: 102.4 Tb/s with 16 × 6.4 Tb/s co-packaged optical engines, shipping since October 2025. Source: https://www.storagereview.com/?p=149697 */
export const TOMAHAWK_6_CPO = switchPreset('tomahawk-6-davisson', 128, 800 * GIGA, CPO_SWITCH_200G);
/** NVIDIA Quantum-X800 (Q3400): 144 × 800G XDR InfiniBand, 115.2 Tb/s, pluggable optics. Source: https://www.nvidia.com/en-us/networking/products/infiniband/quantum-x800/ */
export const QUANTUM_X800 = switchPreset('quantum-x800', 144, 800 * GIGA, INFINIBAND_XDR, INFINIBAND_ALL_TO_ALL);
/** NVIDIA Quantum-X Photonics: 144 × 800G InfiniBand with co-packaged optics, 115.2 Tb/s, liquid-cooled (early 2026). Source: https://www.fotonics.io/nvidia.html */
export const QUANTUM_X_PHOTONICS = switchPreset('quantum-x-photonics', 144, 800 * GIGA, CPO_SWITCH_200G, INFINIBAND_ALL_TO_ALL);
/** NVIDIA Spectrum-X Photonics SN6810: 128 × 800G Ethernet with co-packaged optics, 102.4 Tb/s (SN6800: 512 × 800G). Source: https://particle.news/story/nvidia-sets-2026-rollout-for-copackaged-optics-in-quantumx-and-spectrumx-switches */
export const SPECTRUM_X_PHOTONICS = switchPreset('spectrum-x-photonics', 128, 800 * GIGA, CPO_SWITCH_200G);
/** NVIDIA Quantum-2 (QM9700): 64 × 400G NDR InfiniBand, pluggable optics. Source: https://www.nvidia.com/en-us/networking/infiniband-switching/ */
export const QUANTUM_2 = switchPreset('quantum-2', 64, 400 * GIGA, INFINIBAND_NDR, INFINIBAND_ALL_TO_ALL);

export const SWITCH_PRESETS: Readonly<Record<string, SwitchSpec>> = Object.fromEntries(
  [TOMAHAWK_5, TOMAHAWK_5_CPO, TOMAHAWK_6, TOMAHAWK_6_CPO, QUANTUM_X800, QUANTUM_X_PHOTONICS, SPECTRUM_X_PHOTONICS, QUANTUM_2].map((spec) => [spec.name, spec]),
);

/*
 * Clusters to start from: a scale-up domain (an 8-GPU node or an NVL72 rack) and a scale-out fabric
 * with one NIC per GPU, rail-optimised. Sizes are round numbers to edit (`gpuCount`, the last
 * tier's `domainSize`); latencies are NCCL's base latencies as for the DGX presets.
 */
interface ClusterShape {
  gpu: GpuPackage;
  gpuCount: number;
  scaleUp: { name: string; domainSize: number; bandwidth: number; link: LinkTechnology; allToAll?: MeasuredAllToAll };
  scaleOut: { bandwidth: number; link: LinkTechnology; switch: SwitchSpec };
}

function cluster(name: string, shape: ClusterShape): SystemSpec {
  const { gpu, gpuCount, scaleUp, scaleOut } = shape;
  return {
    name,
    gpu,
    gpuCount,
    tiers: [
      {
        name: scaleUp.name,
        domainSize: scaleUp.domainSize,
        bandwidthPerGpu: scaleUp.bandwidth,
        latency: NVLINK_LATENCY,
        efficiency: TIER_EFFICIENCY,
        link: scaleUp.link,
        ...scaleUp.allToAll,
      },
      {
        name: 'scale-out',
        domainSize: gpuCount,
        bandwidthPerGpu: scaleOut.bandwidth,
        latency: INFINIBAND_LATENCY,
        efficiency: TIER_EFFICIENCY,
        link: scaleOut.link,
        switch: scaleOut.switch,
      },
    ],
  };
}

const ndr = { bandwidth: 400 * GIGA, link: INFINIBAND_NDR, switch: QUANTUM_2 };
const xdr = { bandwidth: 800 * GIGA, link: INFINIBAND_XDR, switch: QUANTUM_X800 };

/** 128 DGX H100 nodes: NVLink 4 at 450 GB/s per direction inside a node, one NDR 400G NIC per GPU. Sources: as `h100-sxm`, `infiniband-ndr`. */
export const H100_CLUSTER = cluster('h100-cluster', {
  gpu: H100_SXM,
  gpuCount: 1024,
  scaleUp: { name: 'nvlink', domainSize: 8, bandwidth: 3.6 * TERA, link: NVLINK_4, allToAll: NVLINK4_ALL_TO_ALL },
  scaleOut: ndr,
});
/** 128 HGX H200 nodes: as `h100-cluster` with 141 GB GPUs. Sources: as `h200-sxm`. */
export const H200_CLUSTER = cluster('h200-cluster', {
  gpu: H200_SXM,
  gpuCount: 1024,
  scaleUp: { name: 'nvlink', domainSize: 8, bandwidth: 3.6 * TERA, link: NVLINK_4, allToAll: NVLINK4_ALL_TO_ALL },
  scaleOut: ndr,
});
/** 128 DGX B200 nodes: NVLink 5 at 900 GB/s per direction inside a node, 8 × 400G ConnectX-7 per node. Source: https://www.nvidia.com/en-us/data-center/dgx-b200/ */
export const B200_CLUSTER = cluster('b200-cluster', {
  gpu: B200,
  gpuCount: 1024,
  scaleUp: { name: 'nvlink', domainSize: 8, bandwidth: 7.2 * TERA, link: NVLINK_5, allToAll: NVLINK5_NODE_ALL_TO_ALL },
  scaleOut: ndr,
});
/** 128 DGX B300 nodes: NVLink 5 at 900 GB/s per direction inside a node, 8 × 800G ConnectX-8 per node (XDR). Source: https://www.nvidia.com/en-us/data-center/dgx-b300/ */
export const B300_CLUSTER = cluster('b300-cluster', {
  gpu: B300,
  gpuCount: 1024,
  scaleUp: { name: 'nvlink', domainSize: 8, bandwidth: 7.2 * TERA, link: NVLINK_5, allToAll: NVLINK5_NODE_ALL_TO_ALL },
  scaleOut: xdr,
});
/** 16 GB200 NVL72 racks: 72 GPUs per NVLink 5 domain at 900 GB/s per direction, one 400G NIC per GPU. Source: https://www.nvidia.com/en-us/data-center/gb200-nvl72/ */
export const GB200_NVL72 = cluster('gb200-nvl72', {
  gpu: GB200,
  gpuCount: 1152,
  scaleUp: { name: 'nvlink', domainSize: 72, bandwidth: 7.2 * TERA, link: NVLINK_5, allToAll: NVL72_ALL_TO_ALL },
  scaleOut: ndr,
});
/** 16 GB300 NVL72 racks: 72 GPUs per NVLink 5 domain, one ConnectX-8 800G NIC per GPU (XDR). Source: https://www.nvidia.com/en-us/data-center/gb300-nvl72/ */
export const GB300_NVL72 = cluster('gb300-nvl72', {
  gpu: GB300,
  gpuCount: 1152,
  scaleUp: { name: 'nvlink', domainSize: 72, bandwidth: 7.2 * TERA, link: NVLINK_5, allToAll: NVL72_ALL_TO_ALL },
  scaleOut: xdr,
});
/**
 * 16 Vera Rubin NVL144 racks (announced for 2026): 72 Rubin packages (144 dies) per NVLink 6 domain
 * at 1.8 TB/s per direction, one 1.6 Tb/s ConnectX-9 NIC per package on co-packaged-optics switches.
 * Source: NVIDIA GTC 2025 keynote; https://hyper.ai/en/stories/3422d6a72152beb34a564461208438ff
 */
export const VERA_RUBIN_NVL144 = cluster('vera-rubin-nvl144', {
  gpu: RUBIN,
  gpuCount: 1152,
  scaleUp: { name: 'nvlink', domainSize: 72, bandwidth: 14.4 * TERA, link: NVLINK_6 },
  scaleOut: { bandwidth: 1.6 * TERA, link: CPO_SWITCH_200G, switch: QUANTUM_X_PHOTONICS },
});
/** 128 MI300X nodes: 8 GPUs fully connected by Infinity Fabric (448 GB/s per direction), one 400G RoCE NIC per GPU. Source: as `mi300x`. */
export const MI300X_CLUSTER = cluster('mi300x-cluster', {
  gpu: MI300X,
  gpuCount: 1024,
  scaleUp: { name: 'infinity-fabric', domainSize: 8, bandwidth: MI300X.ioBandwidth!, link: INFINITY_FABRIC },
  scaleOut: { bandwidth: 400 * GIGA, link: ROCE_400G, switch: TOMAHAWK_5 },
});
/** 128 MI355X nodes: 8 GPUs on Infinity Fabric (538 GB/s per direction), one 400G NIC per GPU (Pollara 400). Source: as `mi355x`. */
export const MI355X_CLUSTER = cluster('mi355x-cluster', {
  gpu: MI355X,
  gpuCount: 1024,
  scaleUp: { name: 'infinity-fabric', domainSize: 8, bandwidth: MI355X.ioBandwidth!, link: INFINITY_FABRIC },
  scaleOut: { bandwidth: 400 * GIGA, link: ROCE_400G, switch: TOMAHAWK_5 },
});

/** Clusters of today's parts to start from (`system mine = preset "gb200-nvl72" { … }`). */
export const CLUSTER_SYSTEMS: Readonly<Record<string, SystemSpec>> = Object.fromEntries(
  [H100_CLUSTER, H200_CLUSTER, B200_CLUSTER, B300_CLUSTER, GB200_NVL72, GB300_NVL72, VERA_RUBIN_NVL144, MI300X_CLUSTER, MI355X_CLUSTER].map((system) => [
    system.name,
    system,
  ]),
);
