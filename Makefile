# ki: build, test and install the ki command-line filters (GNU make, no configure).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
MAN5DIR = $(PREFIX)/share/man/man5
DATADIR = $(PREFIX)/share/ki

CC ?= cc
AR ?= ar
WERROR =
CFLAGS = -std=c11 -O2 -g -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wswitch-enum -pthread $(WERROR)
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -DKI_DATADIR=\"$(DATADIR)\"
# The reader parses ahead in a second thread (C11 threads).
LDFLAGS = -pthread
# make debug sets SAN; it is added to every compile and link line.
# float-cast-overflow (a double out of an integer's range, cast) is not part
# of -fsanitize=undefined in GCC, so it is named.
SAN =
SANFLAGS = -O0 -g -fsanitize=address,undefined,float-cast-overflow \
	-fno-omit-frame-pointer
SAN_ENV = ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# make debug runs the tests again built by clang, when it is installed: its
# UBSan checks what GCC's does not (and the other way about).
CLANG := $(shell command -v clang 2>/dev/null)

# libcsv has no .pc file on Debian, so -lcsv is the fallback.
CSV_LIBS := $(shell pkg-config --libs libcsv 2>/dev/null || echo -lcsv)
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
JANSSON_LIBS := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || \
	echo -pthread -lcheck -lsubunit -lrt -lm)
LDLIBS = libki.a $(CSV_LIBS) $(JANSSON_LIBS) -lm

