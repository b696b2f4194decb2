/** SI scale factors for writing presets and tests readably; the engine itself computes in SI. */
export const KILO = 1e3;
export const MEGA = 1e6;
export const GIGA = 1e9;
export const TERA = 1e12;
export const PETA = 1e15;
export const PICO = 1e-12;
export const NANO = 1e-9;
export const MICRO = 1e-6;
export const GIB = 2 ** 30;
export const MIB = 2 ** 20;
export const SECONDS_PER_DAY = 86_400;

/** Bits in a byte: the engine keeps bytes for memory and message sizes, bits for link rates. */
export const BITS_PER_BYTE = 8;
