/**
 * Inlay hints: headline results after each scenario's name, and the value of arithmetic
 * (`16 * 36 GB` → `= 576 GB`). Turned off with the `moesys.inlayHints.enabled` setting.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import type { CancellationToken, InlayHint, InlayHintParams } from 'vscode-languageserver';
import { InlayHintKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { evaluateExpression } from '../units/expressions.js';
import type { MoesysServices } from '../moesys-module.js';
import type { BuildAnalysis } from '../analysis/build-analysis.js';
import { DIMENSIONLESS, type Dimension, sameDimension } from '../units/dimensions.js';
import { formatNumber, formatQuantity, parseUnit } from '../units/registry.js';
import { headline } from './scenario-summary.js';
import { GrammarUtils } from 'langium';

export class MoesysInlayHintProvider extends AbstractInlayHintProvider {
  private readonly analysis: BuildAnalysis;
  private readonly services: MoesysServices;

  constructor(services: MoesysServices) {
    super();
    this.services = services;
    this.analysis = services.analysis.BuildAnalysis;
  }

  override async getInlayHints(document: LangiumDocument, params: InlayHintParams, cancelToken?: CancellationToken): Promise<InlayHint[] | undefined> {
    const enabled = await this.services.shared.workspace.ConfigurationProvider.getConfiguration('moesys', 'inlayHints');
    if (enabled && typeof enabled === 'object' && (enabled as { enabled?: boolean }).enabled === false) return [];
    return super.getInlayHints(document, params, cancelToken);
  }

  computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
    if (ast.isDeclaration(node) && node.kind === 'scenario') {
      const result = this.analysis.scenario(node).result;
      const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
      if (result && nameNode) {
        acceptor({ position: nameNode.range.end, label: ` ${headline(result)}`, kind: InlayHintKind.Type, paddingLeft: true });
      }
    } else if (ast.isProperty(node) && node.value && ast.isBinaryExpression(node.value)) {
      const evaluation = evaluateExpression(node.value);
      const end = node.value.$cstNode?.range.end;
      if (evaluation.ok && end) {
        const { value, dimension } = evaluation.quantity;
        const label = sameDimension(dimension, DIMENSIONLESS) ? formatNumber(value, 6) : inWrittenUnit(node.value, value, dimension);
        acceptor({ position: end, label: `= ${label}`, kind: InlayHintKind.Type, paddingLeft: true });
      }
    }
  }
}

/**
 * The value in the one unit its literals were written in (`16 * 36 GiB` → `= 576 GiB`), so
 * a binary or otherwise chosen unit is not re-scaled to a decimal one; otherwise the best SI unit.
 */
function inWrittenUnit(expression: ast.Expression, value: number, dimension: Dimension): string {
  const units = new Set(
    AstUtils.streamAst(expression)
      .filter(ast.isQuantity)
      .map((q) => q.unit)
      .filter((u) => u !== undefined),
  );
  const [only] = units;
  const unit = units.size === 1 && only !== undefined ? parseUnit(only) : undefined;
  if (unit && sameDimension(unit.dimension, dimension)) return `${formatNumber(value / unit.scale, 6)} ${only}`;
  return formatQuantity(value, dimension, 6);
}