# lib/*_impl.h are a module's insides, shared by its files.
HDR = $(wildcard include/ki/*.h lib/*.h)
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:.c=.o)
BINSRC = $(wildcard cmd/ki-*.c)
BINOBJ = $(BINSRC:.c=.o)
BINS = $(patsubst cmd/%.c,%,$(BINSRC))
UNITSRC = $(wildcard tests/unit/check_*.c)
UNITS = $(UNITSRC:.c=)
MANS = $(wildcard man/*.1)
MANS5 = $(wildcard man/*.5)

# Rebuild everything when the flags change (for example after make debug, or a
# new PREFIX, which is compiled in as KI_DATADIR).
FLAGS_STAMP = .build-flags
FLAGS_NOW = $(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) $(LDFLAGS) $(JANSSON_CFLAGS) $(LDLIBS)
ifeq ($(filter clean uninstall deps,$(MAKECMDGOALS)),)
$(shell printf '%s\n' '$(FLAGS_NOW)' | cmp -s - $(FLAGS_STAMP) || \
	printf '%s\n' '$(FLAGS_NOW)' > $(FLAGS_STAMP))
endif
$(FLAGS_STAMP):
	@printf '%s\n' '$(FLAGS_NOW)' > $@

.SUFFIXES:
.DELETE_ON_ERROR:
.PHONY: all unit check debug debug-clang demo deps deps-check deps-test install \
	uninstall clean \
	replay fuzz bench

all: deps-check libki.a $(BINS)

# tools/deps.sh asks dpkg for each package ki needs (fast when all are there);
# it installs what is missing when run as root, else prints the apt-get line
# and stops. A plain build needs libcsv, jansson and pkg-config alone;
# deps-test adds what make check needs (tools/deps.sh lists it).
deps-check:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

deps:
	sh tools/deps.sh test

$(LIBOBJ) $(BINOBJ): $(HDR) $(FLAGS_STAMP) | deps-check

lib/%.o: lib/%.c
	$(CC) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) $(SAN) -c -o $@ $<

cmd/%.o: cmd/%.c
	$(CC) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) $(SAN) -c -o $@ $<

libki.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BINS): %: cmd/%.o libki.a
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $< $(LDLIBS)

unit: $(UNITS)

# Every unit test is linked with the helpers they share, tests/unit/util.c.
$(UNITS): %: %.c tests/unit/util.c tests/unit/util.h libki.a $(HDR) \
		$(FLAGS_STAMP) | deps-test
	$(CC) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CHECK_CFLAGS) $(CFLAGS) $(SAN) $(LDFLAGS) \
		-o $@ $< tests/unit/util.c $(LDLIBS) $(CHECK_LIBS)

# The fuzz targets: built as replay programs (plain cc) that make check runs
# over tests/fuzz/corpus/, and with clang's libFuzzer for make fuzz. The
# library targets fuzz one part each; cmd_NAME runs all of ki-NAME, its
# arguments and its input (tests/fuzz/fuzz_cmd.c).
FUZZ_LIB = reader map policy report
FUZZ_CMD = import floor categorise allocate report broker plan
FUZZ = $(FUZZ_LIB) $(FUZZ_CMD:%=cmd_%)
REPLAYS_LIB = $(FUZZ_LIB:%=tests/fuzz/replay_%)
REPLAYS_CMD = $(FUZZ_CMD:%=tests/fuzz/replay_cmd_%)
REPLAYS = $(REPLAYS_LIB) $(REPLAYS_CMD)
FUZZERS_LIB = $(FUZZ_LIB:%=tests/fuzz/fuzz_%)
FUZZERS_CMD = $(FUZZ_CMD:%=tests/fuzz/fuzz_cmd_%)
FUZZERS = $(FUZZERS_LIB) $(FUZZERS_CMD)
FUZZ_SECONDS ?= 60
# make fuzz FUZZ_RUN='reader cmd_floor' runs only those.
FUZZ_RUN ?= $(FUZZ)
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -std=c11 -pthread -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_SHARE = -DFUZZ_SHARE=\"$(CURDIR)/share\"

replay: $(REPLAYS)

$(REPLAYS_LIB): tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c \
		tests/fuzz/replay.c tests/fuzz/fuzz.h libki.a $(HDR) $(FLAGS_STAMP)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(JANSSON_CFLAGS) $(CFLAGS) $(SAN) \
		$(LDFLAGS) -o $@ $< tests/fuzz/fuzz.c tests/fuzz/replay.c $(LDLIBS)

# A command's main, renamed for the harness.
tests/fuzz/cmd_%.o: cmd/ki-%.c $(HDR) $(FLAGS_STAMP) | deps-check
	$(CC) $(CPPFLAGS) $(JANSSON_CFLAGS) $(CFLAGS) $(SAN) \
		-Wno-missing-prototypes -Dmain=fuzz_cmd_main -c -o $@ $<

$(REPLAYS_CMD): tests/fuzz/replay_cmd_%: tests/fuzz/cmd_%.o \
		tests/fuzz/fuzz_cmd.c tests/fuzz/fuzz.c tests/fuzz/replay.c \
		tests/fuzz/fuzz.h libki.a $(HDR) $(FLAGS_STAMP)
	$(CC) $(CPPFLAGS) $(FUZZ_SHARE) -Itests/fuzz $(JANSSON_CFLAGS) \
		$(CFLAGS) $(SAN) $(LDFLAGS) -o $@ tests/fuzz/fuzz_cmd.c \
		tests/fuzz/fuzz.c tests/fuzz/replay.c $< $(LDLIBS)

$(FUZZERS_LIB): tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c \
		tests/fuzz/fuzz.h $(LIBSRC) $(HDR)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) -Itests/fuzz $(JANSSON_CFLAGS) \
		-o $@ $< tests/fuzz/fuzz.c $(LIBSRC) $(CSV_LIBS) $(JANSSON_LIBS) -lm

# In the fuzzer's process: exit() jumps back, fclose of its streams is seen.
$(FUZZERS_CMD): tests/fuzz/fuzz_cmd_%: cmd/ki-%.c tests/fuzz/fuzz_cmd.c \
		tests/fuzz/fuzz.c tests/fuzz/fuzz.h $(LIBSRC) $(HDR)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) $(FUZZ_SHARE) -DFUZZ_INPROCESS \
		-Dmain=fuzz_cmd_main -Dexit=fuzz_exit -Itests/fuzz \
		$(JANSSON_CFLAGS) -Wl,--wrap=fclose -o $@ tests/fuzz/fuzz_cmd.c \
		tests/fuzz/fuzz.c $< $(LIBSRC) $(CSV_LIBS) $(JANSSON_LIBS) -lm

# Each target for FUZZ_SECONDS (nice, one at a time) from a copy of its
# corpus; new crashes land in tests/fuzz/crashes/ to be fixed and copied
# into the corpus. The command targets leave leak checks to the replays:
# an exit() in the fuzzer's process leaves what the command held. Ends
# with the executions of each target, and fails if any found a fault.
fuzz: $(FUZZ_RUN:%=tests/fuzz/fuzz_%)
	@mkdir -p tests/fuzz/crashes
	@bad=0; sum=$$(mktemp); for t in $(FUZZ_RUN); do \
		w=$$(mktemp -d); cp tests/fuzz/corpus/$$t/* "$$w"/; \
		case $$t in cmd_*) o="-detect_leaks=0 -dict=$(CURDIR)/tests/fuzz/cmd.dict";; \
		*) o=;; esac; \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s"; s0=$$(date +%s); \
		nice -n 10 tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
		    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $$o \
		    -artifact_prefix=$(CURDIR)/tests/fuzz/crashes/$$t- "$$w" \
		    >"$$w.log" 2>&1; st=$$?; s=$$(($$(date +%s) - s0)); \
		grep -E 'stat::number_of_executed_units|stat::new_units_added|ERROR|SUMMARY|fuzz_cmd:|Test unit written' "$$w.log"; \
		n=$$(sed -n 's/^stat::number_of_executed_units: *//p' "$$w.log"); \
		if [ $$st -ne 0 ]; then bad=1; r="FAULT (status $$st; log $$w.log)"; \
		else r=ok; rm -f "$$w.log"; fi; \
		printf '%-20s %12s executions in %5s s: %s\n' "fuzz_$$t" \
		    "$${n:-?}" "$$s" "$$r" >>"$$sum"; \
		rm -rf "$$w"; \
	done; echo; cat "$$sum"; rm -f "$$sum"; exit $$bad

# The allocation-failure sweep's malloc shim, preloaded by tests/oom/sweep.sh.
OOMSHIM = tests/oom/failmalloc.so

$(OOMSHIM): tests/oom/failmalloc.c
	$(CC) -std=c11 -O2 -g -Wall -Wextra $(WERROR) -fPIC -shared -o $@ $<

check: deps-test all unit replay $(OOMSHIM)
	sh tests/check.sh

# Speed and memory beside the peers, on generated England-scale data: slow,
# and never part of make check. BENCH_SIZES picks the sizes.
bench: all
	bash bench/run.sh $(BENCH_SIZES)

debug:
	$(MAKE) clean
	$(MAKE) SAN='$(SANFLAGS)' all unit replay $(OOMSHIM)
	$(SAN_ENV) sh tests/check.sh
ifneq ($(CLANG),)
	$(MAKE) debug-clang
else
	@echo "make debug: no clang, so GCC's sanitizers only (apt-get install clang)"
endif

# The same under clang's sanitizers (make debug runs it when clang is there).
debug-clang:
	$(MAKE) clean
	$(MAKE) CC=clang SAN='$(SANFLAGS)' all unit replay $(OOMSHIM)
	$(SAN_ENV) sh tests/check.sh

KI_OUT ?= $(CURDIR)/demo-out
demo: deps-check all
	@if [ ! -f examples/demo.sh ]; then \
		echo "make demo: examples/demo.sh is missing" >&2; exit 1; \
	fi
	mkdir -p '$(KI_OUT)'
	PATH='$(CURDIR)':"$$PATH" KI_OUT='$(KI_OUT)' sh examples/demo.sh

install: all
	mkdir -p '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)' '$(DESTDIR)$(DATADIR)'
	$(if $(BINS),install -m 755 $(BINS) '$(DESTDIR)$(BINDIR)/')
	$(if $(MANS),install -m 644 $(MANS) '$(DESTDIR)$(MANDIR)/')
	$(if $(MANS5),mkdir -p '$(DESTDIR)$(MAN5DIR)' && \
		install -m 644 $(MANS5) '$(DESTDIR)$(MAN5DIR)/')
	if [ -d share ]; then \
		cd share && find . -type f ! -name '.*' | while IFS= read -r f; do \
			d='$(DESTDIR)$(DATADIR)'/$${f%/*}; \
			mkdir -p "$$d" && install -m 644 "$$f" "$$d/" || exit 1; \
		done; \
	fi

uninstall:
	$(if $(BINS),cd '$(DESTDIR)$(BINDIR)' && rm -f $(BINS))
	$(if $(MANS),cd '$(DESTDIR)$(MANDIR)' && rm -f $(notdir $(MANS)))
	$(if $(MANS5),cd '$(DESTDIR)$(MAN5DIR)' && rm -f $(notdir $(MANS5)))
	rm -rf '$(DESTDIR)$(DATADIR)'

clean:
	rm -f lib/*.o cmd/*.o libki.a $(BINS) $(UNITS) $(FLAGS_STAMP) \
		$(REPLAYS) $(FUZZERS) tests/fuzz/cmd_*.o $(OOMSHIM)
	rm -rf demo-out
