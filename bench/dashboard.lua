-- wrk script: the operator dashboard, 1,000 establishments per page. The
-- token comes from RELAIS_BENCH_TOKEN.
wrk.method = "POST"
wrk.body = '{"query":"{ dashboard(first: 1000) { hasNextPage rows { uai name kindLabel groupUai schoolYear publication diagnosticsCount errors model modelStatus } } }"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RELAIS_BENCH_TOKEN")
