/**
 * Completion: member names with docs, expected unit and typical range; units of the expected
 * dimension right after a number; the allowed words of enum and boolean members; references
 * (filtered to the expected kind by the scope provider) and keywords from Langium's defaults.
 */
import { type AstNode, AstUtils, GrammarAST } from 'langium';
import { type CompletionAcceptor, type CompletionContext, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { isDeclaration, isProperty, isVary } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { presetNames } from '../presets.js';
import { blockSpecOf, isMemberContainer, propertySpecOf } from '../schema-lookup.js';
import { type BlockSpec, DECLARATION_SCHEMAS, type PropertySpec } from '../schema.js';
import { lowerScenario } from '../lowering.js';
import { resolveSweepPath } from '../studies.js';
import { DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { unitsFor } from '../units/registry.js';
import { blockMarkdown, describeType, formatDefault, propertyMarkdown } from './property-docs.js';

/**
 * Where a keyword is one of several words a name or value may be (`gpu = …` as a member name,
 * `bf16` as a value), we propose the words that fit the context ourselves.
 */
function isContextualKeyword(rule: string | undefined, assignment: GrammarAST.Assignment | undefined): boolean {
    return rule === 'PropertyName' || rule === 'UnitAtom'
        || (rule === 'Property' && assignment?.feature === 'name')
        || (rule === 'EnumValue' && assignment?.feature === 'value');
}

export class MoesysCompletionProvider extends DefaultCompletionProvider {
    constructor(services: MoesysServices) {
        super(services);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor) {
        const feature = next.feature;
        const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
        const ruleCall = GrammarAST.isRuleCall(feature) ? feature.rule.ref?.name : undefined;
        const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);

        if (rule?.name === 'Vary' || (rule?.name === 'PropertyName' && sweepPathBeforeCursor(context) !== undefined)) {
            if (GrammarAST.isRuleCall(feature) || rule?.name === 'PropertyName') this.completeSweepPath(context, acceptor);
            if (rule?.name === 'Vary' && GrammarAST.isKeyword(feature) && feature.value !== '.') return super.completionFor(context, next, acceptor);
            return;
        }
        if ((rule?.name === 'PropertyName') || (assignment?.feature === 'name' && (rule?.name === 'Property' || rule?.name === 'Block'))) {
            // Called for each alternative of the name (ID and every keyword); propose once.
            if (GrammarAST.isRuleCall(feature) || (GrammarAST.isKeyword(feature) && feature.value === 'gpu' && rule?.name === 'Property')) {
                this.completeMemberNames(context, acceptor);
            }
            return;
        }
        if (rule?.name === 'UnitAtom' || ruleCall === 'UNIT' || ruleCall === 'Unit') {
            this.completeUnits(context, acceptor);
            return;
        }
        if (rule?.name === 'EnumValue' && assignment?.feature === 'value') {
            // Called once per word of the grammar; propose the fitting words on the first only.
            if (GrammarAST.isKeyword(feature) && feature.value === 'true') this.completeEnumWords(context, acceptor);
            return;
        }
        if (assignment?.feature === 'preset' && GrammarAST.isRuleCall(feature)) {
            if (isDeclaration(context.node)) {
                for (const name of presetNames(context.node.kind)) acceptor(context, { label: `"${name}"`, kind: CompletionItemKind.Value, detail: `${context.node.kind} preset` });
            }
            return;
        }
        if (GrammarAST.isKeyword(feature) && isContextualKeyword(rule?.name, assignment)) return;
        return super.completionFor(context, next, acceptor);
    }

    /** Members of the enclosing declaration or block not yet written there. */
    private completeMemberNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const container = memberContainerAt(context.node);
        if (!container) return;
        const spec = blockSpecOf(container);
        if (!spec) return;
        const written = new Set(container.members.flatMap((member) => isProperty(member) ? [member.name] : []));
        spec.properties.forEach((property, index) => {
            if (written.has(property.name)) return;
            acceptor(context, {
                label: property.name, kind: CompletionItemKind.Property,
                detail: completionDetail(property),
                documentation: { kind: 'markdown', value: propertyMarkdown(property) },
                insertText: `${property.name} = `, sortText: `${property.required ? 0 : 1}${String(index).padStart(3, '0')}`,
            });
        });
        for (const block of spec.blocks ?? []) {
            acceptor(context, {
                label: block.name, kind: CompletionItemKind.Module, detail: 'block',
                documentation: { kind: 'markdown', value: blockMarkdown(block) },
                insertText: `${block.name} {\n\t$0\n}`, insertTextFormat: InsertTextFormat.Snippet, sortText: `2${block.name}`,
            });
        }
        if (spec.tier) {
            acceptor(context, {
                label: 'tier', kind: CompletionItemKind.Module, detail: 'network tier',
                documentation: { kind: 'markdown', value: blockMarkdown(spec.tier) },
                insertText: 'tier ${1:scale-up} {\n\tdomainSize = $2\n\tbandwidth = $3 Tb/s\n\tlatency = $4 ns\n\tlink = $5\n}', insertTextFormat: InsertTextFormat.Snippet, sortText: '2tier',
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
        const scenario = isProperty(scenarioProperty) && scenarioProperty.value?.$type === 'ReferenceValue' ? (scenarioProperty.value as { ref: { ref?: AstNode } }).ref.ref : undefined;
        for (const candidate of sweepPathChildren(segments, isDeclaration(scenario) ? scenario : undefined)) {
            acceptor(context, { label: candidate.name, kind: candidate.kind, detail: candidate.detail, sortText: candidate.name });
        }
    }

    private completeUnits(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const spec = expectedPropertyAt(context.node);
        if (!spec || spec.type.kind !== 'quantity' || sameDimension(spec.type.dimension, DIMENSIONLESS)) return;
        // A unit is several tokens (`TB`, `/`, `s`): replace all of it that is typed, not just the last token,
        // or accepting `TB/s` after `8 TB/` would give `8 TB/TB/s`.
        const range = { start: context.textDocument.positionAt(unitStartBeforeCursor(context)), end: context.position };
        unitsFor(spec.type.dimension).forEach((unit, index) => acceptor(context, {
            label: unit, kind: CompletionItemKind.Unit, detail: describeType(spec.type), sortText: String(index).padStart(3, '0'),
            filterText: unit, textEdit: { range, newText: unit },
        }));
    }

    private completeEnumWords(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const spec = expectedPropertyAt(context.node);
        if (!spec) return;
        const words = spec.type.kind === 'enum' ? Object.keys(spec.type.values) : spec.type.kind === 'boolean' ? ['true', 'false'] : [];
        for (const word of words) {
            acceptor(context, { label: word, kind: CompletionItemKind.EnumMember, detail: spec.name, documentation: { kind: 'markdown', value: propertyMarkdown(spec) } });
        }
    }
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

interface PathCandidate { name: string; kind: CompletionItemKind; detail: string }

/** What may follow a sweep path prefix. */
function sweepPathChildren(segments: string[], scenario: import('../generated/ast.js').Declaration | undefined): PathCandidate[] {
    const parts: Record<string, BlockSpec> = {
        system: DECLARATION_SCHEMAS.system, model: DECLARATION_SCHEMAS.model, training: DECLARATION_SCHEMAS.training,
        assumptions: DECLARATION_SCHEMAS.scenario.blocks!.find((block) => block.name === 'assumptions')!,
    };
    if (segments.length === 0) return Object.keys(parts).map((name) => ({ name, kind: CompletionItemKind.Module, detail: 'scenario part' }));
    let spec: BlockSpec | undefined = parts[segments[0]];
    for (const segment of segments.slice(1)) {
        if (!spec) return [];
        const property: PropertySpec | undefined = spec.properties.find((candidate) => candidate.name === segment);
        if (property?.type.kind === 'reference') { spec = DECLARATION_SCHEMAS[property.type.target]; continue; }
        const block: BlockSpec | undefined = spec.blocks?.find((candidate) => candidate.name === segment);
        spec = block ?? spec.tier;
    }
    if (!spec) return [];
    const candidates: PathCandidate[] = spec.properties.filter((property) => property.type.kind !== 'references')
        .map((property) => ({ name: property.name, kind: CompletionItemKind.Property, detail: describeType(property.type) }));
    for (const block of spec.blocks ?? []) candidates.push({ name: block.name, kind: CompletionItemKind.Module, detail: 'block' });
    if (spec.tier && scenario) {
        const lowered = lowerScenario(scenario);
        for (const tier of lowered.ok ? lowered.lowered.scenario.system.tiers : []) candidates.push({ name: tier.name, kind: CompletionItemKind.Module, detail: 'tier' });
    }
    return candidates;
}

function completionDetail(property: PropertySpec): string {
    const type = property.type.kind === 'quantity' && !sameDimension(property.type.dimension, DIMENSIONLESS)
        ? unitsFor(property.type.dimension)[0] ?? '' : property.type.kind === 'reference' ? property.type.target : property.type.kind === 'quantity' ? 'number' : property.type.kind;
    const fallback = formatDefault(property);
    return [type, property.typical ? `typical ${property.typical}` : undefined, fallback !== undefined ? `default ${fallback}` : property.required ? 'required' : undefined]
        .filter(Boolean).join(' · ');
}

function memberContainerAt(node: AstNode | undefined) {
    let current = node;
    while (current && !isMemberContainer(current)) current = current.$container;
    return current;
}

/** The property whose value is being written at the cursor (also inside a sweep's `vary`). */
function expectedPropertyAt(node: AstNode | undefined): PropertySpec | undefined {
    let current = node;
    while (current && !isProperty(current) && !isVary(current) && !isMemberContainer(current)) current = current.$container;
    if (isProperty(current)) return propertySpecOf(current);
    if (isVary(current) && isDeclaration(current.$container)) {
        const scenarioProperty = current.$container.members.find((member) => isProperty(member) && member.name === 'scenario');
        const target = isProperty(scenarioProperty) && scenarioProperty.value?.$type === 'ReferenceValue' ? (scenarioProperty.value as { ref: { ref?: AstNode } }).ref.ref : undefined;
        if (isDeclaration(target)) {
            const resolved = resolveSweepPath(target, current.path);
            return resolved.ok ? resolved.spec : undefined;
        }
    }
    return undefined;
}

