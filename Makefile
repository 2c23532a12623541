# Coop Plan — the two commands are `make run` and `make test` (see README.md).
# Every public target installs what is missing first (scripts/setup.sh).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Puts cargo's tools and npm's wasm-opt (binaryen 132) first on PATH.
ENV := . scripts/env.sh &&
PORT ?= 8080

.PHONY: run test bench fuzz setup build serve \
        fmt-check clippy invariants test-native test-browser size e2e e2e-deps clean \
        test-interop test-couchdb test-sync couchdb-setup

## make run: install what is missing, build the release, serve it at http://127.0.0.1:8080
run: setup build serve

## make test: install what is missing, then every check CI runs, in order
test: setup
	$(MAKE) --no-print-directory fmt-check clippy invariants test-native test-couchdb test-browser build
	scripts/size.sh --check
	$(MAKE) --no-print-directory e2e test-sync

## make bench: bundle sizes, cold load, and indicator timings (wasm vs native)
bench: setup build
	scripts/bench.sh

## make fuzz: the property test over whole hostile documents, 100,000 cases
## (PROPTEST_CASES=n to change), optimised but with overflow checks on
fuzz:
	$(ENV) PROPTEST_CASES=$${PROPTEST_CASES:-100000} \
	  CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true \
	  cargo test --release --no-default-features --test whole_documents -- --nocapture

setup:
	scripts/setup.sh

## make couchdb-setup URL=https://host:6984 DB=coop-plan-<province> [USERS=users.json] [CORS=https://app-origin]
## prepares a province's CouchDB for sync (_security, the design document that
## says who may write what, users, CORS); the admin's password from COUCH_ADMIN=name:password
couchdb-setup:
	@[ -n "$(URL)" ] && [ -n "$(DB)" ] || { echo "usage: make couchdb-setup URL=https://host:6984 DB=coop-plan-<province> [USERS=users.json] [CORS=https://app-origin]" >&2; exit 2; }
	node scripts/couchdb-setup.js --url "$(URL)" --db "$(DB)" $(if $(USERS),--users "$(USERS)") $(if $(CORS),--cors "$(CORS)")

## make test-interop: the exported CSV files opened by LibreOffice Calc (not part of `make test`)
# Installs Debian's libreoffice-calc-nogui when soffice is missing (apt-get),
# exports units whose names look like formulas, converts the CSV to xlsx and
# back with `soffice --headless --convert-to`, and checks that the names are
# text and nothing was computed (scripts/interop.sh).
test-interop:
	scripts/interop.sh

# --- steps (they assume `make setup` has run) ---------------------------------

## the architecture's checkable invariants: the crates, no web crate in the
## domain, no HTML text or string actions (scripts/invariants.sh)
invariants:
	scripts/invariants.sh

build:
	@[ -f style/main.css ] || { mkdir -p style; : > style/main.css; }
	$(ENV) scripts/check-versions.sh
	$(ENV) trunk build --release
	@grep -q '__BUILD_ID__' dist/sw.js && { echo "dist/sw.js was not stamped with a build id" >&2; exit 1; } || true

serve:
	@echo "Coop Plan: http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	node tests/e2e/server.js --dir dist --port $(PORT)

fmt-check:
	$(ENV) cargo fmt --check

clippy:
	$(ENV) cargo clippy --all-targets --features bench -- -D warnings
	$(ENV) cargo clippy --no-default-features --all-targets -- -D warnings

# The domain alone, natively: no reactive_graph, gloo or web-sys is compiled.
test-native:
	$(ENV) cargo test --no-default-features

# wasm-bindgen-test in headless Chromium (runner and chromedriver from PATH,
# see .cargo/config.toml).
test-browser:
	$(ENV) WASM_BINDGEN_TEST_TIMEOUT=$${WASM_BINDGEN_TEST_TIMEOUT:-60} cargo test --target wasm32-unknown-unknown

size:
	scripts/size.sh

# The sync's server side on a CouchDB-protocol stand-in (started and stopped here).
test-couchdb:
	scripts/couchdb-test.sh

# The app's sync in Chromium against the stand-in, under the app's origin
# (started and stopped here; needs dist/, so it runs after the build).
test-sync:
	scripts/sync-e2e.sh

e2e-deps:
	scripts/e2e.sh --deps-only

# Playwright against dist/ (run `make build` first; `make test` does).
e2e:
	scripts/e2e.sh

clean:
	rm -rf dist tests/e2e/test-results tests/e2e/playwright-report
	cargo clean
