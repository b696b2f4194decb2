/**
 * Link technologies of Sections III–IV (Table III) and the scale-out network of Table I.
 * Energies are per bit at one host end; densities come from the geometry the paper gives.
 */
import type { LinkTechnology } from '../types.js';
import { GIGA, PICO, TERA } from '../units.js';

/** Bandwidth density of a footprint: bit/s over mm². */
export function densityOf(bandwidth: number, areaMm2: number): number {
  return bandwidth / areaMm2;
}

/** 224G long-reach SerDes with DSP driving copper: 5 pJ/bit (Section IV-A a), reach ~1 m. */
export const COPPER_224G: LinkTechnology = {
  name: 'copper-224g',
  kind: 'electrical',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 0,
  opticsLocation: 'package',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: 0,
  areaLocation: 'board',
  reachMeters: 1,
};

/**
 * 1.6T DR8 linear pluggable optics, 224G/lane: host SerDes 5 pJ/bit in package, module 8 pJ/bit
 * (laser included) on the board. An OSFP-XD module is 105.8 mm × 22.58 mm and carries 3.2 Tb/s.
 */
export const LPO_1600G_DR8: LinkTechnology = {
  name: 'lpo-1.6t-dr8',
  kind: 'lpo',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 8 * PICO,
  opticsLocation: 'board',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: densityOf(3.2 * TERA, 105.8 * 22.58),
  areaLocation: 'board',
  reachMeters: 500,
};

/**
 * 224G 2.5D CPO with 2D integration: host SerDes 5 pJ/bit plus optical engine 4.7 pJ/bit in package,
 * external laser 2.3 pJ/bit. A 12.8 Tb/s engine is 15 mm × 25 mm with 10 mm of beachfront.
 */
export const CPO_224G_25D: LinkTechnology = {
  name: 'cpo-224g-2.5d',
  kind: 'cpo',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 4.7 * PICO,
  opticsLocation: 'package',
  laserEnergyPerBit: 2.3 * PICO,
  laserLocation: 'board',
  bandwidthDensity: densityOf(12.8 * TERA, 15 * (25 + 10)),
  areaLocation: 'package',
  reachMeters: 500,
};

/**
 * Passage optical interposer, 56G NRZ × 8λ: short-reach SerDes 2 pJ/bit and PIC 1.2 pJ/bit in package,
 * external laser 1.1 pJ/bit. Fibres of 127 µm at 4 per mm of edge in a 5 mm expansion: two TX fibres
 * of a 400 Gb/s port each per 5 mm², i.e. 160 Gb/s per mm².
 */
export const PASSAGE_56G_8L: LinkTechnology = {
  name: 'passage-56g-8l',
  kind: '3d-optics',
  serdesEnergyPerBit: 2 * PICO,
  opticsEnergyPerBit: 1.2 * PICO,
  opticsLocation: 'package',
  laserEnergyPerBit: 1.1 * PICO,
  laserLocation: 'board',
  bandwidthDensity: densityOf(2 * 400 * GIGA, 5),
  areaLocation: 'package',
  reachMeters: 500,
};

/**
 * Scale-out Ethernet/InfiniBand link of Table I: 16 pJ/bit in all. The paper gives no split between
 * host SerDes and module, so all of it is carried as (board) module energy.
 */
export const SCALE_OUT_16PJ: LinkTechnology = {
  name: 'scale-out-16pj',
  kind: 'pluggable',
  serdesEnergyPerBit: 0,
  opticsEnergyPerBit: 16 * PICO,
  opticsLocation: 'board',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: densityOf(1.6 * TERA, 105.8 * 22.58),
  areaLocation: 'board',
  reachMeters: 2000,
};

/** Conventional DSP pluggable module (Table II): host SerDes 5 pJ/bit plus module 16 pJ/bit. */
export const PLUGGABLE_DSP: LinkTechnology = {
  name: 'pluggable-dsp',
  kind: 'pluggable',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 16 * PICO,
  opticsLocation: 'board',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: densityOf(3.2 * TERA, 105.8 * 22.58),
  areaLocation: 'board',
  reachMeters: 2000,
};

/*
 * Links a 2026 user names. Vendors publish bandwidths, rarely energies: where no pJ/bit is public,
 * the doc says so and the figure comes from the reference paper (long-reach SerDes with DSP:
 * 5 pJ/bit, Section IV-A) or from the vendor's power per port divided by its rate.
 */

/** A copper scale-up link of one NVLink/UALink generation: host SerDes only, no optics. */
function copper(name: string, reachMeters: number): LinkTechnology {
  return {
    name,
    kind: 'electrical',
    serdesEnergyPerBit: 5 * PICO,
    opticsEnergyPerBit: 0,
    opticsLocation: 'package',
    laserEnergyPerBit: 0,
    laserLocation: 'board',
    bandwidthDensity: 0,
    areaLocation: 'board',
    reachMeters,
  };
}

