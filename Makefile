# The two quick-start commands of the README, and a few conveniences.
.PHONY: demo test test-unit test-tsan bench build

SWIFT ?= swift
RELEASE_BIN := .build/release/seismo
# The release binary carries the Swift runtime and Foundation inside it: no dynamic loading and relocation of
# libFoundation and its ICU data at start-up (about 24 -> 15 ms with the bundled rules), and direct calls instead of
# PLT stubs for retain and release. Measured in Benchmarks/README.md (eighth round). Package.swift links it at a fixed
# address (-no-pie), so no relocations are applied at start-up either (fourteenth round).
RELEASE_BUILD := $(SWIFT) build -c release --static-swift-stdlib --product seismo

# Main job: build, then run the bundled example stream through the bundled rules; alerts are JSON lines on stdout.
demo:
	bash .ci/setup
	$(RELEASE_BUILD)
	$(RELEASE_BIN) generate --example | $(RELEASE_BIN) run --rules rules/ --stats-json .build/demo-stats.json

# Every test: unit, property and end-to-end tests, then the ring buffer's stress tests and the detector lane's
# two-ring hand-off under the thread sanitizer.
test:
	bash .ci/setup
	$(MAKE) test-unit
	$(MAKE) test-tsan

test-unit:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-tsan:
	TSAN_OPTIONS=ignore_interceptors_accesses=0 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter 'SeismoRingTests|DetectorLaneTests'

build:
	$(RELEASE_BUILD)

# End-to-end throughput against ../shared/bench/limit.c (see Benchmarks/README.md).
bench: build
	bash Benchmarks/end-to-end.sh
