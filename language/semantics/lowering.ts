/**
 * Lowers a checked scenario declaration into the engine's `Scenario` (plain data, SI units)
 * and records where every engine field came from, so engine issues can be reported on the
 * exact AST node the user wrote (or on the reference that brought a default in).
 */
import type { AstNode } from 'langium';
import {
  type AssumptionKey,
  DEFAULT_ASSUMPTIONS,
  type EngineIssue,
  largestDivisorAtMost,
  type Scenario,
  shadowedAssumptionIssues,
} from '../../engine/index.js';
import { type Declaration, isDeclaration, isEnumValue, isListValue, isReferenceValue, isStringValue, type Property, type Value } from '../generated/ast.js';
import { evaluateExpressionAs } from '../units/expressions.js';
import { declarationTree, emptyTree, extendsCycle, mergeTrees, type MemberTree } from './member-tree.js';
import { presetValue } from './presets.js';
import { type BlockSpec, DECLARATION_SCHEMAS, type DeclarationKind, type PropertySpec } from './schema.js';
import { sameDimension } from '../units/dimensions.js';

/** Where an engine field's value was written: a node and, optionally, its property. */
export interface Provenance {
  node: AstNode;
  property?: string;
}

export interface LoweredScenario {
  scenario: Scenario;
  /** Engine field path (`system.tiers[0].domainSize`) → where it was written. */
  provenance: Map<string, Provenance>;
  declaration: Declaration;
  /** Problems found while deriving defaults; when any is an error the scenario is not evaluated. */
  issues: EngineIssue[];
  /** Fields (`model.kvHeads`) that were derived from other values rather than written or defaulted. */
  derivedFields: readonly DerivedField[];
}

/** The defaults that depend on other values (see `deriveDefaults`). */
export type DerivedField = 'model.kvHeads' | 'model.ffnHidden' | 'training.dataParallel';

export type LoweringResult = { ok: true; lowered: LoweredScenario } | { ok: false; reason: string };

class LoweringFailure extends Error {}

type EngineObject = Record<string, unknown>;

