-- wrk script: one call, carried by the tokens of many signed-in people (BenchPeople writes them, one per line: the
-- token, a tab, the person's identity number — put into the body where it says {idNumber}: a citizen may ask about
-- their own data only).
-- Environment: BENCH_TOKENS the tokens' file; BENCH_SESSION how many calls in a row a token carries before the
-- thread moves on (1: every call a different token than the one before; 20: a short session, as a portal's);
-- BENCH_METHOD (GET), BENCH_BODY, BENCH_CONTENT_TYPE, BENCH_SOAP_ACTION.
-- The threads take the tokens round robin, each from its own start, so that the people follow one another as they
-- would at a gateway: every token in turn, then the first again.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local template = os.getenv("BENCH_BODY")
  if template == "" then template = nil end
  tokens, bodies = {}, {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local token, id = line:match("^(%S+)\t(%S+)$")
    if token then
      table.insert(tokens, token)
      table.insert(bodies, template and template:gsub("{idNumber}", id) or nil)
    end
  end
  session = tonumber(os.getenv("BENCH_SESSION") or "20")
  method = os.getenv("BENCH_METHOD") or "GET"
  headers = {}
  local type = os.getenv("BENCH_CONTENT_TYPE")
  if type and #type > 0 then headers["Content-Type"] = type end
  local action = os.getenv("BENCH_SOAP_ACTION")
  if action and #action > 0 then headers["SOAPAction"] = action end
  calls = 0
  first = (id * 7919) % #tokens -- each thread's own start, spread over the people
end

function request()
  local n = (first + math.floor(calls / session)) % #tokens
  calls = calls + 1
  headers["Authorization"] = "Bearer " .. tokens[n + 1]
  return wrk.format(method, nil, headers, bodies[n + 1])
end
