/** GPU packages: the reference paper's 2028 GPU and today's NVIDIA and AMD parts from their public datasheets. */
import type { GpuPackage } from '../types.js';
import { GIB, GIGA, MIB, TERA, PETA } from '../units.js';
import { DECISION_DEFAULTS } from '../decision-assumptions.js';

/*
 * Measured matmul ceilings (`achievableMatmulFraction`, written as the measured TFLOP/s over the
 * preset's peak): Bekman, ml-engineering, compute/accelerator, "Maximum Achievable Matmul FLOPS
 * comparison table" (commit 744d01e, August 2026), the mean of 100 iterations of the best shape found,
 * BF16 and FP8 (e4m3) inputs. FP16 and an unmeasured FP4 take the nearest measured fraction.
 *
 * HBM capacities: the "80 GB" of a datasheet is binary, as DRAM dies come in powers of two
 * gigabits. `hbmCapacityBytes` is the total the driver reports (nvidia-smi, in MiB) where it is
 * published, else the datasheet figure read as GiB: the measured parts report 99.4–100% of it.
 * nvidia-smi totals from Modal, "Why does an NVIDIA H100 80GB card offer 85.52 GB?" (A100, H100,
 * H200; https://thundergolfer.com/blog/nvidia-gpu-memory-capacity) and NVIDIA/TensorRT-LLM
 * issue #10278 (B200, 183,359 MiB).
 *
 * Host links (`hostLinkBandwidth`, per direction, after the line encoding): PCIe Gen4 x16 moves
 * 31.5 GB/s and Gen5 x16 63 GB/s (PCI-SIG: 16 and 32 GT/s per lane, 128b/130b); a Grace serves its
 * GPUs over NVLink-C2C. The PCIe figures are one uncontended x16 link per GPU: a server whose GPUs
 * share a PCIe switch's uplink to the CPU, or its DRAM bandwidth, gives each less when all copy at once.
 */
const PCIE_GEN4_X16 = 31.5 * GIGA;
const PCIE_GEN5_X16 = 63 * GIGA;

/**
 * Section IV-C / VI GPU: four logic reticles (26 × 33 mm) and 16 HBM4 stacks (13 × 11 mm),
 * 8.5 PFLOP/s BF16, 26 TB/s of HBM. The paper gives no capacity: 16 stacks × 36 GiB (12-high HBM4 of 24 Gb dies) is assumed.
 */
export const PAPER_GPU_2028: GpuPackage = {
  name: 'paper-gpu-2028',
  peakFlops: { bf16: 8.5 * PETA, fp16: 8.5 * PETA, fp8: 17 * PETA },
  hbmCapacityBytes: 16 * 36 * GIB,
  hbmBandwidth: 26 * TERA,
  packageAreaMm2: 4 * 26 * 33 + 16 * 13 * 11,
  // Section IV-C: 32 Tb/s RX and 32 Tb/s TX of scale-up I/O.
  ioBandwidth: 32 * TERA,
  // Not in the paper (assumed): four logic reticles at a B200's 500 W per reticle. No budget is set,
  // so the paper study is not throttled; examples/power-budget.moe sets one.
  busyPower: 2000,
};

/** A100 SXM4 80 GB: 312 TFLOP/s BF16 dense, 2.039 TB/s HBM2e; 826 mm² die plus six HBM sites. */
export const A100_80GB: GpuPackage = {
  name: 'a100-80gb',
  // 108 SMs (NVIDIA A100 Tensor Core GPU Architecture whitepaper, 2020).
  streamingMultiprocessors: 108,
  peakFlops: { bf16: 312 * TERA, fp16: 312 * TERA, tf32: 156 * TERA, fp32: 19.5 * TERA },
  // MAMF 271.2 TFLOP/s BF16, 86.9% of peak (torch 2.6, CUDA 12.6).
  achievableMatmulFraction: { bf16: 271.2 / 312 },
  // nvidia-smi: 81,920 MiB, 85.9 GB.
  hbmCapacityBytes: 81_920 * MIB,
  hostLinkBandwidth: PCIE_GEN4_X16,
  hbmBandwidth: 2.039 * TERA,
  packageAreaMm2: 826 + 6 * 110,
  // NVLink 3: 300 GB/s per direction.
  ioBandwidth: 2.4 * TERA,
  // 400 W TDP of the SXM4 module (NVIDIA A100 datasheet).
  busyPower: 400,
};

