/**
 * Completion offers only what fits the slot at the cursor, the best fit first:
 * - a member name: the members not yet written (required first), then blocks and a tier snippet;
 *   accepting a member whose value is a word or a name opens completion for that value;
 * - a value: the words of an enum or boolean, declarations of the expected kind (with their
 *   FLOP/s, pJ/bit… beside them), or nothing but units of the expected dimension after a number;
 * - the top level: declaration keywords, skeleton snippets and a whole first scenario.
 * Grammar keywords (`tier`, `vary`) never lead: we propose members and snippets in their place.
 */
import { type AstNode, type AstNodeDescription, AstUtils, GrammarAST, type ReferenceInfo } from 'langium';
import { type CompletionAcceptor, type CompletionContext, type CompletionValueItem, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { type Command, CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { isDeclaration, isDocument, isProperty, isVary } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { PRESETS, presetNames } from '../semantics/presets.js';
import { blockSpecOf, isMemberContainer, propertySpecOf } from '../semantics/schema-lookup.js';
import { type BlockSpec, DECLARATION_SCHEMAS, type PropertySpec } from '../semantics/schema.js';
import type { BuildAnalysis } from '../analysis/build-analysis.js';
import { DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { unitsFor } from '../units/registry.js';
import { blockMarkdown, describeType, formatDefault, propertyMarkdown } from './property-docs.js';
import { declarationSummary, engineObjectSummary } from './declaration-summary.js';
import { declarationSnippet, FIRST_SCENARIO_SNIPPET } from './skeletons.js';
import type { DeclarationKind } from '../semantics/schema.js';

/**
 * Sort keys by what fits best; VS Code orders by these and preselects the first.
 * Slot fits (units, words, declarations) < members < blocks and snippets < keywords.
 */
const SORT = { fit: 'a', required: 'b', optional: 'c', block: 'd', snippet: 'e', keyword: 'f' } as const;
const order = (group: keyof typeof SORT, index: number | string = 0) => `${SORT[group]}${typeof index === 'number' ? String(index).padStart(4, '0') : index}`;

/** Re-opens completion once an item is inserted (a member whose value is a word or a name). */
const SUGGEST_AGAIN: Command = { title: 'Suggest a value', command: 'editor.action.triggerSuggest' };

/** A preset name that can also be a declaration's name (an ID: no `.`). */
const PRESET_AS_NAME = /^[_a-zA-Z][\w]*(-[a-zA-Z0-9_]+)*$/;

/** Value rules of the grammar: features from these complete a member's value. */
const VALUE_RULES = new Set([
  'Value',
  'Expression',
  'PrimaryExpression',
  'Quantity',
  'ParenthesizedExpression',
  'EnumValue',
  'ReferenceValue',
  'StringValue',
  'ListValue',
]);

/**
 * Where a keyword is one of several words a name or value may be (`gpu = …` as a member name,
 * `bf16` as a value), we propose the words that fit the context ourselves.
 */
function isContextualKeyword(rule: string | undefined, assignment: GrammarAST.Assignment | undefined): boolean {
  return (
    rule === 'PropertyName' ||
    rule === 'UnitAtom' ||
    (rule === 'Property' && assignment?.feature === 'name') ||
    (rule === 'EnumValue' && assignment?.feature === 'value')
  );
}

export class MoesysCompletionProvider extends DefaultCompletionProvider {
  private readonly analysis: BuildAnalysis;

  constructor(services: MoesysServices) {
    super(services);
    this.analysis = services.analysis.BuildAnalysis;
  }

  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor) {
    const feature = next.feature;
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
    const ruleCall = GrammarAST.isRuleCall(feature) ? feature.rule.ref?.name : undefined;
    const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);

    // Right after a number of a quantity with a dimension, only its units fit.
    if (unitSlotSpec(context, this.analysis)) {
      if (rule?.name === 'UnitAtom' || ruleCall === 'UNIT' || ruleCall === 'Unit') this.completeUnits(context, acceptor);
      return;
    }
    if (rule?.name === 'Vary' || (rule?.name === 'PropertyName' && sweepPathBeforeCursor(context) !== undefined)) {
      if (GrammarAST.isRuleCall(feature) || rule?.name === 'PropertyName') this.completeSweepPath(context, acceptor);
      if (rule?.name === 'Vary' && GrammarAST.isKeyword(feature) && feature.value !== '.' && feature.value !== 'vary')
        return super.completionFor(context, next, acceptor);
      return;
    }
    if (rule?.name === 'PropertyName' || (assignment?.feature === 'name' && (rule?.name === 'Property' || rule?.name === 'Block'))) {
      // Called for each alternative of the name (ID and every keyword); propose once.
      if (GrammarAST.isRuleCall(feature) || (GrammarAST.isKeyword(feature) && feature.value === 'gpu' && rule?.name === 'Property')) {
        this.completeMemberNames(context, acceptor);
      }
      return;
    }
    // `tier` and `vary` open members: completeMemberNames offers them as snippets where they fit.
    if (GrammarAST.isKeyword(feature) && (feature.value === 'tier' || feature.value === 'vary')) return;
    if (rule?.name === 'UnitAtom' || ruleCall === 'UNIT' || ruleCall === 'Unit') {
      this.completeUnits(context, acceptor);
      return;
    }
    if (rule?.name === 'EnumValue' && assignment?.feature === 'value') {
      // Called once per word of the grammar; propose the fitting words on the first only.
      if (GrammarAST.isKeyword(feature) && feature.value === 'true') this.completeEnumWords(context, acceptor);
      return;
    }
    if (rule && VALUE_RULES.has(rule.name) && !this.valueKindFits(context, rule.name)) return;
    if (assignment?.feature === 'preset' && GrammarAST.isRuleCall(feature)) {
      if (isDeclaration(context.node)) this.completePresets(context, context.node.kind, acceptor);
      return;
    }
    if (rule?.name === 'Declaration' && assignment?.feature === 'kind' && GrammarAST.isKeyword(feature)) {
      acceptor(context, { label: feature.value, kind: CompletionItemKind.Keyword, detail: 'declaration', sortText: order('keyword', feature.value) });
      if (feature.value === 'gpu') this.completeSkeletons(context, acceptor);
      return;
    }
    if (GrammarAST.isKeyword(feature) && isContextualKeyword(rule?.name, assignment)) return;
    return super.completionFor(context, next, acceptor);
  }

  /**
   * Whether a value of the grammar rule `valueRule` can fit the property being written: a
   * declaration only where a reference is expected, a number or list only where they are.
   */
  private valueKindFits(context: CompletionContext, valueRule: string): boolean {
    const spec = expectedPropertyAt(context.node, this.analysis);
    if (!spec) return true;
    const kind = spec.type.kind;
    if (valueRule === 'ReferenceValue') return kind === 'reference' || kind === 'references';
    if (valueRule === 'ListValue') return kind === 'references';
    return true;
  }

  /** Grammar keywords come after everything that fits the slot. */
  protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
    if (!this.filterKeyword(context, keyword)) return;
    acceptor(context, { label: keyword.value, kind: CompletionItemKind.Keyword, detail: 'keyword', sortText: order('keyword', keyword.value) });
  }

  /**
   * Declarations of the expected kind, then the engine's presets of that kind not yet declared:
   * accepting one writes its name and declares it (`system gb200-nvl72 = preset "gb200-nvl72"`)
   * above the declaration being written, so a first scenario needs no hardware written out.
   */
  protected override completionForCrossReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>, acceptor: CompletionAcceptor) {
    super.completionForCrossReference(context, next, acceptor);
    const spec = expectedPropertyAt(context.node, this.analysis);
    const target = spec && (spec.type.kind === 'reference' || spec.type.kind === 'references') ? spec.type.target : undefined;
    const root = context.document.parseResult.value;
    const holder = context.node ? AstUtils.getContainerOfType(context.node, isDeclaration) : undefined;
    if (!target || !isDocument(root) || !holder?.$cstNode) return;
    const declared = new Set(root.declarations.map((declaration) => declaration.name));
    const table = Object.hasOwn(PRESETS, target) ? (PRESETS[target] ?? {}) : {};
    const line = context.textDocument.positionAt(holder.$cstNode.offset).line;
    presetNames(target)
      .filter((name) => PRESET_AS_NAME.test(name) && !declared.has(name))
      .forEach((name, index) => {
        const summary = engineObjectSummary(target, table[name]);
        acceptor(context, {
          label: name,
          kind: CompletionItemKind.Constructor,
          detail: `${target} preset${summary ? ` · ${summary}` : ''}`,
          labelDetails: { description: 'preset, declares it' },
          documentation: {
            kind: 'markdown',
            value: `Declares \`${target} ${name} = preset "${name}"\` above and names it here.${summary ? `\n\n${summary}` : ''}`,
          },
          additionalTextEdits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${target} ${name} = preset "${name}"\n` }],
          sortText: order('fit', `2${String(index).padStart(4, '0')}`),
        });
      });
  }

  /** A declaration cannot extend itself. */
  protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext) {
    const candidates = super.getReferenceCandidates(refInfo, context);
    return refInfo.property === 'base' ? candidates.filter((candidate) => candidate.node !== refInfo.container) : candidates;
  }

  protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
    const item = super.createReferenceCompletionItem(description, refInfo, context);
    const node = description.node;
    if (!isDeclaration(node)) return { ...item, sortText: order('fit', `1${description.name}`) };
    const summary = declarationSummary(node);
    const here = description.documentUri.toString() === context.document.uri.toString();
    const documentation = [
      item.documentation && typeof item.documentation !== 'string' ? item.documentation.value : undefined,
      summary ? `**${node.kind}** \`${node.name}\`: ${summary}` : undefined,
      node.preset ? `From preset \`${node.preset}\`.` : undefined,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      ...item,
      detail: summary ? `${node.kind} · ${summary}` : node.kind,
      documentation: documentation ? { kind: 'markdown', value: documentation } : undefined,
      // Declarations of this file first, then imported ones; by name within each.
      sortText: order('fit', `${here ? 0 : 1}${description.name}`),
    };
  }

  /** `preset "…"`: the engine's presets of the declaration's kind, with their headline figures. */
  private completePresets(context: CompletionContext, kind: string, acceptor: CompletionAcceptor): void {
    const table = Object.hasOwn(PRESETS, kind) ? (PRESETS[kind as DeclarationKind] ?? {}) : {};
    presetNames(kind).forEach((name, index) => {
      const summary = engineObjectSummary(kind, table[name]);
      acceptor(context, {
        label: `"${name}"`,
        kind: CompletionItemKind.Value,
        detail: summary ? `${kind} preset · ${summary}` : `${kind} preset`,
        documentation: { kind: 'markdown', value: [`**${kind} preset** \`${name}\``, summary].filter(Boolean).join('\n\n') },
        sortText: order('fit', index),
      });
    });
  }

  /** Skeletons of every declaration kind and a whole first scenario, at the top level. */
  private completeSkeletons(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const root = context.document.parseResult.value;
    const empty = isDocument(root) && root.declarations.length === 0 && root.imports.length === 0;
    acceptor(context, {
      label: 'first scenario',
      kind: CompletionItemKind.Snippet,
      detail: 'a GPU, links, a system, a model, a job and a scenario that evaluates',
      documentation: {
        kind: 'markdown',
        value:
          'A whole scenario from engine presets: H100 nodes on NVLink and InfiniBand training a Mixtral-class MoE. Open the preview (`Ctrl+K V`) to see it evaluated, then change it.',
      },
      insertText: FIRST_SCENARIO_SNIPPET,
      insertTextFormat: InsertTextFormat.Snippet,
      // In an empty file the whole scenario is the best start; later, one declaration is.
      sortText: empty ? order('fit', 0) : order('snippet', 'z'),
      filterText: 'first scenario',
    });
    (Object.keys(DECLARATION_SCHEMAS) as DeclarationKind[]).forEach((kind, index) => {
      acceptor(context, {
        label: `${kind} …`,
        kind: CompletionItemKind.Snippet,
        detail: `${kind} declaration with its required members`,
        documentation: {
          kind: 'markdown',
          value: `\`\`\`moesys\n${declarationSnippet(kind)
            .replace(/\$\{\d+[:|]([^}|]*)[^}]*\}/g, '$1')
            .replace(/\$\d/g, '')}\n\`\`\`\n\n${DECLARATION_SCHEMAS[kind].doc}`,
        },
        insertText: declarationSnippet(kind),
        insertTextFormat: InsertTextFormat.Snippet,
        // Beside its keyword: after it in a file under way, where `gpu h100 = preset …` is as likely.
        sortText: empty ? order('snippet', index) : order('keyword', `${kind}~`),
        filterText: kind,
      });
    });
  }

  /** Members of the enclosing declaration or block not yet written there. */
  private completeMemberNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const container = memberContainerAt(context.node);
    if (!container) return;
    const spec = blockSpecOf(container);
    if (!spec) return;
    const written = new Set(container.members.flatMap((member) => (isProperty(member) ? [member.name] : [])));
    spec.properties.forEach((property, index) => {
      if (written.has(property.name)) return;
      acceptor(context, {
        label: property.name,
        kind: CompletionItemKind.Property,
        detail: completionDetail(property),
        documentation: { kind: 'markdown', value: propertyMarkdown(property) },
        insertText: `${property.name} = `,
        sortText: order(property.required ? 'required' : 'optional', index),
        command: opensValueCompletion(property) ? SUGGEST_AGAIN : undefined,
      });
    });
    for (const block of spec.blocks ?? []) {
      acceptor(context, {
        label: block.name,
        kind: CompletionItemKind.Module,
        detail: 'block',
        documentation: { kind: 'markdown', value: blockMarkdown(block) },
        insertText: `${block.name} {\n\t$0\n}`,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: order('block', block.name),
      });
    }
    if (spec.tier) {
      acceptor(context, {
        label: 'tier',
        kind: CompletionItemKind.Module,
        detail: 'network tier',
        documentation: { kind: 'markdown', value: blockMarkdown(spec.tier) },
        insertText: 'tier ${1:scale-up} {\n\tdomainSize = $2\n\tbandwidth = $3 Tb/s\n\tlatency = $4 ns\n\tlink = $5\n}',
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: order('block', 'tier'),
      });
    }
    if (spec.allowsVary) {
      acceptor(context, {
        label: 'vary',
        kind: CompletionItemKind.Snippet,
        detail: 'sweep dimension',
        documentation: {
          kind: 'markdown',
          value: 'A property path of the scenario and the values it takes: `vary system.scale-up.domainSize in [64, 128, 256]` or `from … to … times 2`.',
        },
        insertText: 'vary ${1:system.scale-up.domainSize} in [${2:64, 128, 256}]',
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: order('block', 'vary'),
        command: SUGGEST_AGAIN,
      });
    }
  }

  /** The next segment of a sweep path: `system`, then its members, tiers, blocks and references. */
  private completeSweepPath(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const typed = sweepPathBeforeCursor(context);
    if (typed === undefined) return;
    const segments = typed.split('.').slice(0, -1);
    const sweep = memberContainerAt(context.node);
    const scenarioProperty = isDeclaration(sweep) ? sweep.members.find((member) => isProperty(member) && member.name === 'scenario') : undefined;
    const scenario =
      isProperty(scenarioProperty) && scenarioProperty.value?.$type === 'ReferenceValue'
        ? (scenarioProperty.value as { ref: { ref?: AstNode } }).ref.ref
        : undefined;
    const tierNames = isDeclaration(scenario) ? this.analysis.tierNames(scenario) : undefined;
    for (const candidate of sweepPathChildren(segments, tierNames)) {
      acceptor(context, { label: candidate.name, kind: candidate.kind, detail: candidate.detail, sortText: candidate.name });
    }
  }

  private completeUnits(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const spec = expectedPropertyAt(context.node, this.analysis);
    if (!spec || spec.type.kind !== 'quantity' || sameDimension(spec.type.dimension, DIMENSIONLESS)) return;
    // A unit is several tokens (`TB`, `/`, `s`): replace all of it that is typed, not just the last token,
    // or accepting `TB/s` after `8 TB/` would give `8 TB/TB/s`.
    const range = { start: context.textDocument.positionAt(unitStartBeforeCursor(context)), end: context.position };
    unitsFor(spec.type.dimension).forEach((unit, index) =>
      acceptor(context, {
        label: unit,
        kind: CompletionItemKind.Unit,
        detail: describeType(spec.type),
        sortText: order('fit', index),
        filterText: unit,
        textEdit: { range, newText: unit },
      }),
    );
  }

  private completeEnumWords(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const spec = expectedPropertyAt(context.node, this.analysis);
    if (!spec) return;
    const words = spec.type.kind === 'enum' ? Object.keys(spec.type.values) : spec.type.kind === 'boolean' ? ['true', 'false'] : [];
    // A default note names its word in backticks (`none`).
    const fallback = formatDefault(spec)?.replace(/^`(.*)`$/, '$1');
    // The default first (what leaving the member out gives), then the schema's order.
    words.forEach((word, index) => {
      acceptor(context, {
        label: word,
        kind: CompletionItemKind.EnumMember,
        detail: word === fallback ? `${spec.name} · the default` : spec.name,
        documentation: { kind: 'markdown', value: propertyMarkdown(spec) },
        sortText: order('fit', word === fallback ? 0 : index + 1),
      });
    });
  }
}

/** Whether accepting `property` should open completion for its value (words and names; numbers are typed). */
function opensValueCompletion(property: PropertySpec): boolean {
  return property.type.kind !== 'quantity';
}

/**
 * The property whose unit the cursor is at: right after a number (and any unit typed so far) in
 * a quantity with a dimension. Undefined elsewhere, including after a whole unit and a space.
 */
function unitSlotSpec(context: CompletionContext, analysis: BuildAnalysis): PropertySpec | undefined {
  const text = context.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', context.offset - 1) + 1;
  if (!/(?:^|[^\w.])\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?\s*(?:[A-Za-zµ%][\w/µ²³]*)?$/.test(text.slice(lineStart, context.offset))) return undefined;
  const spec = expectedPropertyAt(context.node, analysis);
  return spec && spec.type.kind === 'quantity' && !sameDimension(spec.type.dimension, DIMENSIONLESS) ? spec : undefined;
}

/** Offset where the unit being typed begins: after the number and any spaces (e.g. `TB/` in `8 TB/`). */
function unitStartBeforeCursor(context: CompletionContext): number {
  const text = context.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', context.offset - 1) + 1;
  const typed = /[A-Za-zµ%][\w/µ²³]*$/.exec(text.slice(lineStart, context.offset));
  return typed ? context.offset - typed[0].length : context.offset;
}

/** The dotted path typed after `vary` up to the cursor, if the cursor is in one. */
function sweepPathBeforeCursor(context: CompletionContext): string | undefined {
  const text = context.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', context.offset - 1) + 1;
  const match = /\bvary\s+([\w.-]*)$/.exec(text.slice(lineStart, context.offset));
  return match?.[1];
}

interface PathCandidate {
  name: string;
  kind: CompletionItemKind;
  detail: string;
}

/** What may follow a sweep path prefix. */
function sweepPathChildren(segments: string[], tierNames: readonly string[] | undefined): PathCandidate[] {
  const parts: Record<string, BlockSpec> = {
    system: DECLARATION_SCHEMAS.system,
    model: DECLARATION_SCHEMAS.model,
    training: DECLARATION_SCHEMAS.training,
    assumptions: DECLARATION_SCHEMAS.scenario.blocks!.find((block) => block.name === 'assumptions')!,
  };
  if (segments.length === 0) return Object.keys(parts).map((name) => ({ name, kind: CompletionItemKind.Module, detail: 'scenario part' }));
  let spec: BlockSpec | undefined = parts[segments[0]];
  for (const segment of segments.slice(1)) {
    if (!spec) return [];
    const property: PropertySpec | undefined = spec.properties.find((candidate) => candidate.name === segment);
    if (property?.type.kind === 'reference') {
      spec = DECLARATION_SCHEMAS[property.type.target];
      continue;
    }
    const block: BlockSpec | undefined = spec.blocks?.find((candidate) => candidate.name === segment);
    spec = block ?? spec.tier;
  }
  if (!spec) return [];
  const candidates: PathCandidate[] = spec.properties
    .filter((property) => property.type.kind !== 'references')
    .map((property) => ({ name: property.name, kind: CompletionItemKind.Property, detail: describeType(property.type) }));
  for (const block of spec.blocks ?? []) candidates.push({ name: block.name, kind: CompletionItemKind.Module, detail: 'block' });
  if (spec.tier) for (const name of tierNames ?? []) candidates.push({ name, kind: CompletionItemKind.Module, detail: 'tier' });
  return candidates;
}

function completionDetail(property: PropertySpec): string {
  const type =
    property.type.kind === 'quantity' && !sameDimension(property.type.dimension, DIMENSIONLESS)
      ? (unitsFor(property.type.dimension)[0] ?? '')
      : property.type.kind === 'reference'
        ? property.type.target
        : property.type.kind === 'quantity'
          ? 'number'
          : property.type.kind;
  const fallback = formatDefault(property);
  return [
    type,
    property.typical ? `typical ${property.typical}` : undefined,
    fallback !== undefined ? `default ${fallback}` : property.required ? 'required' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function memberContainerAt(node: AstNode | undefined) {
  let current = node;
  while (current && !isMemberContainer(current)) current = current.$container;
  return current;
}

/** The property whose value is being written at the cursor (also inside a sweep's `vary`). */
function expectedPropertyAt(node: AstNode | undefined, analysis: BuildAnalysis): PropertySpec | undefined {
  let current = node;
  while (current && !isProperty(current) && !isVary(current) && !isMemberContainer(current)) current = current.$container;
  if (isProperty(current)) return propertySpecOf(current);
  if (isVary(current)) {
    const resolved = analysis.sweepPath(current);
    return resolved?.ok ? resolved.spec : undefined;
  }
  return undefined;
}
