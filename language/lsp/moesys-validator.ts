/**
 * Validation: the language's own checks (units and dimensions, ranges, unknown and duplicate
 * members, missing required members, presets, `extends`) and the engine's checks on every
 * scenario, mapped back to where the offending value was written.
 */
import { type AstNode, AstUtils, GrammarUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import {
  type Block,
  type Declaration,
  type Document,
  isBlock,
  isDeclaration,
  isEnumValue,
  isListValue,
  isProperty,
  isReferenceValue,
  isStringValue,
  isQuantity,
  isTier,
  type MoesysAstType,
  type Property,
  type Quantity,
  type Tier,
  type Value,
  type Vary,
} from '../generated/ast.js';
import { evaluateExpression, evaluateExpressionAs, literalNumber } from '../units/expressions.js';
import { declarationTree, extendsCycle, hasUnresolvedBase, type MemberTree } from '../semantics/member-tree.js';
import type { MoesysServices } from '../moesys-module.js';
import { presetNames, presetValue } from '../semantics/presets.js';
import type { BuildAnalysis } from '../analysis/build-analysis.js';
import { blockSpecOf, containerPath, homeOfProperty, type MemberContainer, propertySpecOf } from '../semantics/schema-lookup.js';
import { type BlockSpec, DECLARATION_SCHEMAS, type DeclarationKind, findBlock, findProperty, type PropertySpec } from '../semantics/schema.js';
import { resolveImport } from '../semantics/moesys-scope.js';
import { importProblem, unresolvedNames } from './missing-imports.js';
import { type Dimension, describeDimension, DIMENSIONLESS, multiply, sameDimension } from '../units/dimensions.js';
import { convertBetween, formatNumber, formatQuantity, parseUnit, unitsFor } from '../units/registry.js';
import { MAX_SWEEP_VALUES } from '../semantics/studies.js';
import { locateField, type Provenance } from '../semantics/lowering.js';
import type { EngineIssue } from '../../engine/index.js';
import { closest, shortened } from '../semantics/nearest-name.js';
import { propertyMissingValue } from '../syntax/missing-value.js';
import { userSeverity } from '../semantics/issue-severity.js';
import { implausibility, outsideTypicalRange, unitChoices, unitForBareNumber } from '../semantics/unit-suggestion.js';

export { closest };

/** Machine-readable diagnostic codes; code actions key on them. */
export const IssueCodes = {
  unknownUnit: 'unknown-unit',
  unitDimension: 'unit-dimension',
  missingUnit: 'missing-unit',
  commentInUnit: 'comment-in-unit',
  unknownProperty: 'unknown-property',
  unknownBlock: 'unknown-block',
  duplicateProperty: 'duplicate-property',
  duplicateDeclaration: 'duplicate-declaration',
  missingProperty: 'missing-property',
  outOfRange: 'out-of-range',
  implausibleValue: 'implausible-value',
  notInteger: 'not-integer',
  wrongValueKind: 'wrong-value-kind',
  unknownPreset: 'unknown-preset',
  badExtends: 'bad-extends',
  unresolvedImport: 'unresolved-import',
  badVary: 'bad-vary',
} as const;

/** Data attached to a diagnostic that a quick fix can apply. */
export interface ReplacementData {
  code: string;
  /** Text replacing the diagnostic's range. */
  replacement?: string;
  /** Title of the quick fix. */
  title?: string;
  /** An insertion elsewhere than the diagnostic's range (e.g. a missing member before `}`). */
  insert?: { position: { line: number; character: number }; text: string };
}

export function registerValidationChecks(services: MoesysServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = services.validation.MoesysValidator;
  const checks: ValidationChecks<MoesysAstType> = {
    Document: [validator.checkImports, validator.checkDuplicateDeclarations, validator.checkScenarios].map(withCode),
    Declaration: [validator.checkDeclaration].map(withCode),
    Property: [validator.checkProperty].map(withCode),
    Block: [validator.checkBlock].map(withCode),
    Tier: [validator.checkTier].map(withCode),
    Vary: [validator.checkVary].map(withCode),
    Quantity: [validator.checkQuantityUnit].map(withCode),
  };
  registry.register(checks, validator);
}

/** Every diagnostic carries its machine-readable code both as the LSP `code` and in `data`. */
function withCode<N extends AstNode>(check: (node: N, accept: ValidationAcceptor) => void) {
  return (node: N, accept: ValidationAcceptor) =>
    check(node, (severity, message, info) => {
      const code = info.code ?? (info.data as { code?: string } | undefined)?.code;
      accept(severity, message, code === undefined ? info : { ...info, code });
    });
}

/** " Did you mean …?" for a misspelled preset, ignoring case and hyphens (`nvlink4` for `nvlink-4`), a part's name first (`h200` for `h200-sxm`). */
function nearestPreset(written: string, names: readonly string[]): string {
  const bare = (name: string) => name.toLowerCase().replace(/[-_ ]/g, '');
  const exact = names.find((name) => bare(name) === bare(written));
  const extended = names.filter((name) => bare(name).startsWith(bare(written)));
  const nearest = exact ?? (extended.length === 1 ? extended[0] : closest(written, names));
  return nearest ? ` Did you mean "${nearest}"?` : '';
}

/** The required members a block (a new tier) does not write. */
function requiredLacking(spec: BlockSpec, tree: MemberTree): PropertySpec[] {
  return spec.properties.filter((property) => property.required && !tree.properties.has(property.name));
}

/** A tier a system does not have, written to change one: it is new, and needs every required member. */
function newTierMessage(label: string, name: string, baseNames: readonly string[], lacking: readonly PropertySpec[]): string {
  const nearest = closest(name, [...baseNames], Infinity);
  const change = nearest ? ` To change ${nearest === baseNames[0] ? 'the first tier' : 'the tier'} '${nearest}', write \`tier ${nearest} { … }\`.` : '';
  return `${label} has no tier '${name}' to change (its tiers: ${baseNames.map((n) => `'${n}'`).join(', ')}), so this is a new tier and needs ${lacking.map((p) => `'${p.name}'`).join(', ')}.${change}`;
}

export class MoesysValidator {
  private readonly analysis: BuildAnalysis;
  private readonly services: MoesysServices;

  constructor(services: MoesysServices) {
    this.services = services;
    this.analysis = services.analysis.BuildAnalysis;
  }

  checkImports = (document: Document, accept: ValidationAcceptor): void => {
    const langiumDocument = AstUtils.getDocument(document);
    for (const imported of document.imports) {
      if (typeof imported.path !== 'string') continue; // `import` without its string: the parser says so
      if (resolveImport(langiumDocument.uri, imported.path).toString() === langiumDocument.uri.toString()) {
        accept('warning', 'A file does not need to import itself.', { node: imported, property: 'path' });
        continue;
      }
      const problem = importProblem(imported, this.services.shared);
      if (!problem) continue;
      // Its linking errors are left out (MoesysDocumentValidator): the names are listed here.
      const names = unresolvedNames(langiumDocument);
      const listed = names.slice(0, 8).map((name) => shortened(name));
      const more = names.length > listed.length ? ` and ${names.length - listed.length} more` : '';
      const waiting = names.length > 0 ? ` Until it is found, the names this file uses and does not declare are not checked: ${listed.join(', ')}${more}.` : '';
      accept('error', `${problem}${waiting}`, { node: imported, property: 'path', data: { code: IssueCodes.unresolvedImport } });
    }
  };

  checkDuplicateDeclarations = (document: Document, accept: ValidationAcceptor): void => {
    const seen = new Map<string, Declaration>();
    for (const declaration of document.declarations) {
      if (typeof declaration.name !== 'string') continue; // a name the parser could not read: it says so
      const first = seen.get(declaration.name);
      if (first) {
        accept('error', `'${shortened(declaration.name)}' is already declared (as a ${first.kind}).`, {
          node: declaration,
          property: 'name',
          data: { code: IssueCodes.duplicateDeclaration },
          relatedInformation: related(first, 'name', 'First declared here'),
        });
      } else {
        seen.set(declaration.name, declaration);
      }
    }
  };

  checkDeclaration = (declaration: Declaration, accept: ValidationAcceptor): void => {
    const kind = declaration.kind as DeclarationKind;
    if (declaration.preset !== undefined && !presetValue(kind, declaration.preset)) {
      const names = presetNames(kind);
      accept(
        'error',
        names.length === 0
          ? `There are no ${kind} presets.`
          : `Unknown ${kind} preset "${shortened(declaration.preset)}".${nearestPreset(declaration.preset, names)} Known: ${names.map((name) => `"${name}"`).join(', ')}.`,
        { node: declaration, property: 'preset', data: { code: IssueCodes.unknownPreset } },
      );
    }
    const base = declaration.base?.ref;
    if (base && base.kind !== declaration.kind) {
      accept('error', `A ${declaration.kind} can only extend a ${declaration.kind}; '${shortened(base.name)}' is a ${base.kind}.`, {
        node: declaration,
        property: 'base',
        data: { code: IssueCodes.badExtends },
      });
      return;
    }
    if (base && extendsCycle(declaration)) {
      accept('error', `'${shortened(declaration.name)}' extends itself through '${shortened(base.name)}'.`, {
        node: declaration,
        property: 'base',
        data: { code: IssueCodes.badExtends },
      });
      return;
    }
    this.checkDuplicateMembers(declaration, accept);
    this.checkRequired(declaration, accept);
    if (kind === 'sweep') {
      const varies = declaration.members.filter((member) => member.$type === 'Vary');
      if (varies.length === 0)
        accept(
          'error',
          `${declaration.name === undefined ? 'A sweep' : `Sweep '${shortened(declaration.name)}'`} needs one \`vary path in [values]\` member.`,
          { node: declaration, property: 'name', data: { code: IssueCodes.missingProperty } },
        );
      for (const extra of varies.slice(1))
        accept('error', 'A sweep varies one property; split it into several sweeps.', { node: extra, data: { code: IssueCodes.badVary } });
    }
  };

  /** Required members missing from the effective declaration (its own, inherited or preset). */
  private checkRequired(declaration: Declaration, accept: ValidationAcceptor): void {
    const spec = DECLARATION_SCHEMAS[declaration.kind as DeclarationKind];
    const tree = declarationTree(declaration);
    const preset = tree.preset ? presetValue(declaration.kind, tree.preset.name) : undefined;
    if (tree.preset && !preset) return; // the unknown preset is the problem to report
    if (hasUnresolvedBase(declaration)) return; // so is a base that does not resolve: it may hold them
    // While the text doesn't parse or lex, members after the error are missing only because of it.
    const { parserErrors, lexerErrors } = AstUtils.getDocument(declaration).parseResult;
    if (parserErrors.length > 0 || lexerErrors.length > 0) return;
    const missing = (where: AstNode, what: string, property: PropertySpec | undefined) => {
      const detail = property ? ` (${firstSentence(property.doc)}${property.typical ? ` Typical: ${property.typical}.` : ''})` : '';
      const target = AstUtils.getDocument(where) === AstUtils.getDocument(declaration) ? where : declaration;
      const insert = property ? insertion(target, property) : undefined;
      accept('error', `${what}${detail}`, {
        node: target,
        property: target === declaration || isTier(target) ? 'name' : undefined,
        data: { code: IssueCodes.missingProperty, ...(insert ? { insert, title: `Add '${insert.text.trim()}'` } : {}) },
      });
    };
    const visit = (blockSpec: BlockSpec, blockTree: MemberTree, base: Record<string, unknown> | undefined, label: string) => {
      // A misspelled member (`activeExpert`) is reported as unknown with the name it meant; that name is not also missing.
      const names = blockSpec.properties.map((property) => property.name);
      const meant = new Set([...blockTree.properties.keys()].filter((name) => !names.includes(name)).map((name) => closest(name, names)));
      // A member whose name was read as the value of the unfinished one above it (`hiddenSize =`) is not missing either.
      for (const written of blockTree.properties.values())
        if (propertyMissingValue(written.value) && isReferenceValue(written.value)) meant.add(written.value.ref.$refText);
      for (const property of blockSpec.properties) {
        if (property.required && !blockTree.properties.has(property.name) && base?.[property.field] === undefined && !meant.has(property.name)) {
          missing(blockTree.node, `${label} is missing '${property.name}'.`, property);
        }
      }
      for (const nested of blockSpec.blocks ?? []) {
        const nestedTree = blockTree.blocks.get(nested.name);
        if (nestedTree && declaration.kind !== 'scenario') {
          visit(nested, nestedTree, base?.[nested.name] as Record<string, unknown> | undefined, `${label} ${nested.name}`);
        }
      }
      if (blockSpec.tier) {
        const baseTiers = (base?.tiers as Array<Record<string, unknown>> | undefined) ?? [];
        if (blockTree.tiers.size === 0 && baseTiers.length === 0) {
          missing(blockTree.node, `${label} needs at least one \`tier NAME { … }\` (the scale-up pod first, then scale-out).`, undefined);
        }
        const baseNames = baseTiers.map((tier) => String(tier.name));
        for (const [name, tierTree] of blockTree.tiers) {
          const baseTier = baseTiers.find((tier) => tier.name === name);
          const lacking = requiredLacking(blockSpec.tier, tierTree);
          // A tier the base does not have is new, and needs everything: most often a misnamed one the user meant to change.
          if (!baseTier && baseNames.length > 0 && lacking.length > 0) {
            missing(tierTree.node, newTierMessage(label, name, baseNames, lacking), undefined);
            continue;
          }
          visit(blockSpec.tier, tierTree, baseTier, `Tier '${name}'`);
        }
      }
    };
    visit(spec, tree, preset, `${declaration.kind} '${shortened(declaration.name ?? '')}'`);
    if (declaration.kind === 'scenario') this.checkSystemOverrideTiers(tree, missing);
  }

  /** A scenario's `system { tier … }` changes the tiers of the system it runs on; a tier that system lacks is new. */
  private checkSystemOverrideTiers(tree: MemberTree, missing: (where: AstNode, what: string, property: undefined) => void): void {
    const override = tree.blocks.get('system');
    const reference = tree.properties.get('system')?.value;
    const system = isReferenceValue(reference) ? reference.ref.ref : undefined;
    const tierSpec = DECLARATION_SCHEMAS.system.tier;
    if (!override || override.tiers.size === 0 || system?.kind !== 'system' || !tierSpec || hasUnresolvedBase(system)) return;
    const systemTree = declarationTree(system);
    const presetTiers = (systemTree.preset ? presetValue('system', systemTree.preset.name) : undefined)?.tiers as Array<{ name: string }> | undefined;
    const names = [...new Set([...(presetTiers ?? []).map((tier) => String(tier.name)), ...systemTree.tiers.keys()])];
    if (names.length === 0) return;
    for (const [name, tierTree] of override.tiers) {
      const lacking = requiredLacking(tierSpec, tierTree);
      if (!names.includes(name) && lacking.length > 0)
        missing(tierTree.node, newTierMessage(`system '${shortened(system.name)}'`, name, names, lacking), undefined);
    }
  }

  checkBlock = (block: Block, accept: ValidationAcceptor): void => {
    const outer = block.$container as MemberContainer;
    const outerSpec = blockSpecOf(outer);
    if (!outerSpec) return; // the enclosing block is already flagged
    if (!findBlock(outerSpec, block.name)) {
      const known = (outerSpec.blocks ?? []).map((nested) => nested.name);
      const property = findProperty(outerSpec, block.name);
      accept(
        'error',
        property
          ? `'${shortened(block.name)}' is a property here: write \`${block.name} = …\`.`
          : `Unknown block '${shortened(block.name)}' in ${containerPath(outer)}.${known.length ? ` Known: ${known.join(', ')}.` : ''}`,
        { node: block, property: 'name', data: { code: IssueCodes.unknownBlock } },
      );
    }
    this.checkDuplicateMembers(block, accept);
  };

  checkTier = (tier: Tier, accept: ValidationAcceptor): void => {
    const outer = tier.$container as MemberContainer;
    const outerSpec = blockSpecOf(outer);
    if (outerSpec && !outerSpec.tier) {
      accept('error', `Tiers belong in a system, not in ${containerPath(outer)}.`, { node: tier, keyword: 'tier', data: { code: IssueCodes.unknownBlock } });
    }
    this.checkDuplicateMembers(tier, accept);
  };

  private checkDuplicateMembers(container: MemberContainer, accept: ValidationAcceptor): void {
    const seen = new Map<string, Property>();
    for (const member of container.members) {
      if (member.$type !== 'Property') continue;
      const first = seen.get(member.name);
      if (first) {
        accept('error', `'${member.name}' is set twice in ${containerPath(container)}.`, {
          node: member,
          property: 'name',
          data: { code: IssueCodes.duplicateProperty },
          relatedInformation: related(first, 'name', 'First set here'),
        });
      } else {
        seen.set(member.name, member);
      }
    }
  }

  checkProperty = (property: Property, accept: ValidationAcceptor): void => {
    const container = property.$container as MemberContainer;
    const containerSpec = blockSpecOf(container);
    if (!containerSpec) return;
    // A declaration without a name is what the parser recovered after an error in its header (a
    // keyword written as a name); whose members these are is unknown, and the parser error says why.
    if (AstUtils.getContainerOfType(property, isDeclaration)?.name === undefined) return;
    const spec = findProperty(containerSpec, property.name);
    if (!spec) {
      const names = containerSpec.properties.map((candidate) => candidate.name);
      // A member of another block, written here: say where it goes rather than guess a near name.
      const home = MOVED_PROPERTIES[property.name] || findBlock(containerSpec, property.name) ? undefined : homeOfProperty(property.name, containerSpec);
      const suggestion = home ? undefined : closest(property.name, names);
      accept(
        'error',
        `Unknown property '${shortened(property.name)}' in ${containerPath(container)}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${findBlock(containerSpec, property.name) ? ` '${property.name}' is a block: write \`${property.name} { … }\`.` : ''}${home ? ` It belongs in ${home}.` : ''}${MOVED_PROPERTIES[property.name] ?? ''}`,
        {
          node: property,
          property: 'name',
          data: suggestion
            ? { code: IssueCodes.unknownProperty, replacement: suggestion, title: `Change to '${suggestion}'` }
            : { code: IssueCodes.unknownProperty },
        },
      );
      return;
    }
    if (property.value) checkValue(spec, property.value, accept);
  };

  checkQuantityUnit = (quantity: Quantity, accept: ValidationAcceptor): void => {
    if (quantity.unit && !parseUnit(quantity.unit)) {
      const property = propertyOfQuantity(quantity);
      const dimension = property?.type.kind === 'quantity' ? property.type.dimension : undefined;
      const plain = dimension !== undefined && sameDimension(dimension, DIMENSIONLESS);
      // A plain number takes no unit (a fraction also takes %): suggesting '%' for `gpuCount = 8 GPUs` would be wrong.
      const fraction = plain && !(property?.type.kind === 'quantity' && property.type.integer);
      const candidates = dimension && !plain ? unitsFor(dimension) : fraction ? ['%'] : [];
      const suggestion = plain && !fraction ? undefined : closest(quantity.unit, candidates.length ? candidates : ALL_COMMON_UNITS, 3);
      const takes =
        !property || !dimension
          ? ''
          : plain
            ? ` '${property.name}' is a plain number${fraction ? ' (or a percentage, with %)' : ''}: write it without a unit.`
            : ` '${property.name}' takes ${unitChoices(dimension)}.`;
      accept('error', `Unknown unit '${shortened(quantity.unit)}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${takes}`, {
        node: quantity,
        property: 'unit',
        data: suggestion
          ? { code: IssueCodes.unknownUnit, replacement: suggestion, title: `Change unit to '${suggestion}'` }
          : { code: IssueCodes.unknownUnit },
      });
    }
    // `3 Gb//s`: the comment starts right after the unit and silently cuts it.
    const cst = quantity.$cstNode;
    const text = cst ? AstUtils.getDocument(quantity).textDocument.getText() : '';
    if (cst && quantity.unit && text.startsWith('//', cst.end)) {
      accept('warning', `'//' right after '${quantity.unit}' starts a comment; the unit ends at '${quantity.unit}'. Use a single '/' for "per".`, {
        node: quantity,
        property: 'unit',
        data: { code: IssueCodes.commentInUnit },
      });
    }
  };

  checkVary = (vary: Vary, accept: ValidationAcceptor): void => {
    const declaration = vary.$container;
    if (!isDeclaration(declaration) || declaration.kind !== 'sweep') {
      accept('error', '`vary` belongs in a sweep.', { node: vary, keyword: 'vary', data: { code: IssueCodes.badVary } });
      return;
    }
    if (vary.path.length === 0 || vary.path.some((segment) => typeof segment !== 'string')) return; // a hole in the path: the parser says where
    const resolved = this.analysis.sweepPath(vary);
    if (!resolved) return; // the scenario is reported as missing or unresolved
    if (!resolved.ok) {
      accept('error', resolved.message, { node: vary, property: 'path', data: { code: IssueCodes.badVary } });
      return;
    }
    const count = sweepPointCount(vary, resolved.spec.type.kind === 'quantity' ? resolved.spec.type.dimension : DIMENSIONLESS);
    if (count !== undefined && count > MAX_SWEEP_VALUES) {
      accept(
        'error',
        `A sweep evaluates at most ${formatNumber(MAX_SWEEP_VALUES)} values; this one has ${count === Infinity ? 'no end' : formatNumber(count)}. Use ${vary.values ? 'fewer values' : vary.factor ? 'a larger factor' : 'a coarser step'}.`,
        { node: vary, property: vary.values ? 'values' : 'from', data: { code: IssueCodes.badVary } },
      );
      return; // its values are not checked one by one either
    }
    // `times` takes a plain factor; everything else takes the property's own dimension.
    const values: Value[] = vary.values ? vary.values.items : [vary.from, vary.to, vary.step].filter((value): value is Quantity => !!value);
    for (const value of values) checkValue(resolved.spec, value, accept);
    if (vary.factor) {
      const factor = evaluateExpression(vary.factor);
      if (factor.ok && factor.quantity.value <= 1)
        accept('error', '`times` must be greater than 1.', { node: vary, property: 'factor', data: { code: IssueCodes.outOfRange } });
    }
    if (vary.values && vary.values.items.length === 0)
      accept('error', 'The list of values is empty.', { node: vary, property: 'values', data: { code: IssueCodes.badVary } });
  };

  /** Engine checks of every scenario in the document, each reported once where it was written. */
  checkScenarios = (document: Document, accept: ValidationAcceptor): void => {
    // One diagnostic per issue and place; the scenarios that share it are named together.
    const reported = new Map<string, { scenarios: string[]; report: (scenarios: string[]) => void }>();
    for (const declaration of document.declarations) {
      if (declaration.kind !== 'scenario') continue;
      // A member the schema does not know (`tensorParalel = 8`) has its own error, and the engine ran
      // without it: its figures are not of the scenario meant, and would be a second diagnostic.
      if (drawsOnUnknownMember(declaration)) continue;
      const analysis = this.analysis.scenario(declaration);
      if (!analysis.lowered) continue;
      const provenance = analysis.lowered.provenance;
      const inThisDocument = (node: AstNode) => AstUtils.getDocument(node) === AstUtils.getDocument(declaration) && node !== document;
      for (const issue of analysis.issues) {
        const where = ownPlace(declaration, placeOfIssue(provenance, issue, inThisDocument), issue.field);
        // One diagnostic per root cause: a written value the language's own check refuses
        // already carries its message; the engine's check of the same number is not repeated.
        if (isProperty(where.node) && languageRefuses(where.node)) continue;
        const key = `${issue.code}|${issue.message}|${where.node.$cstNode?.offset}|${where.property}`;
        const earlier = reported.get(key);
        if (earlier) {
          if (declaration.name !== undefined) earlier.scenarios.push(shortened(declaration.name));
          continue;
        }
        const relatedInformation = (issue.related ?? []).flatMap((field) => {
          const origin = locateField(provenance, field, () => true);
          if (!origin) return [];
          // The value as written and the declaration it belongs to, in the user's words.
          const owner = AstUtils.getContainerOfType(origin.node, isDeclaration);
          const where = owner?.name !== undefined ? ` (${owner.kind} ${shortened(owner.name)})` : '';
          const written = isProperty(origin.node)
            ? (origin.node.$cstNode?.text.replace(/\s*;$/, '') ?? origin.node.name)
            : field.slice(field.lastIndexOf('.') + 1);
          return related(origin.node, origin.property, `${written}${where}`);
        });
        // Fields not written each fall back to the declaration that holds them: say it once.
        const seen = new Set<string>();
        const distinctRelated = relatedInformation.filter((info) => {
          const key = `${info.location.uri}|${info.location.range.start.line}:${info.location.range.start.character}|${info.message}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        const named = !(where.node === declaration || where.node.$container === declaration || declaration.name === undefined);
        reported.set(key, {
          scenarios: named ? [shortened(declaration.name!)] : [],
          report: (scenarios) => {
            const note = scenarios.length === 0 ? '' : ` (scenario${scenarios.length > 1 ? 's' : ''} ${scenarios.join(', ')})`;
            accept(userSeverity(issue), `${issue.message}${note}`, {
              node: where.node,
              property: where.property,
              code: issue.code,
              data: { code: issue.code },
              relatedInformation: distinctRelated,
            });
          },
        });
      }
    }
    for (const { scenarios, report } of reported.values()) report(scenarios);
  };
}

/** Whether a declaration, or one it names or extends, has a member that no schema block knows. */
function drawsOnUnknownMember(start: Declaration): boolean {
  const seen = new Set<Declaration>();
  const visit = (declaration: Declaration | undefined): boolean => {
    if (!declaration || seen.has(declaration)) return false;
    seen.add(declaration);
    for (const node of AstUtils.streamAllContents(declaration)) {
      if (!isProperty(node)) continue;
      if (!propertySpecOf(node)) return true;
      const target = isReferenceValue(node.value) ? node.value.ref.ref : undefined;
      if (isDeclaration(target) && visit(target)) return true;
    }
    return visit(declaration.base?.ref);
  };
  return visit(start);
}

/** The language's own value check reports a problem with this written property. */
function languageRefuses(property: Property): boolean {
  const spec = propertySpecOf(property);
  if (!spec || !property.value) return false;
  let refused = false;
  checkValue(spec, property.value, ((severity: 'error' | 'warning' | 'info' | 'hint') => {
    if (severity === 'error') refused = true;
  }) as ValidationAcceptor);
  return refused;
}

/** How many values a `vary` takes (a range counted without walking it); undefined when its ends don't evaluate. */
function sweepPointCount(vary: Vary, dimension: Dimension): number | undefined {
  if (vary.values) return vary.values.items.length;
  const from = vary.from && evaluateExpressionAs(vary.from, dimension);
  const to = vary.to && evaluateExpressionAs(vary.to, dimension);
  if (!from?.ok || !to?.ok) return undefined;
  const start = from.quantity.value,
    end = to.quantity.value;
  if (end < start) return 0;
  if (vary.factor) {
    const factor = evaluateExpression(vary.factor);
    if (!factor.ok || factor.quantity.value <= 1 || start <= 0) return undefined;
    return Math.floor((Math.log(end) - Math.log(start)) / Math.log(factor.quantity.value) + 1e-9) + 1;
  }
  if (!vary.step) return 5; // from … to … alone: five points
  const step = evaluateExpressionAs(vary.step, dimension);
  if (!step.ok || step.quantity.value <= 0) return undefined;
  return Math.floor((end - start) / step.quantity.value + 1e-9) + 1;
}

/**
 * The same literal with `/s` added (a size written for a rate) or removed (a rate written for a
 * size), when that gives the expected dimension (bits and bytes convert): `32 GB` → `32 GB/s`.
 */
/** `1e12` of tokens as a person writes it, `1 Ttokens`; a plain unit keeps the number as written. */
function exampleOf(si: number, unit: string, dimension: Dimension): string {
  const scaled = formatQuantity(si, dimension);
  return scaled.endsWith(unit) ? scaled : `${si} ${unit}`;
}

function perSecondFix(value: Value, written: Dimension, expected: Dimension): string | undefined {
  // A time where a fraction belongs is a mistake of its own, never a rate per second (`80 us/s`).
  if (!isQuantity(value) || !value.unit || sameDimension(expected, DIMENSIONLESS)) return undefined;
  const text = value.$cstNode?.text ?? '';
  if (convertBetween(1, multiply(written, { second: -1 }), expected) !== undefined) return `${text}/s`;
  if (value.unit.endsWith('/s') && convertBetween(1, multiply(written, { second: 1 }), expected) !== undefined) return text.replace(/\s*\/\s*s$/, '');
  // `5 pJ` for an energy per bit: the `/bit` was forgotten.
  if (convertBetween(1, multiply(written, { bit: -1 }), expected) !== undefined) return `${text}/bit`;
  // `1 TB` of training tokens: the prefix was meant, the byte was not.
  const tokens = /^([TGM]?)B$/.exec(value.unit);
  // A bare `B` is the billion of "100B tokens".
  if (tokens && sameDimension(expected, { token: 1 }) && sameDimension(written, { byte: 1 })) return text.replace(/B$/, tokens[1] ? 'tokens' : 'Btokens');
  return undefined;
}

/**
 * Where an engine issue was written: its field, or, for a field the engine derived (`dataParallel`
 * from the GPUs left), its first related field where this document writes it (`expertsPerDpRank =
 * 2`), which every scenario sharing the training then reports at one place, once.
 */
function placeOfIssue(provenance: Map<string, Provenance>, issue: EngineIssue, inThisDocument: (node: AstNode) => boolean) {
  const exact = provenance.get(issue.field);
  const first = issue.related?.[0];
  const written = first === undefined ? undefined : provenance.get(first);
  if ((!exact || !inThisDocument(exact.node)) && written && isProperty(written.node) && inThisDocument(written.node)) return written;
  return locateField(provenance, issue.field, inThisDocument);
}

/**
 * Where a scenario's engine issue is reported: where its field was written, unless that is inside
 * another scenario this one extends (its `training = t`), whose line would carry this scenario's
 * problem; then this scenario's own block for the field (`training { … }`) or its name.
 */
function ownPlace(scenario: Declaration, found: { node: AstNode; property?: string } | undefined, field: string): { node: AstNode; property?: string } {
  const owner = found && AstUtils.getContainerOfType(found.node, isDeclaration);
  if (found && (owner === scenario || owner?.kind !== 'scenario')) return found;
  const group = field.split(/[.[]/)[0];
  const block = scenario.members.find((member) => isBlock(member) && member.name === group);
  return block ? { node: block, property: 'name' } : { node: scenario, property: 'name' };
}

/** A quantity far outside anything built: name the range and, when one fits, the unit probably meant. */
function warnIfImplausible(spec: PropertySpec, value: Value, si: number, accept: ValidationAcceptor): void {
  if (spec.type.kind !== 'quantity') return;
  const dimension = spec.type.dimension;
  const literal = isQuantity(value) && value.unit ? value : undefined;
  const writtenText = literal ? `${literal.negative ? '-' : ''}${literal.number}` : undefined;
  const written = literal ? (literal.negative ? -1 : 1) * literalNumber(literal) : undefined;
  const shown = literal?.$cstNode?.text ?? formatQuantity(si, dimension);
  const warn = (message: string, meant: string | undefined) =>
    accept('warning', message, {
      node: value,
      data: meant ? { code: IssueCodes.implausibleValue, replacement: meant, title: `Change to ${meant}` } : { code: IssueCodes.implausibleValue },
    });
  const found = implausibility(spec, si, written);
  if (found) {
    const times = found.orders < 4 ? `${formatNumber(Number((10 ** found.orders).toPrecision(2)))}×` : `${Math.floor(found.orders)} orders of magnitude`;
    const meant = found.unit && writtenText ? `${writtenText} ${found.unit}` : undefined;
    const where = found.below ? 'below' : 'above';
    warn(
      `'${spec.name}' = ${shown} is ${times} ${where} its typical range (${spec.typical}); ` + (meant ? `did you mean ${meant}?` : 'check the unit.'),
      meant,
    );
    return;
  }
  // Bits written for bytes (or bytes for bits) convert, 8 to 1; said aloud when that leaves the typical range and the other one fits.
  const writtenDimension = literal?.unit ? parseUnit(literal.unit)?.dimension : undefined;
  if (!writtenDimension || sameDimension(writtenDimension, dimension) || !outsideTypicalRange(spec, si) || written === undefined) return;
  const unit = unitForBareNumber(spec, written);
  if (!unit) return;
  const meant = `${writtenText} ${unit}`;
  warn(
    `'${spec.name}' = ${shown} is ${formatQuantity(si, dimension)} (8 bits a byte), outside its typical range (${spec.typical}); did you mean ${meant}?`,
    meant,
  );
}

/** Checks one value against its property's type. Exported for sweeps and tests. */
export function checkValue(spec: PropertySpec, value: Value, accept: ValidationAcceptor): void {
  // The linker has said that the value is not written yet.
  if (propertyMissingValue(value)) return;
  const type = spec.type;
  const wrong = (expected: string) => accept('error', `'${spec.name}' takes ${expected}.`, { node: value, data: { code: IssueCodes.wrongValueKind } });
  switch (type.kind) {
    case 'quantity': {
      if (isEnumValue(value) || isReferenceValue(value) || isStringValue(value) || isListValue(value)) {
        wrong(sameDimension(type.dimension, DIMENSIONLESS) ? 'a number' : `a quantity in ${describeDimension(type.dimension)}`);
        return;
      }
      // A byte rate where a bit rate belongs (and any bit/byte pair) converts: 450 GB/s is 3.6 Tb/s.
      const evaluation = evaluateExpressionAs(value, type.dimension);
      if (!evaluation.ok) {
        const { node, property, message, code } = evaluation.error;
        // Unknown units are reported on the literal itself, holes by the parser.
        if (code !== 'unknown-unit' && code !== 'incomplete' && node) accept('error', message, { node, property, data: { code } });
        return;
      }
      const { value: si, dimension } = evaluation.quantity;
      if (!sameDimension(dimension, type.dimension)) {
        const expected = describeDimension(type.dimension);
        if (sameDimension(dimension, DIMENSIONLESS)) {
          // Guess only a unit that makes the number typical for this property; else list the choices.
          const unit = unitForBareNumber(spec, si);
          accept(
            'error',
            unit
              ? `'${spec.name}' needs a unit of ${expected}, e.g. ${exampleOf(si, unit, type.dimension)} (typical: ${spec.typical}).`
              : `'${spec.name}' needs a unit of ${expected}: ${unitChoices(type.dimension)}.`,
            {
              node: value,
              data: { code: IssueCodes.missingUnit, ...(unit ? { replacement: `${value.$cstNode?.text ?? si} ${unit}`, title: `Add unit '${unit}'` } : {}) },
            },
          );
          return;
        }
        // `32 GB` for a bandwidth: the rate was meant, `/s` forgotten (or one too many for a size).
        const suggestion = perSecondFix(value, dimension, type.dimension);
        accept('error', `'${spec.name}' expects ${expected}, got ${describeDimension(dimension)}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, {
          node: value,
          data: suggestion
            ? { code: IssueCodes.unitDimension, replacement: suggestion, title: `Convert to ${suggestion}` }
            : { code: IssueCodes.unitDimension },
        });
        return;
      }
      // A fraction written in per cent is answered in per cent.
      const inPercent = isQuantity(value) && value.unit === '%';
      const shown = (n: number) =>
        inPercent ? `${Number((n * 100).toPrecision(6))} %` : sameDimension(type.dimension, DIMENSIONLESS) ? String(n) : formatQuantity(n, type.dimension);
      if (type.integer && Math.abs(si - Math.round(si)) > 1e-9 * Math.max(1, Math.abs(si))) {
        accept('error', `'${spec.name}' must be a whole number, got ${si}.`, { node: value, data: { code: IssueCodes.notInteger } });
      }
      if (type.min !== undefined && (type.exclusiveMin ? si <= type.min : si < type.min)) {
        const leaveOut = !spec.required && spec.defaultNote ? ` Leaving it out means ${spec.defaultNote}.` : '';
        accept('error', `'${spec.name}' must be ${type.exclusiveMin ? 'greater than' : 'at least'} ${shown(type.min)}, got ${shown(si)}.${leaveOut}`, {
          node: value,
          data: { code: IssueCodes.outOfRange },
        });
      } else if (type.max !== undefined && (type.exclusiveMax ? si >= type.max : si > type.max)) {
        const bound = type.exclusiveMax ? 'less than' : 'at most';
        // A fraction up to 1 written as a bare per-cent number (`computeEfficiency = 80`): the per cent was meant.
        const percent =
          type.max === 1 && !inPercent && sameDimension(type.dimension, DIMENSIONLESS) && isQuantity(value) && !value.unit && si > 1 && si <= 100
            ? `${si} %`
            : undefined;
        accept('error', `'${spec.name}' must be ${bound} ${shown(type.max)}, got ${shown(si)}.${percent ? ` Did you mean ${percent} (${si / 100})?` : ''}`, {
          node: value,
          data: percent ? { code: IssueCodes.outOfRange, replacement: percent, title: `Change to ${percent}` } : { code: IssueCodes.outOfRange },
        });
      } else {
        warnIfImplausible(spec, value, si, accept);
      }
      return;
    }
    case 'enum':
      // An unknown bare word parses as a reference, and its linking error already names the words.
      if (isReferenceValue(value) && !value.ref.ref) return;
      if (!isEnumValue(value) || !(value.value in type.values)) wrong(`one of ${Object.keys(type.values).join(', ')}`);
      return;
    case 'boolean':
      // An unknown bare word (`yes`) parses as a reference, and its linking error already says true or false.
      if (isReferenceValue(value) && !value.ref.ref) return;
      if (!isEnumValue(value) || (value.value !== 'true' && value.value !== 'false')) wrong('true or false');
      return;
    case 'reference':
      if (!isReferenceValue(value)) wrong(`the name of a ${type.target}`);
      return;
    case 'references':
      if (!isListValue(value) || value.items.some((item) => !isReferenceValue(item))) wrong(`a list of ${type.target} names, e.g. [a, b]`);
      return;
  }
}