/** Converts one written value to the engine's representation, or throws LoweringFailure. */
export function lowerValue(spec: PropertySpec, value: Value | undefined): unknown {
  if (!value) throw new LoweringFailure(`${spec.name} has no value`);
  const type = spec.type;
  switch (type.kind) {
    case 'quantity': {
      if (isEnumValue(value) || isReferenceValue(value) || isStringValue(value) || isListValue(value)) {
        throw new LoweringFailure(`${spec.name} needs a quantity`);
      }
      const evaluation = evaluateExpressionAs(value, type.dimension);
      if (!evaluation.ok || !sameDimension(evaluation.quantity.dimension, type.dimension)) {
        throw new LoweringFailure(`${spec.name} has an invalid quantity`);
      }
      return evaluation.quantity.value * (spec.engineScale ?? 1);
    }
    case 'enum':
      if (isEnumValue(value) && value.value in type.values) return type.values[value.value];
      throw new LoweringFailure(`${spec.name} has an invalid value`);
    case 'boolean':
      if (isEnumValue(value) && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
      throw new LoweringFailure(`${spec.name} needs true or false`);
    case 'reference':
      if (isReferenceValue(value) && isDeclaration(value.ref.ref) && value.ref.ref.kind === type.target) return value.ref.ref;
      throw new LoweringFailure(`${spec.name} needs a ${type.target}`);
    case 'references':
      if (isListValue(value)) {
        return value.items.map((item) => {
          if (isReferenceValue(item) && isDeclaration(item.ref.ref) && item.ref.ref.kind === type.target) return item.ref.ref;
          throw new LoweringFailure(`${spec.name} needs a list of ${type.target}s`);
        });
      }
      throw new LoweringFailure(`${spec.name} needs a list`);
  }
}

/** A declaration lowered once per build, with where its fields were written (paths relative to it). */
export interface LoweredDeclaration {
  object: EngineObject;
  origins: ReadonlyArray<readonly [string, Provenance]>;
}

export interface LoweringOptions {
  /** Lowered declarations (without overrides) shared between the scenarios of one build. */
  cache?: Map<Declaration, LoweredDeclaration>;
}

/** Lowering of one scenario; collects provenance as it goes. */
class ScenarioLowering {
  provenance = new Map<string, Provenance>();
  private readonly cache: Map<Declaration, LoweredDeclaration> | undefined;

  constructor(options: LoweringOptions = {}) {
    this.cache = options.cache;
  }

  record(path: string, provenance: Provenance): void {
    this.provenance.set(path, provenance);
  }

  /** A declaration referenced at `path`, with optional scenario-level overrides merged in. */
  declaration(declaration: Declaration, path: string, overrides?: MemberTree): EngineObject {
    if (!this.cache || overrides) return this.lowerDeclaration(declaration, path, overrides);
    let cached = this.cache.get(declaration);
    if (!cached) {
      // Record its origins apart, relative to it: another scenario may reach it at another path.
      const outer = this.provenance;
      this.provenance = new Map();
      try {
        const object = this.lowerDeclaration(declaration, path);
        cached = { object, origins: [...this.provenance].map(([field, origin]) => [field.slice(path.length), origin] as const) };
      } finally {
        this.provenance = outer;
      }
      this.cache.set(declaration, cached);
    }
    for (const [suffix, origin] of cached.origins) this.record(path + suffix, origin);
    return cached.object;
  }

  private lowerDeclaration(declaration: Declaration, path: string, overrides?: MemberTree): EngineObject {
    if (extendsCycle(declaration)) throw new LoweringFailure(`${declaration.name} extends itself`);
    const tree = declarationTree(declaration);
    if (overrides) mergeTrees(tree, overrides);
    const spec = DECLARATION_SCHEMAS[declaration.kind as DeclarationKind];
    let base: EngineObject | undefined;
    if (tree.preset) {
      base = presetValue(declaration.kind, tree.preset.name);
      if (!base) throw new LoweringFailure(`unknown preset ${tree.preset.name}`);
      this.recordPreset(base, path, { node: tree.preset.declaration, property: 'preset' });
    }
    const object = this.block(spec, tree, base, path);
    object.name = declaration.name;
    this.record(`${path}.name`, { node: declaration, property: 'name' });
    return object;
  }

  private recordPreset(object: unknown, path: string, provenance: Provenance): void {
    if (object === null || typeof object !== 'object') return;
    for (const [key, value] of Object.entries(object)) {
      const childPath = Array.isArray(object) ? `${path}[${key}]` : `${path}.${key}`;
      this.record(childPath, provenance);
      this.recordPreset(value, childPath, provenance);
    }
  }

  /** Members of one block on top of `base` (a preset or an inherited engine object). */
  block(spec: BlockSpec, tree: MemberTree, base: EngineObject | undefined, path: string): EngineObject {
    const object: EngineObject = base ?? {};
    for (const property of spec.properties) {
      const written = tree.properties.get(property.name);
      const fieldPath = `${path}.${property.field}`;
      if (written) {
        object[property.field] = this.value(property, written, fieldPath);
        this.record(fieldPath, { node: written, property: 'value' });
      } else if (object[property.field] !== undefined) {
        // Kept from the preset.
      } else if (property.defaultValue !== undefined) {
        object[property.field] = property.defaultValue;
      } else if (property.required) {
        throw new LoweringFailure(`${path} is missing ${property.name}`);
      }
    }
    for (const nested of spec.blocks ?? []) {
      const nestedTree = tree.blocks.get(nested.name);
      const nestedBase = object[nested.name] as EngineObject | undefined;
      if (!nestedTree && !nestedBase) continue;
      if (nestedTree) this.record(`${path}.${nested.name}`, { node: nestedTree.node });
      object[nested.name] = this.block(nested, nestedTree ?? emptyTree(tree.node), nestedBase, `${path}.${nested.name}`);
    }
    if (spec.tier) object.tiers = this.tiers(spec.tier, tree, (object.tiers as EngineObject[] | undefined) ?? [], path);
    return object;
  }

  private tiers(spec: BlockSpec, tree: MemberTree, baseTiers: EngineObject[], path: string): EngineObject[] {
    const tiers = [...baseTiers];
    for (const [name, tierTree] of tree.tiers) {
      let index = tiers.findIndex((tier) => tier.name === name);
      if (index < 0) {
        index = tiers.length;
        tiers.push({});
      }
      const tierPath = `${path}.tiers[${index}]`;
      this.record(tierPath, { node: tierTree.node, property: 'name' });
      const tier = this.block(spec, tierTree, tiers[index], tierPath);
      tier.name = name;
      // A switch without its own link uses the tier's link technology.
      const tierSwitch = tier.switch as EngineObject | undefined;
      if (tierSwitch && tierSwitch.link === undefined) {
        // A copy: the switch's lowered declaration may be shared with other systems (cache).
        tier.switch = { ...tierSwitch, link: tier.link };
        const linkOrigin = this.provenance.get(`${tierPath}.link`);
        if (linkOrigin) this.record(`${tierPath}.switch.link`, linkOrigin);
      }
      tiers[index] = tier;
    }
    if (tiers.length === 0) throw new LoweringFailure(`${path} has no tier`);
    return tiers;
  }

  private value(spec: PropertySpec, property: Property, path: string): unknown {
    const value = lowerValue(spec, property.value);
    if (isDeclaration(value)) return this.declaration(value, path);
    return value;
  }

  scenario(declaration: Declaration): { scenario: Scenario; issues: EngineIssue[]; derivedFields: DerivedField[] } {
    if (extendsCycle(declaration)) throw new LoweringFailure(`${declaration.name} extends itself`);
    const tree = declarationTree(declaration);
    const spec = DECLARATION_SCHEMAS.scenario;
    const part = (name: 'system' | 'model' | 'training'): EngineObject => {
      const written = tree.properties.get(name);
      const property = spec.properties.find((candidate) => candidate.name === name)!;
      if (!written) throw new LoweringFailure(`${declaration.name === undefined ? 'the scenario' : `scenario ${declaration.name}`} is missing ${name}`);
      const target = lowerValue(property, written.value) as Declaration;
      this.record(name, { node: written, property: 'value' });
      return this.declaration(target, name, tree.blocks.get(name));
    };
    // Model and training get derived defaults written into them: copy, as lowered
    // declarations may be shared between scenarios.
    const system = part('system');
    const model = { ...part('model') };
    const training = { ...part('training') };
    const assumptionsSpec = spec.blocks!.find((block) => block.name === 'assumptions')!;
    const assumptionsTree = tree.blocks.get('assumptions');
    if (assumptionsTree) this.record('assumptions', { node: assumptionsTree.node });
    const assumptions = this.block(assumptionsSpec, assumptionsTree ?? emptyTree(declaration), { ...DEFAULT_ASSUMPTIONS }, 'assumptions');
    const scenario = { name: declaration.name, system, model, training, assumptions } as unknown as Scenario;
    const derivedFields = DERIVED_FIELDS.filter((field) => fieldAt(scenario, field) === undefined);
    // The engine warns of a shadowed assumption that differs from its default; one written at the default is shadowed as well.
    const writtenAtDefault = (key: AssumptionKey) => !!assumptionsTree?.properties.has(key) && scenario.assumptions[key] === DEFAULT_ASSUMPTIONS[key];
    return { scenario, issues: [...deriveDefaults(scenario), ...shadowedAssumptionIssues(scenario, writtenAtDefault)], derivedFields };
  }
}

/**
 * Fills in defaults that depend on other values (documented in the schema's `defaultNote`), in
 * place; model and training must not be shared with other scenarios. Returns an error instead of
 * inventing a data-parallel degree when TP × PP does not divide the GPU count.
 */
export function deriveDefaults(scenario: Scenario): EngineIssue[] {
  const { system, model, training } = scenario as unknown as Record<'system' | 'model' | 'training', EngineObject>;
  if (model.kvHeads === undefined) model.kvHeads = model.attentionHeads;
  if (model.ffnHidden === undefined) model.ffnHidden = 4 * (model.hiddenSize as number);
  if (training.dataParallel !== undefined) return [];
  const gpus = system.gpuCount as number,
    tp = training.tensorParallel as number,
    pp = training.pipelineParallel as number;
  const cp = (training.contextParallel as number | undefined) ?? 1;
  // A count the range checks refuse (negative, fractional) has no divisors to offer: its own error says it.
  const counts = [gpus, tp, pp, cp];
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 1)) return [];
  if (gpus % (tp * pp * cp) === 0) {
    training.dataParallel = gpus / (tp * pp * cp);
    return [];
  }
  // Put it on the degree at fault: TP when it cannot divide the GPUs or its node, else PP when it is not 1, else TP.
  const node = ((system.tiers as EngineObject[] | undefined)?.[0]?.domainSize as number | undefined) ?? gpus;
  // TP alone is blamed only when changing it alone can mend the product.
  const tensorAtFault = gpus % (pp * cp) === 0 && (gpus % tp !== 0 || (Number.isSafeInteger(node) && node % tp !== 0));
  const field = !tensorAtFault && pp > 1 ? 'training.pipelineParallel' : 'training.tensorParallel';
  // No dataParallel mends a product that does not divide the GPUs: offer the nearest degree below that does.
  const others = field === 'training.pipelineParallel' ? tp * cp : pp * cp;
  const written = field === 'training.pipelineParallel' ? pp : tp;
  // A TP that mends it must also divide its node.
  const room = field === 'training.tensorParallel' && Number.isSafeInteger(node) ? gcd(gpus / others, node) : gpus / others;
  const fix =
    gpus % others === 0
      ? `use ${field.slice('training.'.length)} = ${largestDivisorAtMost(room, written)}, or degrees whose product divides ${gpus}`
      : `choose degrees whose product divides ${gpus}`;
  return [
    {
      severity: 'error',
      code: 'parallelism-indivisible',
      field,
      related: ['system.gpuCount', field === 'training.pipelineParallel' ? 'training.tensorParallel' : 'training.pipelineParallel'],
      message:
        `gpuCount = ${gpus} is not divisible by tensorParallel × pipelineParallel${cp > 1 ? ' × contextParallel' : ''} = ${tp} × ${pp}${cp > 1 ? ` × ${cp}` : ''} = ${tp * pp * cp}; ` +
        `${fix}.`,
    },
  ];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const DERIVED_FIELDS: readonly DerivedField[] = ['model.kvHeads', 'model.ffnHidden', 'training.dataParallel'];

