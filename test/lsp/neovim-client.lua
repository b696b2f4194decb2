-- A real LSP client for the end-to-end test: Neovim (0.7+) headless starts `moesys lsp --stdio`,
-- opens a file, waits for diagnostics, asks for a hover and a completion, opens the preview (the
-- server then pushes its model as a notification), and writes what it got
-- as JSON to $MOESYS_E2E_OUT. Driven by test/lsp/neovim.test.ts.
local root = vim.env.MOESYS_E2E_ROOT
local file = vim.env.MOESYS_E2E_FILE
local out = vim.env.MOESYS_E2E_OUT
local node = vim.env.MOESYS_E2E_NODE

local result = { diagnostics = {}, hover = vim.NIL, completion = {}, preview = vim.NIL, error = vim.NIL }

local function finish()
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qa!')
end

local ok, problem = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'moesys',
    cmd = { node, root .. '/bin/moesys.js', 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    handlers = {
      ['moesys/preview/model'] = function(_, model) result.preview = model end,
    },
  })
  assert(client_id, 'could not start the language server')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'moesys'
  vim.lsp.buf_attach_client(bufnr, client_id)

  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  assert(arrived, 'no diagnostics within 30 s')
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local hover_line = tonumber(vim.env.MOESYS_E2E_HOVER_LINE)
  local hover_col = tonumber(vim.env.MOESYS_E2E_HOVER_COL)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = hover_line, character = hover_col },
  }, 20000)
  for _, response in pairs(responses or {}) do
    if response.result then result.hover = response.result.contents end
  end

  local completion_line = tonumber(vim.env.MOESYS_E2E_COMPLETION_LINE)
  local completion_col = tonumber(vim.env.MOESYS_E2E_COMPLETION_COL)
  local completions = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = uri }, position = { line = completion_line, character = completion_col },
  }, 20000)
  for _, response in pairs(completions or {}) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  end
  vim.lsp.get_client_by_id(client_id).notify('moesys/preview/open', { uri = uri })
  vim.wait(20000, function() return result.preview ~= vim.NIL end, 50)
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(problem) end
finish()
