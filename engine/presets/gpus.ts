/** GPU packages: the reference paper's 2028 GPU and today's NVIDIA parts from their public datasheets. */
import type { GpuPackage } from '../types.js';
import { GIGA, TERA, PETA } from '../units.js';

/**
 * Section IV-C / VI GPU: four logic reticles (26 × 33 mm) and 16 HBM4 stacks (13 × 11 mm),
 * 8.5 PFLOP/s BF16, 26 TB/s of HBM. The paper gives no capacity: 16 stacks × 36 GB (12-high HBM4) is assumed.
 */
export const PAPER_GPU_2028: GpuPackage = {
  name: 'paper-gpu-2028',
  peakFlops: { bf16: 8.5 * PETA, fp16: 8.5 * PETA, fp8: 17 * PETA },
  hbmCapacityBytes: 16 * 36 * GIGA,
  hbmBandwidth: 26 * TERA,
  packageAreaMm2: 4 * 26 * 33 + 16 * 13 * 11,
  // Section IV-C: 32 Tb/s RX and 32 Tb/s TX of scale-up I/O.
  ioBandwidth: 32 * TERA,
};

/** A100 SXM4 80 GB: 312 TFLOP/s BF16 dense, 2.039 TB/s HBM2e; 826 mm² die plus six HBM sites. */
export const A100_80GB: GpuPackage = {
  name: 'a100-80gb',
  peakFlops: { bf16: 312 * TERA, fp16: 312 * TERA, tf32: 156 * TERA, fp32: 19.5 * TERA },
  hbmCapacityBytes: 80 * GIGA,
  hbmBandwidth: 2.039 * TERA,
  packageAreaMm2: 826 + 6 * 110,
  // NVLink 3: 300 GB/s per direction.
  ioBandwidth: 2.4 * TERA,
};

/** H100 SXM5 80 GB: 989 TFLOP/s BF16 dense, 1979 FP8, 3.35 TB/s HBM3; 814 mm² die plus six HBM sites. */
export const H100_SXM: GpuPackage = {
  name: 'h100-sxm',
  peakFlops: { bf16: 989 * TERA, fp16: 989 * TERA, fp8: 1979 * TERA, tf32: 495 * TERA, fp32: 67 * TERA },
  hbmCapacityBytes: 80 * GIGA,
  hbmBandwidth: 3.35 * TERA,
  packageAreaMm2: 814 + 6 * 110,
  // NVLink 4: 450 GB/s per direction.
  ioBandwidth: 3.6 * TERA,
};

/** H800 SXM: the H100 die and memory with NVLink cut to 400 GB/s bidirectional. */
export const H800_SXM: GpuPackage = { ...H100_SXM, name: 'h800-sxm', ioBandwidth: 1.6 * TERA };

export const GPU_PRESETS: Readonly<Record<string, GpuPackage>> = {
  [PAPER_GPU_2028.name]: PAPER_GPU_2028,
  [A100_80GB.name]: A100_80GB,
  [H100_SXM.name]: H100_SXM,
  [H800_SXM.name]: H800_SXM,
};
