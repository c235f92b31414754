-- Headless Neovim as a real LSP client: starts the layerlint server, opens a Dockerfile, waits for
-- the diagnostics, asks for a hover and code actions, and writes what it received as JSON.
-- Inputs (environment): LAYERLINT_CMD (JSON list), LAYERLINT_FILE, LAYERLINT_OUT.
local cmd = vim.fn.json_decode(os.getenv('LAYERLINT_CMD'))
local file = os.getenv('LAYERLINT_FILE')
local out = os.getenv('LAYERLINT_OUT')

local function write(result)
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local config = { name = 'layerlint', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':p:h') }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    -- Neovim 0.7 (Debian bookworm) has no vim.lsp.start.
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  local received = vim.wait(15000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)

  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code,
    })
  end

  local hover_text = vim.NIL
  local actions = {}
  if received then
    local first = vim.diagnostic.get(buf)[1]
    local position = { line = first.lnum, character = first.col }
    local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position,
    }, 10000)
    for _, response in pairs(hover or {}) do
      if response.result and response.result.contents then hover_text = response.result.contents.value end
    end
    local last = vim.diagnostic.get(buf)[#vim.diagnostic.get(buf)]
    local at = { line = last.lnum, character = last.col }
    local code_actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) }, range = { start = at, ['end'] = at },
      context = { diagnostics = {} },
    }, 10000)
    for _, response in pairs(code_actions or {}) do
      for _, action in ipairs(response.result or {}) do table.insert(actions, action.title) end
    end
  end

  write({ received = received, diagnostics = diagnostics, hover = hover_text, actions = actions, version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) })
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then write({ error = tostring(err) }) end
vim.cmd('qall!')
