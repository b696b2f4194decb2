/**
 * Checks a part of a scenario against its field descriptors: numbers finite, whole where counted and
 * within bounds, choices among their values, flags true or false. Each problem names the field (a
 * dotted path into `Scenario`) and, in its message, the part it belongs to ('latency' of tier 'ib').
 */
import type { EngineIssue } from '../results.js';
import type { AnyInputFields, FieldDescriptor } from './field.js';

export type Check = (issue: EngineIssue) => void;

/**
 * Bounds past any physical value in this domain (SI: FLOP/s ~1e16, bits ~1e15, pJ ~1e-12). Inputs
 * beyond them are rejected, so that no product or quotient of inputs can overflow to Infinity.
 */
export const LARGEST_INPUT = 1e24;
export const SMALLEST_POSITIVE_INPUT = 1e-24;

interface Bounds {
  integer?: boolean;
  /** Lower bound, inclusive unless `exclusiveMin`; absent: 0. */
  min?: number;
  exclusiveMin?: boolean;
  /** Upper bound, inclusive unless `exclusiveMax`; absent: none. */
  max?: number;
  exclusiveMax?: boolean;
}

/** A numeric input to check; its path is `at.path` (built only when reporting, the search runs this often). */
export interface NumberRule extends Bounds {
  path: string;
  at?: string;
  value: unknown;
  /** The part the field belongs to, as a message names it: "tier 'ib'". */
  owner?: string;
}

function nameOf(rule: NumberRule): string {
  const name = `'${rule.path.slice(rule.path.lastIndexOf('.') + 1)}'`;
  return rule.owner ? `${name} of ${rule.owner}` : name;
}

function withinBounds(rule: Bounds, value: number): boolean {
  const min = rule.min ?? 0;
  return (
    Math.abs(value) <= LARGEST_INPUT &&
    (value === 0 || Math.abs(value) >= SMALLEST_POSITIVE_INPUT) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.exclusiveMin ? value > min : value >= min) &&
    (rule.max === undefined || (rule.exclusiveMax ? value < rule.max : value <= rule.max))
  );
}

/** A number that is finite, optionally whole, within bounds; reports the first thing wrong with it. */
export function checkNumber(rule: NumberRule, report: Check): boolean {
  const value = rule.value;
  if (typeof value === 'number' && withinBounds(rule, value)) return true;
  const path = rule.at ? `${rule.at}.${rule.path}` : rule.path;
  const name = nameOf(rule);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    report({ severity: 'error', code: 'not-finite', field: path, message: `${name} must be a finite number, got ${String(value)}` });
  } else if (Math.abs(value) > LARGEST_INPUT || (value !== 0 && Math.abs(value) < SMALLEST_POSITIVE_INPUT)) {
    report({
      severity: 'error',
      code: 'out-of-range',
      field: path,
      message: `${name} = ${value} is outside the physical range this engine accepts (${SMALLEST_POSITIVE_INPUT} to ${LARGEST_INPUT} in SI units)`,
    });
  } else if (rule.integer && !Number.isInteger(value)) {
    report({ severity: 'error', code: 'not-integer', field: path, message: `${name} must be a whole number, got ${value}` });
  } else if (rule.max !== undefined && (rule.exclusiveMax ? value >= rule.max : value > rule.max)) {
    const bound = rule.exclusiveMax ? `less than ${rule.max}` : `at most ${rule.max}`;
    report({ severity: 'error', code: 'out-of-range', field: path, message: `${name} must be ${bound}, got ${value}` });
  } else {
    const min = rule.min ?? 0;
    const bound = rule.exclusiveMin ? `greater than ${min}` : `at least ${min}`;
    report({ severity: 'error', code: 'out-of-range', field: path, message: `${name} must be ${bound}, got ${value}` });
  }
  return false;
}

/** Checks one field's value; `at` is the path of the part it belongs to. */
type FieldCheck = (value: unknown, at: string, report: Check, owner: string | undefined) => boolean;

function fieldCheck(key: string, descriptor: FieldDescriptor & { optional?: true }): FieldCheck {
  const check = valueCheck(key, descriptor);
  return descriptor.optional ? (value, at, report, owner) => value === undefined || check(value, at, report, owner) : check;
}

function valueCheck(key: string, descriptor: FieldDescriptor): FieldCheck {
  switch (descriptor.kind) {
    case 'number': {
      const { integer, min, exclusiveMin, max, exclusiveMax } = descriptor;
      const bounds = { integer, min, exclusiveMin, max, exclusiveMax };
      return (value, at, report, owner) =>
        (typeof value === 'number' && withinBounds(bounds, value)) || checkNumber({ path: key, at, value, owner, ...bounds }, report);
    }
    case 'choice': {
      const values = new Set<unknown>(Object.values(descriptor.values));
      return (value, at, report, owner) => {
        if (values.has(value)) return true;
        const name = owner ? `'${key}' of ${owner}` : `'${key}'`;
        report({
          severity: 'error',
          code: 'unknown-choice',
          field: `${at}.${key}`,
          message: `${name} must be one of ${[...values].join(', ')}, got ${String(value)}`,
        });
        return false;
      };
    }
    case 'flag':
      return (value, at, report, owner) => {
        if (typeof value === 'boolean') return true;
        const name = owner ? `'${key}' of ${owner}` : `'${key}'`;
        report({ severity: 'error', code: 'not-boolean', field: `${at}.${key}`, message: `${name} must be true or false, got ${String(value)}` });
        return false;
      };
  }
}

/** Checks of every field of one kind of part, built once from its descriptors. */
export type PartCheck = (part: object, at: string, report: Check, owner?: string) => boolean;

export function partCheck(fields: AnyInputFields): PartCheck {
  const checks = Object.entries(fields).map(([key, descriptor]) => [key, fieldCheck(key, descriptor)] as const);
  return (part, at, report, owner) => {
    let ok = true;
    // Every field is checked, not only up to the first problem, so that all of them are reported.
    for (const [key, check] of checks) if (!check((part as Record<string, unknown>)[key], at, report, owner)) ok = false;
    return ok;
  };
}
