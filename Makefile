# Thin wrapper over CMake: `make report` renders the sample report, `make test` runs the tests.
# Both install missing Debian packages first (as root; otherwise they print the command).
BUILD   ?= build
PREFIX  ?= /usr/local
WERROR  ?= OFF
TYPE    ?= RelWithDebInfo
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps configure build report test install sanitize clean

all: build

deps:
	@sh .ci/deps

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(TYPE) -DLR_WERROR=$(WERROR) \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

report: build
	$(BUILD)/llmreport build -q -f md,json,svg,pdf -o report samples/
	$(BUILD)/llmreport build -q -c samples/llmreport.ko.json -f md,svg,pdf -o report/ko samples/
	@echo "wrote report/: report.md, report.pdf, charts/, results.json (Korean: report/ko/)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

sanitize:
	$(MAKE) test BUILD=build-asan TYPE=Debug CMAKE_FLAGS=-DLR_SANITIZE=ON

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-asan report
