# A thin layer over CMake: `make run` and `make test` are the quick start.
# Both first make sure the Debian packages the build needs are installed.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PACKAGES   := build-essential cmake pkg-config libncurses-dev libyaml-dev libcmark-dev \
              libsqlite3-dev libcmocka-dev libjemalloc-dev tmux python3 locales-all

.PHONY: all run test unit asan fuzz deps configure build install clean format bench content-check

all: build

deps:
	@./.ci/install-deps $(PACKAGES)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/review --exercises exercises

# The suite runs twice: a plain build, then everything under ASan + UBSan; then
# the loader fuzzer for a bounded time when clang is present.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory fuzz

unit: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -R unit/

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DREVIEW_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

fuzz: deps
	@if command -v clang >/dev/null 2>&1; then \
	  cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DREVIEW_FUZZ=ON -DREVIEW_TESTS=OFF >/dev/null && \
	  cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_loader && \
	  tests/fuzz/run $(FUZZ_BUILD)/tests/fuzz/fuzz_loader $(FUZZ_SECONDS); \
	else echo "fuzz: clang not found, skipping the loader fuzzer"; fi

# Not part of `make test`: installs the toolchains the catalog's languages need
# (Debian 12, plus TypeScript from npm into ~/.cache/review/content-check), then
# compiles or parses every snippet and runs every tests/content/proofs/<id>/run.
# See docs/authoring.md.
content-check: build
	tests/content/check

# Not part of `make test`: prints timings, asserts nothing. BENCH_ARGS=--huge adds 100,000.
bench: build
	@./.ci/install-deps time tmux
	python3 tests/bench/bench.py --review $(BUILD)/review $(BENCH_ARGS)

install: build
	cmake --install $(BUILD)

format:
	clang-format -i src/*.c src/*/*.c include/review/*.h tests/unit/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
