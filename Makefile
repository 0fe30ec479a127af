# ordergen: Huawei Cloud order endpoints, from doc pages to Go code.
GO ?= go
SPECS := $(basename $(notdir $(wildcard specs/*.yaml)))

.PHONY: all generate check test test-short golden bench vet fuzz

all: generate test

## generate: rebuild generated/ from specs/ (and the emitters' table of rt's names)
generate:
	@$(GO) test ./generator/emit/rtid -run TestTable -update >/dev/null
	@for s in $(SPECS); do $(GO) run ./cmd/gen --spec specs/$$s.yaml --out generated/$$s --package $$s || exit 1; done
	@$(GO) run ./cmd/gen --spec difftest/rich/rich.yaml --out difftest/rich --package rich

## check: fail when generated/ is stale
check:
	@for s in $(SPECS); do $(GO) run ./cmd/gen --check --spec specs/$$s.yaml --out generated/$$s --package $$s || exit 1; done
	@$(GO) run ./cmd/gen --check --spec difftest/rich/rich.yaml --out difftest/rich --package rich

## vet: go vet both modules
vet:
	$(GO) vet ./...
	cd e2e && $(GO) vet ./...

## test: every test, both modules (what CI runs); the concurrent code (generated mocks, rt, cmd/mock)
## again under the race detector. The e2e module runs without it: race-instrumenting the official
## SDK's packages costs minutes, and the code under test there is raced in the main module.
test: check vet
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 ./generated/... ./rt/... ./cmd/mock/...
	cd e2e && $(GO) test -count=1 ./...

## golden: rewrite the golden files from the current generator
golden:
	$(GO) test ./generator/... -update

## bench: benchmarks against the peers, and the mock under hostile load (not run in CI)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	cd e2e && $(GO) test -run '^$$' -bench . -benchmem ./...
	bash bench/mock.sh
	GO=$(GO) bash bench/peers/run.sh
	$(GO) run ./bench/mockload

## fuzz: fuzz the loader and run the long random-schema differential batch (not run in CI)
FUZZTIME ?= 10m
RANDSPEC_DOCS ?= 2000
fuzz:
	$(GO) test ./generator/loader -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) -fuzzminimizetime 1x
	RANDSPEC_DOCS=$(RANDSPEC_DOCS) $(GO) test ./difftest/randspec -run TestRandomSchemas -timeout 0 -v