/** H100 SXM5 80 GB: 989 TFLOP/s BF16 dense, 1979 FP8, 3.35 TB/s HBM3; 814 mm² die plus six HBM sites. */
export const H100_SXM: GpuPackage = {
  name: 'h100-sxm',
  // 132 SMs in the SXM5 part (NVIDIA H100 Tensor Core GPU Architecture whitepaper, 2022); the H800 and H200 share the die.
  streamingMultiprocessors: 132,
  peakFlops: { bf16: 989 * TERA, fp16: 989 * TERA, fp8: 1979 * TERA, tf32: 495 * TERA, fp32: 67 * TERA },
  // MAMF 794.5 TFLOP/s BF16 (80.3%) and 1,402.6 FP8 (70.9%), torch 2.7, CUDA 12.6.
  achievableMatmulFraction: { bf16: 794.5 / 989, fp8: 1402.6 / 1979 },
  // nvidia-smi: 81,559 MiB, 85.5 GB.
  hbmCapacityBytes: 81_559 * MIB,
  hostLinkBandwidth: PCIE_GEN5_X16,
  hbmBandwidth: 3.35 * TERA,
  packageAreaMm2: 814 + 6 * 110,
  // NVLink 4: 450 GB/s per direction.
  ioBandwidth: 3.6 * TERA,
  // 700 W TDP of the SXM5 module (datasheet), NVLink included.
  busyPower: 700,
  // Assumed from press reports of $25–40k per H100 (no list price is published).
  price: 25_000,
};

/** H800 SXM: the H100 die and memory with NVLink cut to 400 GB/s bidirectional. */
export const H800_SXM: GpuPackage = { ...H100_SXM, name: 'h800-sxm', ioBandwidth: 1.6 * TERA };

/*
 * GPUs a 2026 user starts from. FLOP/s are dense (vendors print 2:4-sparse figures, twice these);
 * `ioBandwidth` is the scale-up bandwidth per direction (vendors print both directions together).
 * Package areas are not published: logic dies plus HBM sites are estimated from die photos and
 * the reticle limit, and only feed the optics area-growth figures.
 */

/**
 * H200 SXM 141 GB: the H100's compute (989 TFLOP/s BF16 dense) with 141 GB of HBM3e at 4.8 TB/s;
 * NVLink 4, 900 GB/s both directions. Source: NVIDIA H200 datasheet, https://www.nvidia.com/en-us/data-center/h200/
 */
export const H200_SXM: GpuPackage = {
  ...H100_SXM,
  name: 'h200-sxm',
  // MAMF: BF16 as the H100 (the table says so), FP8 1,453.4 TFLOP/s (73.4%, torch 2.7.1, CUDA 12.8).
  achievableMatmulFraction: { bf16: 794.5 / 989, fp8: 1453.4 / 1979 },
  // nvidia-smi: 143,771 MiB, 150.8 GB.
  hbmCapacityBytes: 143_771 * MIB,
  hbmBandwidth: 4.8 * TERA,
};

/**
 * B200 in an HGX/DGX B200 (1,000 W): 2.25 PFLOP/s BF16 and 4.5 FP8 dense, 180 GB of HBM3e at
 * 8 TB/s (DGX B200: 1,440 GB and 64 TB/s for 8 GPUs), NVLink 5 at 1.8 TB/s both directions.
 * Two ~800 mm² dies and eight HBM3e sites. Sources: NVIDIA DGX B200 datasheet,
 * https://www.nvidia.com/en-us/data-center/dgx-b200/; per-datatype table, https://glennklockwood.com/garden/processors/B200
 */
