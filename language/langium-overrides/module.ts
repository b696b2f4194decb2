/**
 * The Langium internals moesys replaces for speed, as one DI module. Each override keeps Langium's
 * behaviour (the contract test builds the services with and without this module and compares
 * their diagnostics); `createMoesysServices` injects it unless told not to.
 */
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { MoesysServices } from '../moesys-module.js';
import { FastMoesysLinker, FastReferenceDescriptionProvider } from './fast-linking.js';
import { FastDocumentValidator, FastValidationRegistry } from './fast-validation.js';

/** The langium version these overrides were written against (the contract test checks it). */
export const LANGIUM_VERSION_OF_OVERRIDES = '4.4.0';

export const LangiumOverridesModule: Module<MoesysServices, PartialLangiumServices> = {
  references: {
    Linker: (services) => new FastMoesysLinker(services),
  },
  workspace: {
    ReferenceDescriptionProvider: (services) => new FastReferenceDescriptionProvider(services),
  },
  validation: {
    ValidationRegistry: (services) => new FastValidationRegistry(services),
    DocumentValidator: (services) => new FastDocumentValidator(services),
  },
};
