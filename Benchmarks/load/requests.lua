-- wrk: sends the requests of one route's file (written by load-seed), one line after another.
--   wrk … -s Benchmarks/load/requests.lua URL -- FILE THREADS
-- A line is the method, path, headers (`|` between them) and body, separated by tabs. With as
-- many lines as threads or more, each thread takes its own share of them (a draft is submitted
-- by one thread only); `{v}` in a body is the file's version on this round through the lines.

local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local lines, position = {}, 0

function init(args)
  local threads = tonumber(args[2] or "1")
  local all = {}
  for text in io.lines(args[1]) do
    local method, path, headers, body = text:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if method then
      local named = {}
      for header in headers:gmatch("[^|]+") do
        local name, value = header:match("^([^:]+):%s*(.*)$")
        named[name] = value
      end
      table.insert(all, { method = method, path = path, headers = named, body = body })
    end
  end
  for index, line in ipairs(all) do
    if #all < threads or (index - 1) % threads == id then
      -- A request without a version is the same bytes every time: made once.
      if not line.body:find("{v}", 1, true) then
        line.ready = wrk.format(line.method, line.path, line.headers, line.body ~= "" and line.body or nil)
      end
      table.insert(lines, line)
    end
  end
end

function request()
  local count = #lines
  local line = lines[position % count + 1]
  local round = math.floor(position / count)
  position = position + 1
  if line.ready then return line.ready end
  local body = line.body:gsub("{v}", tostring(round + 1))
  return wrk.format(line.method, line.path, line.headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, failed, summary.requests))
end
