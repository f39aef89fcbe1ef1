// Checks the extension without VS Code and without npm packages: the manifest, the language
// configuration and grammar load; activate() starts `goalspec lsp` through a stand-in for
// vscode-languageclient; and a plain Node LSP client talks to the real server over stdio.
// Run: node editors/vscode/test/smoke.js [path/to/goalspec]   (default .build/debug/goalspec)
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const Module = require("module");
const { spawn } = require("child_process");

const folder = path.join(__dirname, "..");
const root = path.join(folder, "..", "..");
const goalspec = path.resolve(process.argv[2] || process.env.GOALSPEC || path.join(root, ".build", "debug", "goalspec"));
let checks = 0;
function check(condition, message) {
  assert.ok(condition, message);
  checks += 1;
}

// 1. The manifest and the files it names.
const manifest = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"));
const language = manifest.contributes.languages[0];
check(language.id === "goalspec" && language.extensions.includes(".goal"), "package.json declares the goalspec language for .goal");
const config = JSON.parse(fs.readFileSync(path.join(folder, language.configuration), "utf8"));
check(config.comments.lineComment === "#", "language-configuration.json: # comments");
check(config.indentationRules && new RegExp(config.indentationRules.increaseIndentPattern).test("target job \"x\""),
      "language-configuration.json: indentation after a target line");
const word = new RegExp(config.wordPattern, "g");
check(["6byer", "1.0pp", "Århus", "målgruppe", "70%"].every((w) => (w.match(word) || [])[0] === w)
      && "share(job)".match(word).join(" ") === "share job", "language-configuration.json: words are names, numbers with % and pp");
check(!new RegExp(config.indentationRules.decreaseIndentPattern).test("") && !new RegExp(config.indentationRules.decreaseIndentPattern).test("  x"),
      "language-configuration.json: no line is outdented automatically");
const grammarInfo = manifest.contributes.grammars[0];
const grammar = JSON.parse(fs.readFileSync(path.join(folder, grammarInfo.path), "utf8"));
check(grammar.scopeName === "source.goalspec" && grammarInfo.scopeName === grammar.scopeName, "grammar scope source.goalspec");
check(fs.existsSync(path.join(folder, manifest.main)), "main script exists");

// 2. activate() with stand-ins for the vscode API and vscode-languageclient.
const registered = {};
const started = [];
const vscodeStub = {
  workspace: {
    getConfiguration: () => ({ get: () => undefined }),
    createFileSystemWatcher: (glob) => ({ glob }),
    openTextDocument: async (options) => options,
  },
  commands: { registerCommand: (name, fn) => { registered[name] = fn; return { dispose() {} }; } },
  window: { showInformationMessage() {}, showTextDocument: async () => {} },
  ViewColumn: { Beside: 2 },
};
class LanguageClientStub {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
  }
  async start() { started.push(this); }
  async stop() {}
}
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return vscodeStub;
  if (request === "vscode-languageclient/node") return { LanguageClient: LanguageClientStub };
  return originalLoad.call(this, request, parent, isMain);
};
const extension = require(path.join(folder, manifest.main));

async function main() {
  const context = { subscriptions: [] };
  await extension.activate(context);
  check(started.length === 1, "activate() starts one language client");
  const client = started[0];
  check(client.serverOptions.run.command === "goalspec" && client.serverOptions.run.args.join(" ") === "lsp",
        "the client runs `goalspec lsp`");
  check(client.clientOptions.documentSelector.some((s) => s.language === "goalspec"), "the client serves goalspec documents");
  const declared = manifest.contributes.commands.map((c) => c.command).sort();
  check(JSON.stringify(Object.keys(registered).sort()) === JSON.stringify(declared), "every declared command is registered");

  // 3. A Node LSP client and the real server.
  const server = spawn(goalspec, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const received = [];
  server.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      received.push(JSON.parse(buffer.slice(end + 4, end + 4 + length).toString("utf8")));
      buffer = buffer.slice(end + 4 + length);
      waiting.splice(0).forEach((wake) => wake());
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    server.stdin.write(body);
  };
  const next = async (predicate) => {
    const deadline = Date.now() + 60000;
    for (;;) {
      const i = received.findIndex(predicate);
      if (i >= 0) return received.splice(i, 1)[0];
      if (Date.now() > deadline) throw new Error("no answer from goalspec lsp");
      await new Promise((wake) => { waiting.push(wake); setTimeout(wake, 1000); });
    }
  };
  const spec = path.join(root, "Specs", "aarhus-msb-2026.goal");
  const uri = "file://" + spec.split("/").map(encodeURIComponent).join("/");
  send({ id: 1, method: "initialize", params: { processId: process.pid, capabilities: {} } });
  const init = await next((m) => m.id === 1);
  check(init.result.capabilities.codeLensProvider && init.result.capabilities.hoverProvider, "the server offers hover and code lens");
  send({ method: "initialized", params: {} });
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "goalspec", version: 1, text: fs.readFileSync(spec, "utf8") } } });
  const published = await next((m) => m.method === "textDocument/publishDiagnostics");
  check(published.params.uri === uri && published.params.diagnostics.length === 0, "diagnostics for the opened spec: none");
  send({ id: 2, method: "textDocument/codeLens", params: { textDocument: { uri } } });
  const lenses = await next((m) => m.id === 2);
  check(lenses.result[0].command.title === "✓ met +0.3pp", `the first lens reads ✓ met +0.3pp (got ${lenses.result[0].command.title})`);
  send({ id: 3, method: "shutdown" });
  await next((m) => m.id === 3);
  send({ method: "exit" });
  const code = await new Promise((resolve) => server.on("exit", resolve));
  check(code === 0, "the server exits 0 after shutdown and exit");
  console.log(`editors/vscode smoke test: all ${checks} checks hold`);
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