export const B200: GpuPackage = {
  name: 'b200',
  // 148 SMs, two dies of 74 (CUDA device query, https://glennklockwood.com/garden/processors/B200).
  streamingMultiprocessors: 148,
  // Fifth-generation tensor cores run MXFP8/NVFP4 block-scaled MMA (tcgen05.mma kind::mxf8f6f4);
  // GB200, GB300 and B300 inherit it.
  hardwareBlockScaling: true,
  // Tensor memory holds two 128 × 256 FP32 accumulators (512 columns), so Blackwell's persistent GEMMs
  // store one tile while the next computes (CUTLASS SM100 kernels; Triton's Gluon "overlapping
  // accumulator" example double-buffers them the same way).
  overlappedEpilogue: true,
  peakFlops: { bf16: 2.25 * PETA, fp16: 2.25 * PETA, fp8: 4.5 * PETA, fp4: 9 * PETA, tf32: 1.1 * PETA, fp32: 80 * TERA },
  // MAMF 1,745 TFLOP/s BF16 (77.6%) and 3,432.5 FP8 (76.3%), torch 2.7.1, CUDA 12.8; FP4 not measured.
  achievableMatmulFraction: { bf16: 1745 / 2250, fp8: 3432.5 / 4500 },
  // nvidia-smi: 183,359 MiB, 192.3 GB.
  hbmCapacityBytes: 183_359 * MIB,
  // An HGX B200 board reaches its x86 hosts over PCIe Gen5 (B300 inherits it).
  hostLinkBandwidth: PCIE_GEN5_X16,
  hbmBandwidth: 8 * TERA,
  packageAreaMm2: 2 * 800 + 8 * 110,
  ioBandwidth: 7.2 * TERA,
  // 1,000 W in an HGX/DGX B200 (datasheet).
  busyPower: 1000,
  // Assumed: Jensen Huang put a Blackwell GPU at "$30,000 to $40,000" (CNBC, 19 March 2024).
  price: 35_000,
};

/**
 * B200 in a GB200 superchip (1,200 W): 2.5 PFLOP/s BF16 and 5 FP8 dense, 186 GB of HBM3e
 * (13.4 TB per NVL72 rack) at 8 TB/s, NVLink 5 at 1.8 TB/s both directions (130 TB/s per rack).
 * Source: NVIDIA GB200 NVL72, https://www.nvidia.com/en-us/data-center/gb200-nvl72/
 */
export const GB200: GpuPackage = {
  ...B200,
  name: 'gb200',
  busyPower: 1200,
  // Driven by the superchip's Grace: one eager torch Linear forward takes 37.08 µs of CPU on a GB200
  // against 13.48 on an x86 DGX H100 (TransformerEngine issue #2053, 2025).
  hostSecondsPerKernel: 37.08e-6,
  peakFlops: { bf16: 2.5 * PETA, fp16: 2.5 * PETA, fp8: 5 * PETA, fp4: 10 * PETA, tf32: 1.25 * PETA, fp32: 90 * TERA },
  // MAMF 1,822 TFLOP/s BF16 (72.9%) and 3,615.6 FP8 (72.3%), torch 2.10 nightly, CUDA 13.0: 4–5% above
  // the B200's though the peak is 11% higher.
  achievableMatmulFraction: { bf16: 1822 / 2500, fp8: 3615.6 / 5000 },
  hbmCapacityBytes: 186 * GIB,
  // One Grace serves two GPUs: 900 GB/s of NVLink-C2C both ways and 480 GB of LPDDR5X per superchip
  // (GB200 NVL72 datasheet); GB300 inherits both (its NVL72 lists the same C2C and 17 TB of LPDDR5X per rack).
  hostLinkBandwidth: (900 * GIGA) / 2 / 2,
  hostMemoryBytes: (480 * GIGA) / 2,
};

/**
 * A GB300's sustained clock over a B300's: the same Blackwell Ultra die at 1,400 W against 1,100 W,
 * power ∝ clock^3 (`clockPowerExponent` at its default), 1.084×. The law checks on the pair that is measured: it
 * puts a GB200 (1,200 W) 6.3% above its B200 (1,000 W), where their MAMF differ by 4.4% (BF16) and
 * 5.3% (FP8).
 */
