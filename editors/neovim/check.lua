-- Checks `goalspec lsp` with Neovim's own LSP client (Neovim 0.7 or later), headless:
--   GOALSPEC=.build/debug/goalspec nvim --headless -u NONE -c "luafile editors/neovim/check.lua"
-- from the repository's root. It opens Specs/aarhus-msb-2026.goal, asks for the hover on
-- share(job) and the code lenses, breaks a line of the unsaved buffer and waits for the
-- diagnostic; it prints what it got and exits 1 if anything is missing.
local bin = os.getenv("GOALSPEC") or "goalspec"
local failures = 0
local function check(ok, what)
  io.stdout:write((ok and "ok   " or "FAIL ") .. what .. "\n")
  if not ok then failures = failures + 1 end
end

local id = vim.lsp.start_client({ name = "goalspec", cmd = { bin, "lsp" }, root_dir = vim.fn.getcwd() })
vim.cmd("edit Specs/aarhus-msb-2026.goal")
vim.lsp.buf_attach_client(0, id)
local uri = vim.uri_from_bufnr(0)
vim.wait(20000, function()
  local client = vim.lsp.get_client_by_id(id)
  return client ~= nil and client.initialized
end)

local hover = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = uri }, position = { line = 32, character = 3 } }, 20000) or {}
local text = ""
for _, r in pairs(hover) do if r.result then text = r.result.contents.value end end
check(text:find("share(job) = 86.2% (198260 of 230000 persons, 2 rows, 2024K3)", 1, true) ~= nil, "hover on share(job) gives its value")

local lenses = vim.lsp.buf_request_sync(0, "textDocument/codeLens", { textDocument = { uri = uri } }, 20000) or {}
local title = ""
for _, r in pairs(lenses) do if r.result and r.result[1] then title = r.result[1].command.title end end
check(title == "✓ met +0.3pp", "the first code lens reads ✓ met +0.3pp (" .. title .. ")")

vim.api.nvim_buf_set_lines(0, 32, 33, false, { "  share(jobb) >= avg(6byer) + 1.0pp" })
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end)
local d = vim.diagnostic.get(0)[1]
check(d ~= nil and d.code == "GS0301" and d.lnum == 32 and d.col == 8, "the unsaved edit gives GS0301 at 33:9")

vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end)
vim.cmd(failures == 0 and "qa!" or "cq")