function fieldAt(scenario: Scenario, field: DerivedField): unknown {
  const [part, name] = field.split('.') as ['model' | 'training', string];
  return (scenario[part] as unknown as EngineObject)[name];
}

/**
 * The scenario as written, its derived defaults unset: a sweep sets its value on it first and
 * derives them again for each point (see `sweepPointScenario`).
 */
export function unresolvedScenario(lowered: LoweredScenario): Scenario {
  const scenario = structuredClone(lowered.scenario);
  for (const field of lowered.derivedFields) {
    const [part, name] = field.split('.') as ['model' | 'training', string];
    delete (scenario[part] as unknown as EngineObject)[name];
  }
  return scenario;
}

/** Lowers a `scenario` declaration; fails quietly when something is missing or invalid (the validator says what). */
export function lowerScenario(declaration: Declaration, options?: LoweringOptions): LoweringResult {
  const lowering = new ScenarioLowering(options);
  try {
    const { scenario, issues, derivedFields } = lowering.scenario(declaration);
    lowering.record('', { node: declaration, property: 'name' });
    return { ok: true, lowered: { scenario, provenance: lowering.provenance, declaration, issues, derivedFields } };
  } catch (error) {
    if (error instanceof LoweringFailure) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Lowers any hardware or model declaration on its own (hover figures); undefined when incomplete. */
export function lowerDeclaration(declaration: Declaration): Record<string, unknown> | undefined {
  try {
    return new ScenarioLowering().declaration(declaration, declaration.kind);
  } catch (error) {
    if (error instanceof LoweringFailure) return undefined;
    throw error;
  }
}

/**
 * Where an engine field was written: the exact field, else the nearest enclosing object that has
 * a recorded origin, restricted to nodes `accept` allows (e.g. nodes of the current document).
 */
export function locateField(provenance: Map<string, Provenance>, field: string, accept: (node: AstNode) => boolean): Provenance | undefined {
  let path = field;
  for (;;) {
    const found = provenance.get(path);
    if (found && accept(found.node)) return found;
    if (path === '') return undefined;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut <= 0 ? '' : path.slice(0, cut);
  }
}
