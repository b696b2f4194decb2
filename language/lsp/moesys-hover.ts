/**
 * Hover: property docs with dimension, typical range and default plus the written value in SI;
 * derived figures (a tier's I/O power per GPU); scenario headline results from the engine.
 */
import { type AstNode, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { countParameters, totalEnergyPerBit, type LinkTechnology, type ModelSpec } from '../../engine/index.js';
import {
  type Declaration,
  isBinaryExpression,
  isBlock,
  isDeclaration,
  isEnumValue,
  isParenthesizedExpression,
  isProperty,
  isQuantity,
  isReferenceValue,
  isTier,
  isVary,
} from '../generated/ast.js';
import { evaluateExpression } from '../units/expressions.js';
import { lowerDeclaration } from '../semantics/lowering.js';
import type { MoesysServices } from '../moesys-module.js';
import { type BuildAnalysis, sweptScenario } from '../analysis/build-analysis.js';
import { blockSpecOf, propertyOfValue, propertySpecOf } from '../semantics/schema-lookup.js';
import { DECLARATION_SCHEMAS, type DeclarationKind, type PropertySpec } from '../semantics/schema.js';
import { describeDimension, DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { convertBetween, formatNumber, formatQuantity } from '../units/registry.js';

const BIT_RATE = { bit: 1, second: -1 };
import { blockMarkdown, propertyMarkdown } from './property-docs.js';
import { formatDuration, resultMarkdown } from './scenario-summary.js';
import { declarationSummary } from './declaration-summary.js';
import type { StudyResult } from '../semantics/studies.js';

export class MoesysHoverProvider extends AstNodeHoverProvider {
  private readonly analysis: BuildAnalysis;
  private readonly services: MoesysServices;

  constructor(services: MoesysServices) {
    super(services);
    this.services = services;
    this.analysis = services.analysis.BuildAnalysis;
  }

  override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(params.position);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    if (!leaf || leaf.hidden) return undefined;
    const node = leaf.astNode;
    const content = this.hoverFor(node);
    if (content) return { contents: { kind: 'markdown', value: content }, range: leaf.range };
    return super.getHoverContent(document, params);
  }

  private hoverFor(node: AstNode): string | undefined {
    if (isDeclaration(node)) return this.declarationHover(node);
    if (isTier(node)) return blockSpecOf(node) ? blockMarkdown(blockSpecOf(node)!) : undefined;
    if (isBlock(node)) {
      const spec = blockSpecOf(node);
      return spec ? blockMarkdown(spec) : undefined;
    }
    if (isProperty(node)) {
      const spec = propertySpecOf(node);
      return spec ? `${propertyMarkdown(spec)}${this.valueDetails(spec, node)}` : undefined;
    }
    if (isVary(node)) {
      const resolved = this.analysis.sweepPath(node);
      return resolved?.ok ? `Sweeps \`${node.path.join('.')}\` of \`${sweptScenario(node)!.name}\`.\n\n${propertyMarkdown(resolved.spec)}` : undefined;
    }
    if (isReferenceValue(node)) {
      const target = node.ref.ref;
      if (!isDeclaration(target)) return undefined;
      return this.declarationHover(target) + this.linkPowerAtTier(node.$container, target);
    }
    const property = propertyOfValue(node);
    const spec = property ? propertySpecOf(property) : undefined;
    if (isEnumValue(node)) return spec ? propertyMarkdown(spec) : undefined;
    if ((isQuantity(node) || isBinaryExpression(node) || isParenthesizedExpression(node)) && property) {
      const whole = property.value;
      if (!whole || !(isQuantity(whole) || isBinaryExpression(whole) || isParenthesizedExpression(whole))) return undefined;
      const evaluation = evaluateExpression(whole);
      if (!evaluation.ok) return undefined;
      const { value, dimension } = evaluation.quantity;
      // The SI value once, for the whole value; a literal inside arithmetic shows only its own reading.
      const literal = isQuantity(node) && node !== whole ? evaluateExpression(node) : undefined;
      const lines: string[] = [];
      if (literal?.ok) lines.push(`This literal: ${formatQuantity(literal.quantity.value, literal.quantity.dimension, 6)}`);
      lines.push(`Value of \`${property.name}\`: ${formatSi(value, dimension)}`);
      if (spec) lines.push(propertyMarkdown(spec) + this.valueDetails(spec, property, false));
      return lines.join('\n\n');
    }
    return undefined;
  }

  private declarationHover(declaration: Declaration): string {
    const spec = DECLARATION_SCHEMAS[declaration.kind as DeclarationKind];
    const comment = this.services.documentation.CommentProvider.getComment(declaration);
    const documentation = comment
      ? comment
          .replace(/^\/\*\*?|\*\/$/g, '')
          .split('\n')
          .map((line) => line.replace(/^\s*\*\s?/, ''))
          .join('\n')
          .trim()
      : '';
    const lines = [`**${declaration.kind}**${declaration.name === undefined ? '' : ` \`${declaration.name}\``}`];
    if (declaration.base?.ref) lines.push(`extends \`${declaration.base.ref.name}\``);
    if (declaration.preset) lines.push(`from preset \`${declaration.preset}\``);
    const summary = declaration.kind === 'link' ? '' : declarationSummary(declaration);
    if (summary) lines.push('', summary);
    if (documentation) lines.push('', documentation);
    if (declaration.kind === 'scenario') {
      const analysis = this.analysis.scenario(declaration);
      if (analysis.result) lines.push('', resultMarkdown(analysis.result));
      else if (analysis.issues.length)
        lines.push(
          '',
          `Not evaluated: ${analysis.issues
            .filter((issue) => issue.severity === 'error')
            .map((issue) => issue.message)
            .join('; ')}`,
        );
      else if (analysis.loweringFailure) lines.push('', `Not evaluated: ${analysis.loweringFailure}.`);
    } else if (declaration.kind === 'link') {
      const link = lowerDeclaration(declaration) as LinkTechnology | undefined;
      if (link)
        lines.push(
          '',
          `Total ${formatQuantity(totalEnergyPerBit(link), { joule: 1, bit: -1 })} per end: SerDes ${formatQuantity(link.serdesEnergyPerBit, { joule: 1, bit: -1 })}, optics ${formatQuantity(link.opticsEnergyPerBit, { joule: 1, bit: -1 })}, laser ${formatQuantity(link.laserEnergyPerBit, { joule: 1, bit: -1 })}.`,
        );
    } else if (declaration.kind === 'model') {
      const model = lowerDeclaration(declaration) as Partial<ModelSpec> | undefined;
      if (model) {
        // The same derived defaults the scenario lowering applies.
        model.kvHeads ??= model.attentionHeads;
        model.ffnHidden ??= 4 * (model.hiddenSize ?? 0);
        try {
          const counts = countParameters(model as ModelSpec);
          // Counts too large for a double (1e308 experts) say nothing: no line rather than "Infinity T".
          if (Object.values(counts).every((count) => typeof count !== 'number' || Number.isFinite(count)))
            lines.push(
              '',
              `Parameters: **${formatNumber(counts.total / 1e12, 3)} T** total, ${formatNumber(counts.active / 1e9, 3)} B active per token (attention ${formatNumber(counts.attention / 1e9, 3)} B, experts ${formatNumber(counts.experts / 1e9, 3)} B, embeddings ${formatNumber(counts.embedding / 1e9, 3)} B).`,
            );
        } catch {
          // An inconsistent model is reported by validation; the hover just has no counts.
        }
      }
    } else if (declaration.kind === 'compare' || declaration.kind === 'sweep') {
      const study = this.analysis.study(declaration);
      lines.push('', study ? studyMarkdown(study) : (spec?.doc ?? ''));
    } else if (spec) {
      lines.push('', spec.doc);
    }
    return lines.join('\n');
  }

  /** For `link = x` inside a tier: the I/O power per GPU of that link at the tier's bandwidth. */
  private linkPowerAtTier(property: AstNode | undefined, target: Declaration): string {
    if (!isProperty(property) || property.name !== 'link' || !isTier(property.$container) || target.kind !== 'link') return '';
    const bandwidthProperty = property.$container.members.find((member) => isProperty(member) && member.name === 'bandwidth');
    const bandwidth =
      isProperty(bandwidthProperty) && bandwidthProperty.value && (isQuantity(bandwidthProperty.value) || isBinaryExpression(bandwidthProperty.value))
        ? evaluateExpression(bandwidthProperty.value)
        : undefined;
    const link = lowerDeclaration(target) as LinkTechnology | undefined;
    const bitRate = bandwidth?.ok ? convertBetween(bandwidth.quantity.value, bandwidth.quantity.dimension, BIT_RATE) : undefined;
    if (bitRate === undefined || !link) return '';
    const watts = bitRate * totalEnergyPerBit(link);
    return `\n\nAt this tier's ${formatQuantity(bitRate, BIT_RATE)} per GPU: **${formatQuantity(watts, { joule: 1, second: -1 })}** of I/O power per GPU at line rate.`;
  }

  /** The written value in SI and derived figures for a few properties. */
  private valueDetails(spec: PropertySpec, property: import('../generated/ast.js').Property, withWritten = true): string {
    const value = property.value;
    if (
      !value ||
      spec.type.kind !== 'quantity' ||
      isEnumValue(value) ||
      isReferenceValue(value) ||
      value.$type === 'StringValue' ||
      value.$type === 'ListValue'
    )
      return '';
    const evaluation = evaluateExpression(value);
    if (!evaluation.ok) return '';
    const { value: si, dimension } = evaluation.quantity;
    const parts = withWritten ? [`\n\nWritten: ${formatSi(si, dimension)}`] : [''];
    // A value in the wrong dimension (`450 GB` for a bandwidth) has its error; no figure is derived from it.
    const asBitRate = convertBetween(si, dimension, BIT_RATE);
    if (spec.name === 'bandwidth' && isTier(property.$container) && asBitRate !== undefined) {
      const linkValue = property.$container.members.find((member) => isProperty(member) && member.name === 'link');
      const link =
        isProperty(linkValue) && isReferenceValue(linkValue.value) && isDeclaration(linkValue.value.ref.ref)
          ? (lowerDeclaration(linkValue.value.ref.ref) as LinkTechnology | undefined)
          : undefined;
      const domain = property.$container.members.find((member) => isProperty(member) && member.name === 'domainSize');
      const domainValue = isProperty(domain) && domain.value && isQuantity(domain.value) ? evaluateExpression(domain.value) : undefined;
      if (domainValue?.ok) {
        parts.push(
          `Aggregate of the domain: ${formatNumber(domainValue.quantity.value)} × ${formatQuantity(si, dimension)} = **${formatQuantity(si * domainValue.quantity.value, dimension)}**`,
        );
      }
      if (link) {
        // A byte rate (`450 GB/s`) is 8 bits a byte on the wire.
        const watts = asBitRate * totalEnergyPerBit(link);
        parts.push(
          `I/O power per GPU at line rate over \`${link.name}\`: **${formatQuantity(watts, { joule: 1, second: -1 })}** (${formatQuantity(asBitRate, BIT_RATE)} × ${formatQuantity(totalEnergyPerBit(link), { joule: 1, bit: -1 })})`,
        );
      }
    }
    return parts.join('\n\n');
  }

  protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
    if (isDeclaration(node)) return this.declarationHover(node);
    return undefined;
  }
}