const GB300_CLOCK_OVER_B300 = (1400 / 1100) ** (1 / DECISION_DEFAULTS.clockPowerExponent);

/**
 * Blackwell Ultra in a GB300 superchip (1,400 W): 2.5 PFLOP/s BF16 and 5 FP8 dense, 15 FP4;
 * 288 GB of HBM3e (twelve-high) at 8 TB/s, NVLink 5 at 1.8 TB/s both directions.
 * Sources: NVIDIA GB300 NVL72, https://www.nvidia.com/en-us/data-center/gb300-nvl72/; per-GPU table,
 * https://verda.com/blog/gb300-nvl72-architecture
 */
export const GB300: GpuPackage = {
  ...GB200,
  name: 'gb300',
  // 160 SMs (NVIDIA technical blog 'Inside NVIDIA Blackwell Ultra', 2025).
  streamingMultiprocessors: 160,
  busyPower: 1400,
  peakFlops: { bf16: 2.5 * PETA, fp16: 2.5 * PETA, fp8: 5 * PETA, fp4: 15 * PETA, tf32: 1.25 * PETA, fp32: 80 * TERA },
  // Driven by Grace as the GB200 is (hostSecondsPerKernel inherited). Not measured in the GB300: the
  // B300's measured TFLOP/s (the same die at 1,100 W) at the clock 1,400 W allows, by the engine's
  // power law (power ∝ clock^clockPowerExponent).
  achievableMatmulFraction: { bf16: (1769 * GB300_CLOCK_OVER_B300) / 2500, fp8: (3353.3 * GB300_CLOCK_OVER_B300) / 5000 },
  hbmCapacityBytes: 288 * GIB,
};

/**
 * Blackwell Ultra in an HGX/DGX B300 (1,100 W): 2.25 PFLOP/s BF16 and 4.5 FP8 dense (the MAMF
 * table's theory column), 13.5 FP4 dense (HGX B300: 108 PFLOP/s dense FP4 for 8 GPUs), 288 GB of
 * HBM3e at 8 TB/s, NVLink 5 at 1.8 TB/s both directions. Source: NVIDIA HGX B300,
 * https://www.nvidia.com/en-us/data-center/hgx/
 */
export const B300: GpuPackage = {
  ...B200,
  name: 'b300',
  streamingMultiprocessors: 160,
  busyPower: 1100,
  peakFlops: { bf16: 2.25 * PETA, fp16: 2.25 * PETA, fp8: 4.5 * PETA, fp4: 13.5 * PETA, tf32: 1.1 * PETA, fp32: 75 * TERA },
  // MAMF 1,769 TFLOP/s BF16 (78.6%) and 3,353.3 FP8 (74.5%), torch 2.9.1, CUDA 13.0.
  achievableMatmulFraction: { bf16: 1769 / 2250, fp8: 3353.3 / 4500 },
  hbmCapacityBytes: 288 * GIB,
};

/**
 * Rubin (one package of two dies; "NVL144" counts dies, so 72 packages per rack), announced for
 * 2026: 288 GB of HBM4; NVLink 6 at 3.6 TB/s both directions; a rack gives 1.2 EFLOP/s FP8 for
 * training, which is 8.3 PFLOP/s dense FP8 per package once halved for sparsity as NVIDIA's
 * Blackwell rack figures are, and half that in BF16. HBM4 at 13 TB/s per package (GTC 2025; later
 * announcements give more). Not shipping yet: every figure is the vendor's announcement.
 * Sources: NVIDIA GTC 2025 keynote (18 March 2025): Vera Rubin NVL144, 3.6 EFLOP/s FP4 inference, 1.2 FP8
 * training, NVLink 6 at 3.6 TB/s per GPU; summary, https://hyper.ai/en/stories/3422d6a72152beb34a564461208438ff
 */
