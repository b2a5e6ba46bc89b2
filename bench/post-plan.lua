-- wrk: POST bench/support-assistant.json to /api/v1/evaluations (bench/run).
local f = assert(io.open(os.getenv("PLAN_JSON") or "bench/support-assistant.json", "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
