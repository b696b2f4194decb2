/**
 * Evaluates quantity expressions to an SI value and a dimension. Errors carry the node they
 * belong to so the validator can put them exactly where they were written.
 */
import type { AstNode } from 'langium';
import { type Expression, isBinaryExpression, isParenthesizedExpression, isQuantity, type Quantity } from '../generated/ast.js';
import { type Dimension, DIMENSIONLESS, describeDimension, multiply, sameDimension } from './dimensions.js';
import { convertBetween, parseUnit } from './registry.js';

export interface QuantityValue {
  /** Value in SI units (bits, bytes, s, FLOP, J, m, tokens). */
  value: number;
  dimension: Dimension;
}

export interface EvaluationError {
  node: AstNode;
  property?: string;
  message: string;
  code: string;
}

export type Evaluation = { ok: true; quantity: QuantityValue } | { ok: false; error: EvaluationError };

/** The number written in a literal, without sign; underscores separate digit groups. */
export function literalNumber(quantity: Quantity): number {
  return Number(quantity.number.replace(/_/g, ''));
}

export function evaluateQuantityLiteral(quantity: Quantity): Evaluation {
  // `-` with no number after it while typing: the parser reports the hole.
  if (typeof quantity.number !== 'string') return { ok: false, error: { node: quantity, code: 'incomplete', message: 'Incomplete expression.' } };
  const number = literalNumber(quantity);
  if (!Number.isFinite(number)) {
    return {
      ok: false,
      error: { node: quantity, property: 'number', code: 'number-out-of-range', message: `The number ${quantity.number} is too large to represent.` },
    };
  }
  let value = quantity.negative ? -number : number;
  if (value === 0) value = 0; // -0 and 0 are the same quantity
  if (!quantity.unit) return { ok: true, quantity: { value, dimension: DIMENSIONLESS } };
  const unit = parseUnit(quantity.unit);
  if (!unit) {
    return { ok: false, error: { node: quantity, property: 'unit', code: 'unknown-unit', message: `Unknown unit '${quantity.unit}'.` } };
  }
  const si = value * unit.scale;
  if (!Number.isFinite(si)) {
    return { ok: false, error: { node: quantity, code: 'number-out-of-range', message: `${quantity.number} ${quantity.unit} is too large to represent.` } };
  }
  return { ok: true, quantity: { value: si, dimension: unit.dimension } };
}

export function evaluateExpression(expression: Expression | undefined, parent?: AstNode): Evaluation {
  // An incomplete expression (`1 +` while typing) has holes; the parser already reported them.
  if (!expression) return { ok: false, error: { node: parent!, code: 'incomplete', message: 'Incomplete expression.' } };
  if (isQuantity(expression)) return evaluateQuantityLiteral(expression);
  if (isParenthesizedExpression(expression)) return evaluateExpression(expression.expression, expression);
  if (isBinaryExpression(expression)) {
    const left = evaluateExpression(expression.left, expression);
    if (!left.ok) return left;
    const right = evaluateExpression(expression.right, expression);
    if (!right.ok) return right;
    const a = left.quantity,
      b = right.quantity;
    let result: QuantityValue;
    switch (expression.operator) {
      case '+':
      case '-':
        if (!sameDimension(a.dimension, b.dimension)) {
          return {
            ok: false,
            error: {
              node: expression,
              property: 'operator',
              code: 'dimension-mismatch',
              message: `Cannot ${expression.operator === '+' ? 'add' : 'subtract'} ${describeDimension(b.dimension)} and ${describeDimension(a.dimension)}.`,
            },
          };
        }
        result = { value: expression.operator === '+' ? a.value + b.value : a.value - b.value, dimension: a.dimension };
        break;
      case '*':
        result = { value: a.value * b.value, dimension: multiply(a.dimension, b.dimension) };
        break;
      case '/':
        if (b.value === 0) {
          return { ok: false, error: { node: expression.right, code: 'division-by-zero', message: 'Division by zero.' } };
        }
        result = { value: a.value / b.value, dimension: multiply(a.dimension, b.dimension, -1) };
        break;
    }
    if (!Number.isFinite(result.value)) {
      return { ok: false, error: { node: expression, code: 'number-out-of-range', message: 'The result is too large to represent.' } };
    }
    return { ok: true, quantity: result };
  }
  return { ok: false, error: { node: expression, code: 'invalid-expression', message: 'Not a quantity.' } };
}

/**
 * Evaluates `expression` for a member of dimension `expected`, converting between bits and bytes
 * (450 GB/s where a bit rate belongs is 3.6 Tb/s; 640 Gb where a memory size belongs is 80 GB):
 * a byte is unambiguously 8 bits. Any other dimension comes back as written, for the caller to
 * report.
 */
export function evaluateExpressionAs(expression: Expression | undefined, expected: Dimension): Evaluation {
  const evaluation = evaluateExpression(expression);
  if (!evaluation.ok || sameDimension(evaluation.quantity.dimension, expected)) return evaluation;
  const converted = convertBetween(evaluation.quantity.value, evaluation.quantity.dimension, expected);
  return converted === undefined ? evaluation : { ok: true, quantity: { value: converted, dimension: expected } };
}
