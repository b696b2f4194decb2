/**
 * A stand-in for the parts of the `vscode` module the client uses, for unit tests in Node
 * (`vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode)`).
 * `fake` records what the code under test did.
 */
export class FakeUri {
  constructor(readonly path: string) {}
  readonly scheme = 'file';
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `file://${this.path}`;
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri([base.path, ...parts].join('/'));
  }
  static parse(text: string, strict?: boolean): FakeUri {
    if (strict && !/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new Error(`not a URI: ${text}`);
    return new FakeUri(text.replace(/^file:\/\//, ''));
  }
}

type Listener = (...args: never[]) => unknown;

export interface FakeWebviewPanel {
  title: string;
  disposed: boolean;
  revealed: number;
  posted: Record<string, unknown>[];
  webview: {
    options: { localResourceRoots?: FakeUri[] };
    html: string;
    cspSource: string;
    asWebviewUri(uri: FakeUri): FakeUri;
    postMessage(message: Record<string, unknown>): Promise<boolean>;
    onDidReceiveMessage(listener: (message: unknown) => void): { dispose(): void };
  };
  onDidDispose(listener: () => void): { dispose(): void };
  reveal(): void;
  dispose(): void;
  send(message: unknown): void;
}

export function fakeWebviewPanel(): FakeWebviewPanel {
  let receive: (message: unknown) => void = () => undefined;
  const disposeListeners: (() => void)[] = [];
  const panel: FakeWebviewPanel = {
    title: '',
    disposed: false,
    revealed: 0,
    posted: [],
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-webview://x',
      asWebviewUri: (uri) => uri,
      postMessage: async (message) => {
        panel.posted.push(message);
        return true;
      },
      onDidReceiveMessage: (listener) => {
        receive = listener;
        return { dispose() {} };
      },
    },
    onDidDispose: (listener) => {
      disposeListeners.push(listener);
      return { dispose() {} };
    },
    reveal: () => {
      panel.revealed++;
    },
    dispose: () => {
      panel.disposed = true;
      disposeListeners.forEach((l) => l());
    },
    send: (message) => receive(message),
  };
  return panel;
}

export const fake = {
  documents: [] as { uri: FakeUri; version: number; lineCount: number }[],
  executed: [] as unknown[][],
  shown: [] as unknown[],
  settings: new Map<string, unknown>(),
  commands: new Map<string, Listener>(),
  serializers: new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>(),
  created: [] as FakeWebviewPanel[],
  changeListeners: [] as Listener[],
  closeListeners: [] as Listener[],
  openListeners: [] as Listener[],
  warnings: [] as string[],
  infos: [] as string[],
  /** What the quick pick answers (the first item by default), and what it was offered. */
  pick: undefined as ((items: Array<{ label: string }>) => unknown) | undefined,
  picks: [] as Array<{ items: Array<{ label: string }>; options: unknown }>,
  /** Where the save dialog saves (undefined: the user cancels), and what was written. */
  saveTarget: undefined as FakeUri | undefined,
  written: [] as Array<{ uri: string; bytes: Uint8Array }>,
  statusItems: [] as Array<{ text: string; tooltip: unknown; command: unknown; visible: boolean }>,
  activeEditorListeners: [] as Listener[],
  selectionListeners: [] as Listener[],
  saveListeners: [] as Listener[],
  /** Saved file contents by path, for `workspace.fs.readFile`. */
  files: new Map<string, string>(),
  /** What `extensions.getExtension(id)` finds (VS Code for the web has no `vscode.git`). */
  extensions: new Map<string, unknown>(),
  reset(): void {
    this.saveListeners = [];
    this.files.clear();
    this.extensions.clear();
    this.statusItems = [];
    this.activeEditorListeners = [];
    this.selectionListeners = [];
    this.documents = [];
    this.executed = [];
    this.shown = [];
    this.settings.clear();
    this.commands.clear();
    this.serializers.clear();
    this.created = [];
    this.changeListeners = [];
    this.closeListeners = [];
    this.openListeners = [];
    this.warnings = [];
    this.infos = [];
    this.pick = undefined;
    this.picks = [];
    this.saveTarget = undefined;
    this.written = [];
  },
  /** Writes the file and fires `onDidSaveTextDocument`. */
  save(uri: FakeUri, text: string): void {
    this.files.set(uri.path, text);
    this.saveListeners.forEach((l) => (l as (d: unknown) => void)({ uri }));
  },
  /** Fires `onDidCloseTextDocument` and drops the document. */
  close(uri: FakeUri): void {
    const document = this.documents.find((d) => d.uri.toString() === uri.toString());
    this.documents = this.documents.filter((d) => d !== document);
    this.closeListeners.forEach((l) => (l as (d: unknown) => void)(document ?? { uri }));
  },
  /** Adds the document at `version` and fires `onDidOpenTextDocument`. */
  open(uri: FakeUri, version = 1, lineCount = 50): void {
    const document = { uri, version, lineCount };
    this.documents.push(document);
    this.openListeners.forEach((l) => (l as (d: unknown) => void)(document));
  },
};

const disposable = { dispose() {} };

export const fakeVscode = {
  Uri: FakeUri,
  ViewColumn: { One: 1, Beside: -2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  Position: class {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  },
  Range: class {
    constructor(
      readonly start: unknown,
      readonly end: unknown,
    ) {}
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  workspace: {
    get textDocuments() {
      return fake.documents;
    },
    getConfiguration: () => ({ get: (key: string, fallback: unknown) => (fake.settings.has(key) ? fake.settings.get(key) : fallback) }),
    openTextDocument: async (uri: FakeUri) => {
      const document = fake.documents.find((d) => d.uri.toString() === uri.toString());
      if (!document) throw new Error(`no such file: ${uri.toString()}`);
      return document;
    },
    onDidChangeTextDocument: (listener: Listener) => {
      fake.changeListeners.push(listener);
      return disposable;
    },
    onDidCloseTextDocument: (listener: Listener) => {
      fake.closeListeners.push(listener);
      return disposable;
    },
    onDidOpenTextDocument: (listener: Listener) => {
      fake.openListeners.push(listener);
      return disposable;
    },
    onDidSaveTextDocument: (listener: Listener) => {
      fake.saveListeners.push(listener);
      return disposable;
    },
    fs: {
      writeFile: async (uri: FakeUri, bytes: Uint8Array) => {
        fake.written.push({ uri: uri.toString(), bytes });
      },
      readFile: async (uri: FakeUri) => {
        const text = fake.files.get(uri.path);
        if (text === undefined) throw new Error(`no such file: ${uri.path}`);
        return new TextEncoder().encode(text);
      },
    },
  },
  window: {
    visibleTextEditors: [],
    activeTextEditor: undefined as unknown,
    createStatusBarItem: () => {
      const item = {
        text: '',
        tooltip: undefined as unknown,
        command: undefined as unknown,
        name: '',
        visible: false,
        show() {
          item.visible = true;
        },
        hide() {
          item.visible = false;
        },
        dispose() {},
      };
      fake.statusItems.push(item);
      return item;
    },
    onDidChangeActiveTextEditor: (listener: Listener) => {
      fake.activeEditorListeners.push(listener);
      return disposable;
    },
    onDidChangeTextEditorSelection: (listener: Listener) => {
      fake.selectionListeners.push(listener);
      return disposable;
    },
    showTextDocument: async (_document: unknown, options: unknown) => {
      fake.shown.push(options);
      return { revealRange: () => undefined };
    },
    showSaveDialog: async () => fake.saveTarget,
    showInformationMessage: async (message: string) => {
      fake.infos.push(message);
      return undefined;
    },
    showQuickPick: async (items: Array<{ label: string }>, options: unknown) => {
      fake.picks.push({ items, options });
      return fake.pick ? fake.pick(items) : items[0];
    },
    showWarningMessage: async (message: string) => {
      fake.warnings.push(message);
      return undefined;
    },
    createWebviewPanel: () => {
      const panel = fakeWebviewPanel();
      fake.created.push(panel);
      return panel;
    },
    registerWebviewPanelSerializer: (viewType: string, serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) => {
      fake.serializers.set(viewType, serializer);
      return disposable;
    },
  },
  extensions: {
    getExtension: (id: string) => fake.extensions.get(id),
  },
  commands: {
    executeCommand: async (...args: unknown[]) => {
      fake.executed.push(args);
    },
    registerCommand: (id: string, listener: Listener) => {
      fake.commands.set(id, listener);
      return disposable;
    },
  },
};
