-- wrk script for bench/mock.sh: POST the body in $BODY_FILE to $REQ_PATH
-- with the extra headers in $REQ_HEADERS ("Name: value" lines). Every
-- request is the same, so a pre-signed AK/SK request stays valid while its
-- X-Sdk-Date is within 15 minutes; the server still verifies it in full.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.path = os.getenv("REQ_PATH")
wrk.headers["Content-Type"] = "application/json;charset=UTF-8"
for line in string.gmatch(os.getenv("REQ_HEADERS") or "", "[^\n]+") do
  local k, v = line:match("^([^:]+):%s*(.*)$")
  if k then wrk.headers[k] = v end
end
