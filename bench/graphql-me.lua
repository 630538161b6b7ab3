-- wrk script: the authenticated `me` query. The token comes from RELAIS_BENCH_TOKEN.
wrk.method = "POST"
wrk.body = '{"query":"{ me { id tenant { name } } }"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RELAIS_BENCH_TOKEN")
