# yuedu: a terminal reader for corpora of long Chinese documents.
#
#   make            build build/yuedu
#   make run        build and open the bundled guide
#   make test       unit and end-to-end tests, then again under ASan + UBSan
#   make bench      generate a 100 MB corpus and measure
#   make fuzz       run every libFuzzer target for FUZZ_SECONDS (60) each
#   make valgrind   valgrind memcheck over every batch mode
#   make coverage   line coverage of the unit and end-to-end tests (lcov)
#   make mutate     plant each mutant of tests/mutants.txt, report the survivors
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        build/yuedu_VERSION_ARCH.deb (dpkg-deb; lintian-checked)
#   make pot        po/yuedu.pot from the marked strings (docs/TRANSLATION.md)
#   make clean
#
# On a fresh Debian/Ubuntu machine the first build installs what is missing
# (pkg-config, ncursesw, ICU, libyaml, cmark-gfm, libxml2, libzip, gettext; cmocka and tmux for the tests) with
# apt-get, through sudo when not root.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
DATADIR  = $(PREFIX)/share/yuedu
MANDIR   = $(PREFIX)/share/man/man1
MANLANGS = zh_CN zh_TW
LOCALEDIR = $(PREFIX)/share/locale
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

PKGS      := ncursesw icu-uc icu-i18n yaml-0.1 libcmark-gfm libxml-2.0 libzip
TEST_PKGS := cmocka
DEBS      := pkg-config libncurses-dev libicu-dev libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libzip-dev gettext
TEST_DEBS := libcmocka-dev tmux openssh-server openssh-client python3 zsh fish valgrind
BENCH_DEBS := ripgrep less

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(CI),true)
WARN += -Werror
endif
ifeq ($(SANITIZE),1)
OPT := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LDSAN := -fsanitize=address,undefined
else
OPT ?= -O2 -g
LDSAN :=
endif

# pkg-config is asked when a recipe runs (deferred `=`), after `deps` has
# had the chance to install what it needs.
DEFS        = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DYD_DATADIR='"$(DATADIR)"' -DYD_LOCALEDIR='"$(LOCALEDIR)"'
CORE_CFLAGS = -std=c17 $(WARN) $(OPT) -Iinclude $(DEFS) $(shell pkg-config --cflags icu-uc icu-i18n yaml-0.1 libcmark-gfm libxml-2.0 libzip)
TUI_CFLAGS  = -std=c17 $(WARN) $(OPT) -Iinclude -DNCURSES_WIDECHAR=1 $(shell pkg-config --cflags ncursesw)
LIBS        = $(shell pkg-config --libs $(PKGS)) -lpthread
# The reader itself loads libxml2 and libzip only when a document needs
# them (src/late/late_libraries.c: each costs every start about half a
# millisecond of dynamic linking), and links ICU statically, with the C++
# library under it (0.8 ms of symbol lookups at every start; ICU is the
# reader's only C++). docs/PERFORMANCE.md, "First screen"; docs/DEPENDENCIES.md.
LATE_PKGS   := libxml-2.0 libzip
soname      = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/lib$(2).so 2>/dev/null | awk '/SONAME/ { print $$2 }')
ifeq ($(SANITIZE),1)
ICU_LIBS    = $(shell pkg-config --libs icu-uc icu-i18n)
else
ICU_LIBS    = -Wl,-Bstatic $(shell pkg-config --libs icu-uc icu-i18n) -lstdc++ -Wl,-Bdynamic -lm -static-libgcc
endif
READER_LIBS = $(shell pkg-config --libs ncursesw yaml-0.1 libcmark-gfm) $(ICU_LIBS) -ldl -lpthread
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

