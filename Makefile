# Relais — the two commands a newcomer needs: `make run` and `make test`.
# `make bench` measures; `make schema` regenerates schema.graphql, `make errors`
# docs/errors.md.

CARGO ?= cargo

.PHONY: run test bench bench-guard perf-doc schema errors release-binary image test-image console

## Start Relais with embedded defaults (SQLite in ./data) and demo accounts;
## the web console (built first when missing or older than its sources) at
## the address it prints.
run: console
	$(CARGO) run --locked -p relais-server --bin relais -- serve --demo

## The web console (frontend/dist), rebuilt only when a source is newer.
console:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "WARNING: npm is missing: the binary is built without the web console (install nodejs and npm)" >&2; \
	elif [ ! -f frontend/dist/index.html ] || [ -n "$$(find frontend/src frontend/public frontend/index.html frontend/package-lock.json frontend/vite.config.ts -newer frontend/dist/index.html -print -quit)" ]; then \
	  echo "Building the web console (frontend/dist)…"; \
	  cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error && npm run --silent build; \
	fi

## Formatting, lints, rustdoc (warnings denied), schema drift, deployment files (manifests, policy, alert
## rules), the image run against PostgreSQL, the whole suite on SQLite and PostgreSQL,
## then the console (codegen drift, lint, types, Vitest, build, end-to-end in Chromium).
test:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --workspace --no-deps
	@$(CARGO) run -q --locked -p relais-server --bin relais -- print-schema | diff -u schema.graphql - \
	  || { echo "schema.graphql is out of date: run 'make schema' and commit it" >&2; exit 1; }
	scripts/check-deploy.sh
	scripts/ensure-test-tools.sh
	scripts/with-postgres.sh infra/container/test-image.sh --debug-build
	scripts/with-postgres.sh scripts/run-tests.sh
	scripts/test-console.sh

## Requests/s and latency of /healthz and of an authenticated GraphQL query.
bench:
	scripts/bench.sh

## Instruction counts (callgrind) of the hot paths against bench/guard-baseline.txt:
## fails when one grows by more than 10 %. BENCH_GUARD_UPDATE=1 rewrites the baseline.
bench-guard:
	scripts/bench-guard.sh
	scripts/performance-figures.py

## Regenerates the generated figures of docs/performance.md from bench/results/.
perf-doc:
	scripts/performance-figures.py

schema:
	$(CARGO) run -q --locked -p relais-server --bin relais -- print-schema > schema.graphql

## Regenerates docs/errors.md (error codes and reasons, French meanings)
## from backend/api/src/error_catalog.rs; a test fails when it is stale.
errors:
	$(CARGO) run -q --locked -p relais-server --bin relais -- print-errors > docs/errors.md

## The release binary the image holds (also run by infra/container/Containerfile).
release-binary: console
	$(CARGO) build --release --locked -p relais-server --bin relais

## The OCI image (podman, FROM scratch: binary, its libraries, CA certificates).
image:
	infra/container/build-image.sh

## Builds the image, then runs it against the machine's PostgreSQL: readiness,
## a login, a query, a graceful stop (docs/operations.md, "Container image").
test-image: image
	scripts/with-postgres.sh infra/container/test-image.sh
