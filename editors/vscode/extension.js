// The Goalspec extension: starts `goalspec lsp` (the language server in the goalspec program)
// and connects VS Code to it with vscode-languageclient. Needs `npm install` in this folder.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

/** The server command from the `goalspec.path` setting. */
function serverOptions() {
  const command = vscode.workspace.getConfiguration("goalspec").get("path") || "goalspec";
  const run = { command, args: ["lsp"] };
  return { run, debug: run };
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: "file", language: "goalspec" },
      { scheme: "untitled", language: "goalspec" },
    ],
    synchronize: {
      // Data files changed on disk: the server re-reads them by modification time on the next save.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{goal,csv,tsv,json,ndjson,jsonl,xlsx}"),
    },
  };
}

async function start(context) {
  client = new LanguageClient("goalspec", "Goalspec", serverOptions(), clientOptions());
  await client.start();
}

async function activate(context) {
  // The Evaluate lens's command: show the verdict's explanation as `goalspec check` prints it.
  context.subscriptions.push(
    vscode.commands.registerCommand("goalspec.showExplanation", async (explanation) => {
      if (!explanation) {
        vscode.window.showInformationMessage("Save the spec to evaluate it.");
        return;
      }
      const document = await vscode.workspace.openTextDocument({ content: explanation, language: "plaintext" });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.commands.registerCommand("goalspec.restartServer", async () => {
      if (client) await client.stop();
      await start(context);
    }),
  );
  await start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