CORE_SRC := $(wildcard src/core/*.c)
LATE_SRC := src/late/late_libraries.c
CLI_SRC  := $(wildcard src/cli/*.c)
TUI_SRC  := $(wildcard src/tui/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard tests/bench/*.c)
# Translations (docs/TRANSLATION.md): po/LANG.po compiled into the tree of
# the binary, where it finds them (src/cli/i18n.c).
POT      ?= po/yuedu.pot
PO_LANGS := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO_FILES := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/yuedu.mo)
# The funnels that translate their argument, so that call sites stay plain
# literals: xgettext is told which argument is a msgid.
XGETTEXT_KEYWORDS := --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=app_say:3 --flag=app_say:3:c-format --keyword=app_failed:3 --keyword=bad_usage:1 --keyword=doctor_say:4 --flag=doctor_say:4:c-format \
  --keyword=cli_diag:3 --keyword=prompt_with:3 --keyword=prompt_pane_open:4 --keyword=prompt_translated_label:2 \
  --keyword=YD_N_ --keyword=yd_error_set:3 --flag=yd_error_set:3:c-format --keyword=yd_problems_add:5 \
  --flag=yd_problems_add:5:c-format --keyword=yd_schema_report:3 --flag=yd_schema_report:3:c-format \
  --keyword=add_notice:2 --flag=add_notice:2:c-format --keyword=report:3

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=$(BUILD)/obj/%.o)
LATE_OBJ := $(LATE_SRC:%.c=$(BUILD)/obj/%.o)
CORE_LIB := $(BUILD)/libyuedu-core.a
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BUILD)/bench/decode_bench $(BUILD)/bench/layout_bench $(BUILD)/bench/outline_bench $(BUILD)/bench/search_bench \
             $(BUILD)/bench/results_bench $(BUILD)/bench/pinyin_bench $(BUILD)/bench/list_filter_bench \
             $(BUILD)/bench/outline_hits_bench $(BUILD)/bench/purify_bench $(BUILD)/bench/walk_bench

.PHONY: all run test check-build unit-build bench install uninstall clean deps test-deps bench-deps pot \
        fuzz fuzz-build fuzz-deps valgrind valgrind-deps coverage coverage-deps mutate

# Fuzzing (tests/fuzz, docs/TESTING.md): clang's libFuzzer with ASan + UBSan,
# the core compiled again into its own tree so the gcc trees are untouched.
FUZZ_BUILD   ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_OBJ     := $(CORE_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_LIB     := $(FUZZ_BUILD)/libyuedu-core.a
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c17 -Wall -Wextra -O1 -g $(FUZZ_SAN) -Iinclude $(DEFS) \
                $(shell pkg-config --cflags icu-uc icu-i18n yaml-0.1 libcmark-gfm libxml-2.0 libzip)

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/yuedu

run: all
	./$(BUILD)/yuedu

# Build both trees first, then run the suite over each; run-tests prints
# the counted summary.
test: deps test-deps fuzz-deps
	@$(MAKE) --no-print-directory unit-build
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 unit-build
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) tests/run-tests.sh build build/asan

# Every target for FUZZ_SECONDS, two at a time; corpora grow in
# $(FUZZ_BUILD)/corpus/<target>, crashes land in $(FUZZ_BUILD)/crashes.
fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run-fuzz.sh fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-build: $(FUZZ_BIN)

# Memcheck over every batch mode (tests/valgrind.sh); fails on any error or
# definite leak.
valgrind: deps valgrind-deps
	@$(MAKE) --no-print-directory $(BUILD)/yuedu
	@tests/valgrind.sh $(BUILD)/yuedu

# Line coverage (docs/TESTING.md): the suite over a tree built with
# --coverage at -O0, counted by lcov. Not part of make test.
COV_BUILD ?= build/cov
coverage: deps test-deps coverage-deps
	@$(MAKE) --no-print-directory BUILD=$(COV_BUILD) OPT="-O0 -g --coverage" LDSAN=--coverage unit-build
	@tests/coverage.sh $(COV_BUILD)

# Mutation testing (tests/mutate.sh): each mutant of tests/mutants.txt in a
# copy of the tree under build/mutate, rebuilt, its tests run. Slow.
mutate: deps test-deps
	@tests/mutate.sh

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< $(FUZZ_LIB) $(LIBS)

unit-build: $(BUILD)/yuedu $(UNIT_BIN)

bench: deps bench-deps
	@$(MAKE) --no-print-directory $(BUILD)/yuedu $(BENCH_BIN)
	@tests/bench/run.sh $(BUILD)

$(BUILD)/yuedu: $(CLI_OBJ) $(TUI_OBJ) $(LATE_OBJ) $(CORE_LIB) $(MO_FILES)
	$(CC) $(OPT) $(LDSAN) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LATE_OBJ) $(CORE_LIB) $(READER_LIBS)

$(LATE_OBJ): DEFS += -DYD_LIBXML2_SONAME='"$(call soname,libxml-2.0,xml2)"' -DYD_LIBZIP_SONAME='"$(call soname,libzip,zip)"'
$(BUILD)/tests/test_late_libraries: DEFS += -DYD_LIBZIP_SONAME='"$(call soname,libzip,zip)"'

# -c: formats and plural forms checked against the msgids.
$(BUILD)/locale/%/LC_MESSAGES/yuedu.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

# The template of every translation; po/*.po are then brought up to date
# with msgmerge (docs/TRANSLATION.md). Sorted by file so diffs stay small.
pot:
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-by-file \
	  --package-name=yuedu --package-version=$$(sed -n 's/.*YUEDU_VERSION "\(.*\)"/\1/p' src/cli/cli.h) \
	  $(XGETTEXT_KEYWORDS) -o $(POT) $(sort $(CLI_SRC) $(TUI_SRC) $(CORE_SRC))

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	$(CC) $(TUI_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -DYD_SOURCE_DIR='"$(CURDIR)"' -MMD -MP -o $@ $< $(CORE_LIB) $(LDSAN) $(TEST_WRAP) $(LIBS) $(TEST_LIBS)

# test_alloc_fail makes the core's allocations fail one at a time: its
# wrappers get the core's calls (linked in statically), not ICU's or
# libyaml's (tests/unit/test_alloc_fail.c). Only that binary.
$(BUILD)/tests/test_alloc_fail: TEST_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

$(BUILD)/bench/%: tests/bench/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -o $@ $< $(CORE_LIB) $(LDSAN) $(LIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Install Debian packages when a pkg-config or command check fails.
define ensure
	@missing=""; \
	for p in $(1); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	for c in $(2); do command -v $$c >/dev/null 2>&1 || [ -x /usr/sbin/$$c ] || missing="$$missing $$c"; done; \
	if [ -n "$$missing" ]; then \
	  echo "yuedu: missing:$$missing; installing Debian packages: $(3)"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq || true; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(3) >/dev/null || \
	    { echo "yuedu: apt-get install $(3) failed; install them by hand" >&2; exit 1; }; \
	fi
endef

deps:
	$(call ensure,$(PKGS),pkg-config $(CC) msgfmt xgettext,$(DEBS) gcc make)

# Under CI=true a test may not skip for a missing tool or locale
# (tests/run-tests.sh): valgrind for valgrind-reader, the zh_CN locale
# sources for locale.test's GB18030 case.
test-deps:
	$(call ensure,$(TEST_PKGS),tmux sshd ssh ssh-keyscan python3 zsh fish valgrind,$(TEST_DEBS))
	@[ -f /usr/share/i18n/locales/zh_CN ] || { \
	  echo "yuedu: locale sources missing; installing Debian package locales"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq locales >/dev/null || \
	    { echo "yuedu: apt-get install locales failed; install it by hand" >&2; exit 1; }; }

# clang, and libFuzzer's runtime (libclang-rt-dev, only recommended by clang).
fuzz-deps:
	$(call ensure,,$(FUZZ_CC),clang libclang-rt-dev)
	@[ -f "$$($(FUZZ_CC) -print-file-name=libclang_rt.fuzzer-$$(uname -m).a)" ] || { \
	  echo "yuedu: libFuzzer runtime missing; installing Debian package libclang-rt-dev"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq libclang-rt-dev >/dev/null || \
	    { echo "yuedu: apt-get install libclang-rt-dev failed; install it by hand" >&2; exit 1; }; }

valgrind-deps:
	$(call ensure,,valgrind,valgrind)

coverage-deps:
	$(call ensure,,lcov genhtml gcov,lcov)

bench-deps:
	$(call ensure,,rg less,$(BENCH_DEBS))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/guide
	install -m 755 $(BUILD)/yuedu $(DESTDIR)$(PREFIX)/bin/yuedu
	install -m 644 docs/yuedu.1 $(DESTDIR)$(MANDIR)/yuedu.1
	for l in $(MANLANGS); do \
	  install -d $(DESTDIR)$(PREFIX)/share/man/$$l/man1 && \
	  install -m 644 docs/man/$$l/yuedu.1 $(DESTDIR)$(PREFIX)/share/man/$$l/man1/yuedu.1 || exit 1; \
	done
	install -m 644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/
	install -m 644 docs/guide/* $(DESTDIR)$(DATADIR)/guide/
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 docs/completions/yuedu.bash $(DESTDIR)$(BASHCOMPDIR)/yuedu
	install -m 644 docs/completions/_yuedu $(DESTDIR)$(ZSHCOMPDIR)/_yuedu
	install -m 644 docs/completions/yuedu.fish $(DESTDIR)$(FISHCOMPDIR)/yuedu.fish
	for l in $(PO_LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/yuedu.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/yuedu.mo || exit 1; \
	done

# A Debian package from make install (docs/packaging/, no debian/ directory);
# lintian (installed when missing) fails it on errors.
deb: deps deb-deps
	@$(MAKE) --no-print-directory $(BUILD)/yuedu
	@docs/packaging/build-deb.sh $(BUILD) $(BUILD)

deb-deps:
	$(call ensure,,dpkg-deb dpkg-shlibdeps lintian,dpkg-dev lintian)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/yuedu $(DESTDIR)$(MANDIR)/yuedu.1
	for l in $(MANLANGS); do rm -f $(DESTDIR)$(PREFIX)/share/man/$$l/man1/yuedu.1; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/yuedu $(DESTDIR)$(ZSHCOMPDIR)/_yuedu $(DESTDIR)$(FISHCOMPDIR)/yuedu.fish
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/yuedu.mo; done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build tests/bench/corpus tests/bench/scale