export const RUBIN: GpuPackage = {
  name: 'rubin',
  // Announced with NVFP4 training, as Blackwell Ultra (block-scaled MMA).
  hardwareBlockScaling: true,
  peakFlops: { bf16: 1.2e18 / 72 / 2 / 2, fp16: 1.2e18 / 72 / 2 / 2, fp8: 1.2e18 / 72 / 2, fp4: 25 * PETA },
  hbmCapacityBytes: 288 * GIB,
  hbmBandwidth: 13 * TERA,
  // Announced: Vera's NVLink-C2C at 1.8 TB/s both ways, shared by its two Rubin packages.
  hostLinkBandwidth: (1.8 * TERA) / 2 / 2,
  packageAreaMm2: 2 * 830 + 8 * 120,
  ioBandwidth: 14.4 * TERA,
};

/**
 * AMD Instinct MI300X: 1,307 TFLOP/s BF16 and 2,615 FP8 dense, 192 GB of HBM3 at 5.3 TB/s;
 * Infinity Fabric 7 links × 128 GB/s = 896 GB/s both directions to the other 7 GPUs of a node.
 * Source: AMD, https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html
 */
export const MI300X: GpuPackage = {
  name: 'mi300x',
  // 304 compute units (AMD CDNA 3 white paper).
  streamingMultiprocessors: 304,
  peakFlops: { bf16: 1307.4 * TERA, fp16: 1307.4 * TERA, fp8: 2614.9 * TERA, tf32: 653.7 * TERA, fp32: 163.4 * TERA },
  // MAMF 668.4 TFLOP/s BF16 (51.4%, torch 2.5.1, ROCm 6.3, TunableOp); FP8 not measured.
  achievableMatmulFraction: { bf16: 668.4 / 1307.4 },
  hbmCapacityBytes: 192 * GIB,
  hostLinkBandwidth: PCIE_GEN5_X16,
  hbmBandwidth: 5.3 * TERA,
  packageAreaMm2: 8 * 115 + 4 * 370 + 8 * 110,
  ioBandwidth: (896e9 * 8) / 2,
  // 750 W typical board power of the OAM module (AMD MI300X datasheet).
  busyPower: 750,
};

/**
 * AMD Instinct MI355X (1,400 W, liquid-cooled): 2.5 PFLOP/s BF16, 5 FP8 and 10 FP4 dense, 288 GB
 * of HBM3E at 8 TB/s; Infinity Fabric 7 links, 1,075 GB/s both directions. Eight 110 mm² XCDs on
 * two I/O dies. Sources: AMD, https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html;
 * https://www.theregister.com/2025/06/12/amd_mi355x/
 */
export const MI355X: GpuPackage = {
  name: 'mi355x',
  // 256 compute units (AMD CDNA 4 white paper).
  streamingMultiprocessors: 256,
  // CDNA 4 runs the OCP MX formats (MXFP8, MXFP4) with their block scales in the matrix cores (AMD Instinct MI350 series datasheet).
  hardwareBlockScaling: true,
  peakFlops: { bf16: 2.5 * PETA, fp16: 2.5 * PETA, fp8: 5 * PETA, fp4: 10 * PETA, fp32: 157.3 * TERA },
  // MAMF 1,565 TFLOP/s BF16 (68.0% of the table's 2.3 PFLOP/s, torch 2.8, ROCm 7.0.2); FP8 not measured.
  achievableMatmulFraction: { bf16: 1565 / 2500 },
  hbmCapacityBytes: 288 * GIB,
  hostLinkBandwidth: PCIE_GEN5_X16,
  hbmBandwidth: 8 * TERA,
  packageAreaMm2: 8 * 110 + 2 * 740 + 8 * 110,
  ioBandwidth: (1075.2e9 * 8) / 2,
  busyPower: 1400,
};

export const GPU_PRESETS: Readonly<Record<string, GpuPackage>> = {
  [PAPER_GPU_2028.name]: PAPER_GPU_2028,
  [A100_80GB.name]: A100_80GB,
  [H100_SXM.name]: H100_SXM,
  [H800_SXM.name]: H800_SXM,
  [H200_SXM.name]: H200_SXM,
  [B200.name]: B200,
  [GB200.name]: GB200,
  [GB300.name]: GB300,
  [B300.name]: B300,
  [RUBIN.name]: RUBIN,
  [MI300X.name]: MI300X,
  [MI355X.name]: MI355X,
};