/**
 * NVLink 4 (H100/H200): 18 links of 2 × 100G PAM4 lanes, 900 GB/s both directions, over the HGX
 * board to NVSwitch. NVIDIA publishes no pJ/bit: the paper's 5 pJ/bit of long-reach SerDes.
 * Source: NVIDIA NVLink, https://www.nvidia.com/en-us/data-center/nvlink/
 */
export const NVLINK_4 = copper('nvlink-4', 0.5);
/**
 * NVLink 5 (Blackwell): 18 links of 2 × 200G lanes, 1.8 TB/s both directions, over the NVL72 copper
 * spine (about 2 m). No published pJ/bit: the paper's 5 pJ/bit. Source: https://www.nvidia.com/en-us/data-center/nvlink/
 */
export const NVLINK_5 = copper('nvlink-5', 2);
/**
 * NVLink 6 (Rubin, announced): 3.6 TB/s per GPU both directions, 260 TB/s per NVL144 rack, copper.
 * No published pJ/bit: the paper's 5 pJ/bit. Source: NVIDIA GTC 2025 keynote (Vera Rubin NVL144).
 */
export const NVLINK_6 = copper('nvlink-6', 2);
/**
 * UALink 200G 1.0 (ratified April 2025): 200 Gb/s per lane (212.5 GT/s signalling), x1/x2/x4 ports,
 * up to 1,024 accelerators, copper under 4 m. No pJ/bit in the specification: the paper's 5 pJ/bit.
 * Source: UALink Consortium, https://ualinkconsortium.org/ (200G 1.0 specification)
 */
export const UALINK_200G = copper('ualink-200g', 4);

/**
 * AMD Infinity Fabric between the 8 GPUs of an MI300X/MI355X node (direct links, no switch), copper
 * on the board. No published pJ/bit: the paper's 5 pJ/bit. Source: AMD CDNA 3/4 white papers,
 * https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html
 */
export const INFINITY_FABRIC = copper('infinity-fabric', 0.5);

/** OSFP module area: 107 mm × 19 mm (the footprint the hardware example uses). */
const OSFP_MM2 = 107 * 19;

/**
 * InfiniBand NDR, 400 Gb/s per GPU through DSP pluggable optics: host SerDes 5 pJ/bit plus a module
 * of 16 pJ/bit (a twin-port 2 × 400G OSFP draws about 17 W, 21 pJ/bit in all), 500 m of
 * single-mode fibre. Sources: NVIDIA LinkX 800G/400G OSFP transceivers,
 * https://docs.nvidia.com/networking/display/mma4z00ns400; the reference paper's Table II (DSP pluggable).
 */
export const INFINIBAND_NDR: LinkTechnology = {
  name: 'infiniband-ndr',
  kind: 'pluggable',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 16 * PICO,
  opticsLocation: 'board',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: densityOf(800 * GIGA, OSFP_MM2),
  areaLocation: 'board',
  reachMeters: 500,
};

/**
 * InfiniBand XDR (Quantum-X800, ConnectX-8), 800 Gb/s per GPU, pluggable: NVIDIA puts a 1.6 Tb/s
 * pluggable port at about 30 W, 18.75 pJ/bit, of which 5 pJ/bit is taken as host SerDes and the
 * rest as the module. Source: NVIDIA Technical Blog on co-packaged optics (Hot Chips 2025),
 * https://developer.nvidia.com/blog/?p=104786
 */
export const INFINIBAND_XDR: LinkTechnology = {
  name: 'infiniband-xdr',
  kind: 'pluggable',
  serdesEnergyPerBit: 5 * PICO,
  opticsEnergyPerBit: 13.75 * PICO,
  opticsLocation: 'board',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: densityOf(1.6 * TERA, OSFP_MM2),
  areaLocation: 'board',
  reachMeters: 500,
};

/** RoCE at 400 Gb/s (Spectrum-X, ConnectX-7): the same 400G DR4 class of DSP module as NDR. Source: as `infiniband-ndr`. */
export const ROCE_400G: LinkTechnology = { ...INFINIBAND_NDR, name: 'roce-400g' };
/** RoCE at 800 Gb/s (Spectrum-X, ConnectX-8 SuperNIC): the same 800G/1.6T module class as XDR. Source: as `infiniband-xdr`. */
export const ROCE_800G: LinkTechnology = { ...INFINIBAND_XDR, name: 'roce-800g' };

/**
 * The switch end of co-packaged optics: NVIDIA Quantum-X / Spectrum-X Photonics and Broadcom
 * Tomahawk 6-Davisson put a 1.6 Tb/s port at about 9 W (against 30 W pluggable, "3.5× the power
 * efficiency"), 5.6 pJ/bit. Only the total is published; it is split as Table III's 2.5D CPO
 * (SerDes 42%, optical engine 39%, external laser 19%). TH6-Davisson carries 16 engines of 6.4 Tb/s;
 * each is given the paper's 2.5D CPO engine footprint (15 mm × 25 mm plus 10 mm). Sources: https://developer.nvidia.com/blog/?p=104786;
 * Broadcom TH6-Davisson, https://www.storagereview.com/?p=149697
 */
