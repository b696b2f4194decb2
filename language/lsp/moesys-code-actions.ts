/**
 * Quick fixes: every diagnostic whose data carries a `replacement` (unit conversion, unit typo,
 * property typo, missing unit) offers to replace its range with it.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import type { ReplacementData } from '../moesys-validator.js';

export class MoesysCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        return params.context.diagnostics.flatMap((diagnostic) => {
            const action = this.replacementFix(document, diagnostic);
            return action ? [action] : [];
        });
    }

    private replacementFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
        const data = diagnostic.data as ReplacementData | undefined;
        if (data?.insert) {
            return {
                title: data.title ?? 'Add the missing member',
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                edit: { changes: { [document.textDocument.uri]: [{ range: { start: data.insert.position, end: data.insert.position }, newText: data.insert.text }] } },
            };
        }
        if (!data?.replacement) return undefined;
        return {
            title: data.title ?? `Replace with ${data.replacement}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [{ range: diagnostic.range, newText: data.replacement }] } },
        };
    }
}