/** Where and what to insert for a missing member: after the last member on a one-line block, else a line before `}`. */
function insertion(container: AstNode, property: PropertySpec): ReplacementData['insert'] {
  const cst = container.$cstNode;
  const open = cst ? GrammarUtils.findNodeForKeyword(cst, '{') : undefined;
  const close = cst ? GrammarUtils.findNodeForKeyword(cst, '}') : undefined;
  const value = exampleValue(property);
  if (!cst || !open || !close || value === undefined) return undefined;
  const member = `${property.name} = ${value}`;
  if (open.range.start.line === close.range.start.line) {
    const members = (container as { members?: AstNode[] }).members ?? [];
    const last = members[members.length - 1]?.$cstNode?.range.end;
    return last ? { position: last, text: `; ${member}` } : { position: open.range.end, text: ` ${member}` };
  }
  const text = AstUtils.getDocument(container).textDocument.getText();
  const lineStart = text.lastIndexOf('\n', cst.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return { position: { line: close.range.start.line, character: 0 }, text: `${indent}    ${member}\n` };
}

/** A plausible value to start from: the low end of the typical range, a default word, or nothing. */
function exampleValue(property: PropertySpec): string | undefined {
  const type = property.type;
  if (type.kind === 'enum') return Object.keys(type.values)[0];
  if (type.kind === 'boolean') return 'true';
  if (type.kind !== 'quantity' || !property.typical) return undefined;
  const low = property.typical.split('…')[0].trim();
  return /^[\d._]+(\s+[A-Za-z%][\w/%]*)?$/.test(low) && parseQuantityText(low) ? low : undefined;
}

function parseQuantityText(text: string): boolean {
  const [, unit] = text.split(/\s+/);
  return !unit || parseUnit(unit) !== undefined;
}

function propertyOfQuantity(quantity: Quantity): PropertySpec | undefined {
  let node: AstNode | undefined = quantity;
  while (node && node.$type !== 'Property' && node.$type !== 'Vary') node = node.$container;
  return node?.$type === 'Property' ? propertySpecOf(node as Property) : undefined;
}

const ALL_COMMON_UNITS = [
  'b',
  'B',
  'Gb',
  'GB',
  'Tb',
  'TB',
  'Gb/s',
  'GB/s',
  'Tb/s',
  'TB/s',
  'PFLOPS',
  'TFLOPS',
  'pJ/bit',
  'W',
  'kW',
  'ns',
  'us',
  'ms',
  's',
  'min',
  'h',
  'days',
  'mm',
  'mm2',
  'm',
  'km',
  'tokens',
  'GiB',
  'MiB',
  '%',
];

/** Properties an earlier version, or another tool, names where this language does not, with what to write. */
const EXPERT_PARALLEL_NOTE =
  ' Expert parallelism follows from expertsPerDpRank: EP = experts / expertsPerDpRank (128 experts with expertsPerDpRank = 16 give EP 8).';
const MOVED_PROPERTIES: Readonly<Partial<Record<string, string>>> = {
  overlapGradientSync: ' It is a setting of the training job now: write `gradientSyncOverlap = false` in its training.',
  expertParallel: EXPERT_PARALLEL_NOTE,
  expertParallelism: EXPERT_PARALLEL_NOTE,
  expertModelParallelSize: EXPERT_PARALLEL_NOTE,
};

/** Related information pointing at a node's property (or the whole node), in whatever document it lives. */
function related(node: AstNode, property: string | undefined, message: string): DiagnosticRelatedInformation[] {
  const document = AstUtils.getDocument(node);
  const cst = (property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined) ?? node.$cstNode;
  return cst ? [{ location: { uri: document.uri.toString(), range: cst.range }, message }] : [];
}

function firstSentence(text: string): string {
  const end = text.search(/\.\s+[A-Z]/);
  return end < 0 ? text.replace(/\.$/, '') + '.' : text.slice(0, end + 1);
}
