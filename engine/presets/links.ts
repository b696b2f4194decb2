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
  name: 'copper-224g', kind: 'electrical',
  serdesEnergyPerBit: 5 * PICO, opticsEnergyPerBit: 0, opticsLocation: 'package',
  laserEnergyPerBit: 0, laserLocation: 'board',
  bandwidthDensity: 0, areaLocation: 'board', reachMeters: 1,
};

/**
 * 1.6T DR8 linear pluggable optics, 224G/lane: host SerDes 5 pJ/bit in package, module 8 pJ/bit
 * (laser included) on the board. An OSFP-XD module is 105.8 mm × 22.58 mm and carries 3.2 Tb/s.
 */
export const LPO_1600G_DR8: LinkTechnology = {
  name: 'lpo-1.6t-dr8', kind: 'lpo',
  serdesEnergyPerBit: 5 * PICO, opticsEnergyPerBit: 8 * PICO, opticsLocation: 'board',
  laserEnergyPerBit: 0, laserLocation: 'board',
  bandwidthDensity: densityOf(3.2 * TERA, 105.8 * 22.58), areaLocation: 'board', reachMeters: 500,
};

/**
 * 224G 2.5D CPO with 2D integration: host SerDes 5 pJ/bit plus optical engine 4.7 pJ/bit in package,
 * external laser 2.3 pJ/bit. A 12.8 Tb/s engine is 15 mm × 25 mm with 10 mm of beachfront.
 */
export const CPO_224G_25D: LinkTechnology = {
  name: 'cpo-224g-2.5d', kind: 'cpo',
  serdesEnergyPerBit: 5 * PICO, opticsEnergyPerBit: 4.7 * PICO, opticsLocation: 'package',
  laserEnergyPerBit: 2.3 * PICO, laserLocation: 'board',
  bandwidthDensity: densityOf(12.8 * TERA, 15 * (25 + 10)), areaLocation: 'package', reachMeters: 500,
};

/**
 * Passage optical interposer, 56G NRZ × 8λ: short-reach SerDes 2 pJ/bit and PIC 1.2 pJ/bit in package,
 * external laser 1.1 pJ/bit. Fibres of 127 µm at 4 per mm of edge in a 5 mm expansion: two TX fibres
 * of a 400 Gb/s port each per 5 mm², i.e. 160 Gb/s per mm².
 */
export const PASSAGE_56G_8L: LinkTechnology = {
  name: 'passage-56g-8l', kind: '3d-optics',
  serdesEnergyPerBit: 2 * PICO, opticsEnergyPerBit: 1.2 * PICO, opticsLocation: 'package',
  laserEnergyPerBit: 1.1 * PICO, laserLocation: 'board',
  bandwidthDensity: densityOf(2 * 400 * GIGA, 5), areaLocation: 'package', reachMeters: 500,
};

/**
 * Scale-out Ethernet/InfiniBand link of Table I: 16 pJ/bit in all. The paper gives no split between
 * host SerDes and module, so all of it is carried as (board) module energy.
 */
export const SCALE_OUT_16PJ: LinkTechnology = {
  name: 'scale-out-16pj', kind: 'pluggable',
  serdesEnergyPerBit: 0, opticsEnergyPerBit: 16 * PICO, opticsLocation: 'board',
  laserEnergyPerBit: 0, laserLocation: 'board',
  bandwidthDensity: densityOf(1.6 * TERA, 105.8 * 22.58), areaLocation: 'board', reachMeters: 2000,
};

/** Conventional DSP pluggable module (Table II): host SerDes 5 pJ/bit plus module 16 pJ/bit. */
export const PLUGGABLE_DSP: LinkTechnology = {
  name: 'pluggable-dsp', kind: 'pluggable',
  serdesEnergyPerBit: 5 * PICO, opticsEnergyPerBit: 16 * PICO, opticsLocation: 'board',
  laserEnergyPerBit: 0, laserLocation: 'board',
  bandwidthDensity: densityOf(3.2 * TERA, 105.8 * 22.58), areaLocation: 'board', reachMeters: 2000,
};

export const LINK_PRESETS: Readonly<Record<string, LinkTechnology>> = {
  [COPPER_224G.name]: COPPER_224G,
  [LPO_1600G_DR8.name]: LPO_1600G_DR8,
  [CPO_224G_25D.name]: CPO_224G_25D,
  [PASSAGE_56G_8L.name]: PASSAGE_56G_8L,
  [SCALE_OUT_16PJ.name]: SCALE_OUT_16PJ,
  [PLUGGABLE_DSP.name]: PLUGGABLE_DSP,
};

/** Total energy per bit at one end: SerDes + optics + laser. */
export function totalEnergyPerBit(link: LinkTechnology): number {
  return link.serdesEnergyPerBit + link.opticsEnergyPerBit + link.laserEnergyPerBit;
}

/** In-package energy per bit: SerDes plus whatever optics and laser sit on the package. */
export function inPackageEnergyPerBit(link: LinkTechnology): number {
  return link.serdesEnergyPerBit
    + (link.opticsLocation === 'package' ? link.opticsEnergyPerBit : 0)
    + (link.laserLocation === 'package' ? link.laserEnergyPerBit : 0);
}

/** Off-package energy per bit: board modules and external lasers. */
export function offPackageEnergyPerBit(link: LinkTechnology): number {
  return totalEnergyPerBit(link) - inPackageEnergyPerBit(link);
}