function studyMarkdown(study: StudyResult): string {
  if (study.kind === 'compare') {
    const rows = study.rows.map(
      (row) =>
        `| ${row.scenario} | ${row.timeRatio !== undefined ? formatNumber(row.timeRatio, 3) : '–'} | ${row.energyRatio !== undefined ? formatNumber(row.energyRatio, 3) : '–'} | ${row.timeToTrainSeconds !== undefined ? formatDuration(row.timeToTrainSeconds) : 'not evaluated'} |`,
    );
    return [`Relative to \`${study.baseline}\`:`, '', '| scenario | time × | energy × | time to train |', '|---|---|---|---|', ...rows].join('\n');
  }
  const rows = study.points.map(
    (point) =>
      `| ${point.label} | ${point.timeToTrainSeconds !== undefined ? formatDuration(point.timeToTrainSeconds) : '–'} | ${point.mfu !== undefined ? `${formatNumber(point.mfu * 100, 3)}%` : '–'} | ${point.feasible ? 'yes' : 'no'} |`,
  );
  return [`\`${study.scenario}\` over \`${study.path}\`:`, '', `| ${study.path} | time to train | MFU | feasible |`, '|---|---|---|---|', ...rows].join('\n');
}

function formatSi(value: number, dimension: import('../units/dimensions.js').Dimension): string {
  if (sameDimension(dimension, DIMENSIONLESS)) return formatNumber(value, 6);
  const si =
    Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3)
      ? value
          .toExponential()
          .replace(/\.?0+e/, 'e')
          .replace('e+', 'e')
      : String(value);
  const described = describeDimension(dimension);
  return `${formatQuantity(value, dimension, 6)} = ${si} in SI, ${/^[aeiou]/i.test(described) ? 'an' : 'a'} ${described}`;
}