export const CPO_SWITCH_200G: LinkTechnology = {
  name: 'cpo-switch-200g',
  kind: 'cpo',
  serdesEnergyPerBit: 2.35 * PICO,
  opticsEnergyPerBit: 2.2 * PICO,
  opticsLocation: 'package',
  laserEnergyPerBit: 1.075 * PICO,
  laserLocation: 'board',
  bandwidthDensity: densityOf(6.4 * TERA, 15 * (25 + 10)),
  areaLocation: 'package',
  reachMeters: 500,
};

/**
 * Lightmatter Passage M1000 (Hot Chips 2025): a 3D photonic interposer of over 4,000 mm² with
 * 114 Tb/s of optical I/O (57 Tb/s each way) on 256 fibres. Lightmatter gives no pJ/bit for it;
 * the energies and density are the reference paper's for Passage (Table III, 4.3 pJ/bit).
 * Source: https://hardwarebee.com/electronic-breaking-news/3d-photonic-chip-achieves-record-114-tbps-optical-bandwidth
 */
export const PASSAGE_M1000: LinkTechnology = { ...PASSAGE_56G_8L, name: 'passage-m1000' };

/**
 * Lightmatter Passage L200 (3D co-packaged optics, 32 or 64 Tb/s per chiplet, 16-wavelength DWDM at
 * 1.6 Tb/s per fibre, sampled March 2026). No pJ/bit is published for it; Lightmatter rates its L20
 * engine of the same generation at 3.0 pJ/bit, taken here for SerDes and PIC, with the paper's
 * 1.1 pJ/bit external laser. Sources: https://www.ofcconference.org/news-media/exhibitor-news/lightmatter-achieves-record-1-6-tbps-per-fiber-to-accelerate-ai-optical-interconnect;
 * https://briefglance.com/articles/lightmatter-targets-ai-data-jam-with-new-64-tbps-photonic-engine
 */
export const PASSAGE_L200: LinkTechnology = {
  ...PASSAGE_56G_8L,
  name: 'passage-l200',
  serdesEnergyPerBit: 1.5 * PICO,
  opticsEnergyPerBit: 1.5 * PICO,
};

/**
 * Ayar Labs TeraPHY (third generation, Hot Chips 2025): an in-package optical I/O chiplet of 8 Tb/s
 * (4 Tb/s each way) carrying UCIe, under 5 pJ/bit with its external SuperNova laser not itemised;
 * taken as 5 pJ/bit of in-package optics. No footprint is published, so no area is counted.
 * Sources: https://gazettabyte.com/?p=146250; https://ayarlabs.com/artificial-intelligence/
 */
export const TERAPHY: LinkTechnology = {
  name: 'teraphy',
  kind: 'cpo',
  serdesEnergyPerBit: 0,
  opticsEnergyPerBit: 5 * PICO,
  opticsLocation: 'package',
  laserEnergyPerBit: 0,
  laserLocation: 'board',
  bandwidthDensity: 0,
  areaLocation: 'package',
  reachMeters: 2000,
};

export const LINK_PRESETS: Readonly<Record<string, LinkTechnology>> = {
  [COPPER_224G.name]: COPPER_224G,
  [LPO_1600G_DR8.name]: LPO_1600G_DR8,
  [CPO_224G_25D.name]: CPO_224G_25D,
  [PASSAGE_56G_8L.name]: PASSAGE_56G_8L,
  [SCALE_OUT_16PJ.name]: SCALE_OUT_16PJ,
  [PLUGGABLE_DSP.name]: PLUGGABLE_DSP,
  [NVLINK_4.name]: NVLINK_4,
  [NVLINK_5.name]: NVLINK_5,
  [NVLINK_6.name]: NVLINK_6,
  [UALINK_200G.name]: UALINK_200G,
  [INFINITY_FABRIC.name]: INFINITY_FABRIC,
  [INFINIBAND_NDR.name]: INFINIBAND_NDR,
  [INFINIBAND_XDR.name]: INFINIBAND_XDR,
  [ROCE_400G.name]: ROCE_400G,
  [ROCE_800G.name]: ROCE_800G,
  [CPO_SWITCH_200G.name]: CPO_SWITCH_200G,
  [PASSAGE_M1000.name]: PASSAGE_M1000,
  [PASSAGE_L200.name]: PASSAGE_L200,
  [TERAPHY.name]: TERAPHY,
};

/** Total energy per bit at one end: SerDes + optics + laser. */
export function totalEnergyPerBit(link: LinkTechnology): number {
  return link.serdesEnergyPerBit + link.opticsEnergyPerBit + link.laserEnergyPerBit;
}

/** In-package energy per bit: SerDes plus whatever optics and laser sit on the package. */
export function inPackageEnergyPerBit(link: LinkTechnology): number {
  return (
    link.serdesEnergyPerBit +
    (link.opticsLocation === 'package' ? link.opticsEnergyPerBit : 0) +
    (link.laserLocation === 'package' ? link.laserEnergyPerBit : 0)
  );
}

/** Off-package energy per bit: board modules and external lasers. */
export function offPackageEnergyPerBit(link: LinkTechnology): number {
  return totalEnergyPerBit(link) - inPackageEnergyPerBit(link);
}
