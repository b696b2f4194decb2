/**
 * Linking errors that say what went wrong. Scopes are filtered by the kind a property expects
 * (see MoesysScopeProvider), so `model = h100` fails to link even though `gpu h100` exists;
 * Langium's default message ("Could not resolve reference to Declaration named 'h100'") hides
 * that. Here it reads "h100 is a gpu; `model` expects a model", with the nearest model name.
 */
import { AstUtils, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { FastLinker } from './ast-walk.js';
import { isDeclaration } from './generated/ast.js';
import type { MoesysServices } from './moesys-module.js';
import { expectedKind, type MoesysScopeProvider } from './moesys-scope.js';
import { closest } from './nearest-name.js';
import { propertyOfValue } from './schema-lookup.js';
import type { DeclarationKind } from './schema.js';

export class MoesysLinker extends FastLinker {
    private readonly scopes: MoesysScopeProvider;

    constructor(services: MoesysServices) {
        super(services);
        this.scopes = services.references.ScopeProvider as MoesysScopeProvider;
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const expected = expectedKind(refInfo);
        if (targetDescription || !expected) return error;
        const document = AstUtils.getDocument(refInfo.container);
        const name = refInfo.reference.$refText;
        const visible = this.scopes.declarationsVisibleFrom(document, undefined).getAllElements().toArray();
        // A declaration never usefully refers to itself (`gpu h extends h`).
        const fitting = visible.filter((description) => kindOf(description) === expected && description.node !== refInfo.container).map((description) => description.name);
        const other = visible.find((description) => description.name === name && kindOf(description) !== undefined);
        if (!other) {
            const typo = closest(name, fitting);
            return { ...error, message: `${error.message}${typo ? ` Did you mean '${typo}'?` : ''}` };
        }
        // The name is right but the kind is wrong: any name of the right kind is a better start.
        const suggestion = closest(name, fitting, Infinity);
        const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
        const member = isDeclaration(refInfo.container) && refInfo.property === 'base' ? 'extends' : propertyOfValue(refInfo.container)?.name ?? refInfo.property;
        return { ...error, message: `${name} is a ${kindOf(other)}; \`${member}\` expects ${article(expected)} ${expected}.${didYouMean}` };
    }
}

function kindOf(description: AstNodeDescription): DeclarationKind | undefined {
    return isDeclaration(description.node) ? description.node.kind as DeclarationKind : undefined;
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}
