# Relais — the two commands a newcomer needs: `make run` and `make test`.
# `make bench` measures; `make schema` regenerates schema.graphql.

CARGO ?= cargo

.PHONY: run test bench schema

## Start Relais with embedded defaults (SQLite in ./data) and demo accounts.
run:
	$(CARGO) run --locked -p relais-server --bin relais -- serve --demo

## Formatting, lints, the whole suite on SQLite and PostgreSQL, schema drift.
test:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	@$(CARGO) run -q --locked -p relais-server --bin relais -- print-schema | diff -u schema.graphql - \
	  || { echo "schema.graphql is out of date: run 'make schema' and commit it" >&2; exit 1; }
	scripts/ensure-test-tools.sh
	scripts/with-postgres.sh scripts/run-tests.sh

## Requests/s and latency of /healthz and of an authenticated GraphQL query.
bench:
	scripts/bench.sh

schema:
	$(CARGO) run -q --locked -p relais-server --bin relais -- print-schema > schema.graphql
