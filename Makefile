# relief - knowledge-base search for symptom questions.
#
#   make            build bin/relief
#   make check      install missing packages, build, run every test
#   make demo       install missing packages, build, index corpus/, ask
#   make asan       the test suite under AddressSanitizer + UBSan
#   make bench      indexing and query benchmarks -> BENCHMARKS.md
#   make eval-clean score the cleaner on ../shared/eval/noisy-dev
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages relief needs
#   make format     clang-format every source file

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
SAN ?=

CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
PKGS = xapian-core libpcre2-8 libutf8proc jansson libxml-2.0

# Recursively expanded on purpose: pkg-config runs when a recipe needs the
# flags, i.e. after `make deps` has installed the packages.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

OPT ?= -O2
WARN = -Wall -Wextra -Werror
CFLAGS ?=
CXXFLAGS ?=
LDFLAGS ?=
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) -g \
	-DKB_DATADIR='"$(PREFIX)/share/relief"' -DKB_SRCDIR='"$(CURDIR)"' \
	$(WARN) -fPIC $(SAN) $(PKG_CFLAGS) $(CFLAGS)
# The store is the only C++; its symbols are hidden except the kb_ API.
ALL_CXXFLAGS = -std=c++17 $(OPT) -g $(WARN) -fPIC -fvisibility=hidden \
	$(SAN) $(PKG_CFLAGS) $(CXXFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lstdc++ -lm -lpthread

LIB_C = $(sort $(wildcard util/*.c text/*.c indexer/*.c query/*.c))
LIB_CXX = store/kb_store.cc
CLI_C = $(sort $(wildcard cli/*.c))
TEST_C = $(sort $(wildcard tests/test_*.c))

LIB_OBJ = $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
CLI_OBJ = $(CLI_C:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_C:tests/%.c=$(BUILD)/tests/%)
BIN = $(if $(filter build,$(BUILD)),bin/relief,$(BUILD)/bin/relief)
# The plain-Xapian baseline of make eval and make bench (never linked
# into relief).
BASELINE = $(BUILD)/bench/baseline
BASELINE_PKGS = xapian-core jansson

.PHONY: all check test demo asan bench eval-clean install uninstall deps \
	format clean symbols
.DEFAULT_GOAL := all

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libkb.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# A shared build of the library, used only to check that nothing but the
# kb_ API is exported (tests/check-symbols.sh).
$(BUILD)/libkb.so: $(LIB_OBJ) store/kb.sym
	$(CXX) -shared -o $@ $(LIB_OBJ) -Wl,--version-script=store/kb.sym \
		$(ALL_LDFLAGS) $(LIBS)

$(BIN): $(CLI_OBJ) $(BUILD)/libkb.a
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(CLI_OBJ) $(BUILD)/libkb.a $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libkb.a
	$(CC) -o $@ $< $(BUILD)/libkb.a $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(LIBS)

# Every public header must compile as C++ too.
$(BUILD)/tests/cplusplus: tests/cplusplus.cc $(BUILD)/libkb.a
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -o $@ $< $(BUILD)/libkb.a $(ALL_LDFLAGS) $(LIBS)

deps:
	@sh tools/deps.sh

# The test run: unit tests, the C++ header check, the exported-symbol
# check, then end-to-end tests of the real binary.  tests/run.sh prints the
# closing "N passed, N failed" line.
test: $(BIN) $(TEST_BIN) $(BUILD)/tests/cplusplus $(BUILD)/libkb.so
	@RELIEF=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory test

# A sanitizer report makes the process exit 86, which no test expects, so
# a report inside an end-to-end run fails that test too.  KB_SLOW relaxes
# the time limits of the pathological-input tests for the slower build.
asan:
	@$(MAKE) --no-print-directory deps
	@KB_SLOW=1 ASAN_OPTIONS=exitcode=86:detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	$(MAKE) --no-print-directory test BUILD=build/asan OPT=-O1 \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(abspath $(BIN))

eval-clean:
	@$(MAKE) --no-print-directory all
	@sh tools/eval-clean.sh $(abspath $(BIN))

bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(BASELINE)
	@sh bench/bench.sh $(abspath $(BIN)) $(abspath $(BASELINE))

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/relief
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/relief
	install -m 644 stopwords/english.txt \
		$(DESTDIR)$(PREFIX)/share/relief/english.txt
	install -d $(DESTDIR)$(PREFIX)/share/relief/lexicon
	install -m 644 lexicon/*.txt $(DESTDIR)$(PREFIX)/share/relief/lexicon

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/relief
	rm -rf $(DESTDIR)$(PREFIX)/share/relief

format:
	clang-format -i $(LIB_C) $(LIB_CXX) $(CLI_C) $(TEST_C) \
		$(wildcard */*.h)

clean:
	rm -rf build bin relief.db

.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)

# make eval: relief and the plain-Xapian baseline (bench/baseline.cc) on the
# MedQuAD dev questions, side by side -> BENCHMARKS.md.  The baseline is a
# benchmark tool, never linked into relief.

$(BASELINE): bench/baseline.cc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(OPT) -g $(WARN) $(SAN) \
		$(shell $(PKG_CONFIG) --cflags $(BASELINE_PKGS)) $(CXXFLAGS) \
		-o $@ $< $(ALL_LDFLAGS) \
		$(shell $(PKG_CONFIG) --libs $(BASELINE_PKGS))

.PHONY: eval
eval:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(BASELINE)
	@sh tools/eval.sh $(abspath $(BIN)) $(abspath $(BASELINE))
