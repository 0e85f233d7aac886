/* Configuration: the schema, every kind of problem (reported with file,
 * line and column, the default kept, reading going on), key names and
 * sequences, and how the file's key bindings merge with the built-in ones. */
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/config.h"
#include "yuedu/outline_length.h"
#include "yuedu/outline.h"
#include "yuedu/fold.h"
#include "yuedu/purify.h"

/* Parse text; the problems, formatted one per line, in *report. */
static yd_config parse(const char *text, char *report, size_t size)
{
    yd_config c;
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    assert_int_equal(yd_config_parse(&c, "cfg.yaml", text, strlen(text), &p, &err), YD_OK);
    report[0] = 0;
    for (size_t i = 0; i < p.count; i++) {
        char line[700];
        size_t used = strlen(report);
        snprintf(report + used, size - used, "%s\n", yd_problem_format(&p.items[i], line, sizeof line));
    }
    if (p.dropped) {
        size_t used = strlen(report);
        snprintf(report + used, size - used, "dropped %zu\n", p.dropped);
    }
    yd_problems_free(&p);
    return c;
}

/* Exactly one problem, at line:column, whose message contains each of the
 * NULL-terminated phrases. */
static void expect_one(const char *report, const char *where, ...)
{
    if (strncmp(report, where, strlen(where)) != 0 || strchr(report, '\n') != report + strlen(report) - 1)
        fail_msg("expected one problem at %s, got:\n%s", where, report);
    va_list ap;
    va_start(ap, where);
    for (const char *phrase; (phrase = va_arg(ap, const char *));)
        if (!strstr(report, phrase))
            fail_msg("'%s' not in: %s", phrase, report);
    va_end(ap);
}

static bool bound(const yd_config *c, yd_key_context ctx, yd_action action, const char *keys)
{
    yd_key_seq want;
    char why[128];
    assert_int_equal(yd_key_seq_parse(keys, &want, why, sizeof why), 0);
    for (size_t i = 0; i < c->nbindings; i++)
        if (c->bindings[i].context == ctx && c->bindings[i].action == action &&
            yd_key_seq_equal(&c->bindings[i].keys, &want))
            return true;
    return false;
}

static void test_defaults(void **state)
{
    (void)state;
    char report[4096];
    yd_config c = parse("", report, sizeof report);
    assert_string_equal(report, "");
    assert_string_equal(c.theme, "default");
    assert_int_equal(c.ambiwidth, 0);
    assert_true(c.mouse);
    assert_int_equal(c.key_timeout_ms, 1000);
    assert_int_equal(c.outline.width, 30);
    assert_false(c.outline.right);
    assert_false(c.outline.hidden);
    assert_int_equal(c.outline.fold_level, 0);
    assert_false(c.outline.show_items);
    assert_int_equal(c.text.indent, 4);
    assert_false(c.text.blank_line);
    assert_int_equal(c.text.max_width, 80);
    assert_int_equal(c.text.script, YD_SCRIPT_ORIGINAL);
    assert_int_equal(c.search.folds, YD_FOLD_DEFAULT);
    assert_false(c.search.regex);
    assert_int_equal(c.search.history, YD_CONFIG_SEARCH_HISTORY_DEFAULT);
    size_t n;
    yd_default_bindings(&n);
    assert_int_equal(c.nbindings, n);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "j"));
    assert_true(bound(&c, YD_CTX_TEXT, YD_ACT_LINE_DOWN, "Enter"));
    assert_true(bound(&c, YD_CTX_OUTLINE, YD_ACT_OPEN, "Enter"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_JUMP_FORWARD, "Ctrl-]"));
    yd_config_free(&c);

    /* Only comments, and null values: the defaults, nothing reported. */
    c = parse("# nothing here\n\n# yet\n", report, sizeof report);
    assert_string_equal(report, "");
    yd_config_free(&c);
    c = parse("theme:\nambiwidth: ~\noutline:\n  width: null\nkeys:\n  quit:\n", report, sizeof report);
    assert_string_equal(report, "");
    assert_string_equal(c.theme, "default");
    assert_int_equal(c.outline.width, 30);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "q"));
    yd_config_free(&c);
}

static void test_every_key(void **state)
{
    (void)state;
    char report[4096];
    yd_config c = parse("theme: light\n"
                        "ambiwidth: 2\n"
                        "mouse: off\n"
                        "key-timeout-ms: 350\n"
                        "escape-delay-ms: 25\n"
                        "outline:\n"
                        "  width: 44\n"
                        "  position: right\n"
                        "  hidden: yes\n"
                        "  fold-level: 2\n"
                        "  show-items: true\n"
                        "text:\n"
                        "  indent: 0\n"
                        "  blank-line: true\n"
                        "  max-width: 72\n"
                        "  heading-indent: body\n"
                        "  script: simplified\n"
                        "search:\n"
                        "  case: false\n"
                        "  width: false\n"
                        "  script: true\n"
                        "  numbers: false\n"
                        "  regex: true\n"
                        "  history: 7\n",
                        report, sizeof report);
    assert_string_equal(report, "");
    assert_string_equal(c.theme, "light");
    assert_int_equal(c.theme_line, 1);
    assert_int_equal(c.theme_column, 8);
    assert_string_equal(c.path, "cfg.yaml");
    assert_int_equal(c.ambiwidth, 2);
    assert_false(c.mouse);
    assert_int_equal(c.key_timeout_ms, 350);
    assert_int_equal(c.escape_delay_ms, 25);
    assert_int_equal(c.outline.width, 44);
    assert_true(c.outline.right);
    assert_true(c.outline.hidden);
    assert_int_equal(c.outline.fold_level, 2);
    assert_true(c.outline.show_items);
    assert_int_equal(c.text.indent, 0);
    assert_true(c.text.blank_line);
    assert_int_equal(c.text.max_width, 72);
    assert_int_equal(c.text.heading_indent, YD_HEADINGS_BODY);
    assert_int_equal(c.text.script, YD_SCRIPT_SIMPLIFIED);
    assert_int_equal(c.search.folds, YD_FOLD_SCRIPT);
    assert_true(c.search.regex);
    assert_int_equal(c.search.history, 7);
    yd_config_free(&c);

    c = parse("ambiwidth: auto\nsearch: {case: true}\ntext: {max-width: none, script: Traditional}\n"
              "outline: {fold-level: all}\n",
              report, sizeof report);
    assert_string_equal(report, "");
    assert_int_equal(c.ambiwidth, 0);
    assert_int_equal(c.search.folds, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT | YD_FOLD_NUMBERS);
    assert_int_equal(c.text.max_width, 0);
    assert_int_equal(c.text.script, YD_SCRIPT_TRADITIONAL);
    yd_config_free(&c);
}

/* Each kind of problem: where it is reported, what it says, and that the
 * default stays while the rest of the file is read. */
static void test_problems(void **state)
{
    (void)state;
    char r[8192];
    yd_config c;

    c = parse("theme: light\ncolour: red\nmouse: false\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:1: ", "unknown key 'colour'", "ignored", NULL);
    assert_string_equal(c.theme, "light");
    assert_false(c.mouse);
    yd_config_free(&c);

    c = parse("outline:\n  width: 40\n  colour: red\n", r, sizeof r);
    expect_one(r, "cfg.yaml:3:3: ", "outline: unknown key 'colour'", NULL);
    assert_int_equal(c.outline.width, 40);
    yd_config_free(&c);

    c = parse("outline:\n  width: 500\n", r, sizeof r); /* out of range */
    expect_one(r, "cfg.yaml:2:10: ", "outline.width: 500 is out of range (10 to 200); using 30", NULL);
    assert_int_equal(c.outline.width, 30);
    yd_config_free(&c);

    c = parse("search:\n  history: -1\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:12: ", "search.history: -1 is out of range (0 to 100000); using 200", NULL);
    assert_int_equal(c.search.history, YD_CONFIG_SEARCH_HISTORY_DEFAULT);
    yd_config_free(&c);

    /* reading: the rate of the reading time, and the lengths in the outline */
    c = parse("", r, sizeof r);
    assert_int_equal(c.reading.chars_per_minute, YD_READING_RATE);
    assert_false(c.reading.lengths);
    yd_config_free(&c);
    c = parse("reading:\n  chars-per-minute: 450\n  lengths: on\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_int_equal(c.reading.chars_per_minute, 450);
    assert_true(c.reading.lengths);
    yd_config_free(&c);
    c = parse("reading:\n  chars-per-minute: 10\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:21: ", "reading.chars-per-minute: 10 is out of range (50 to 5000); using 300", NULL);
    assert_int_equal(c.reading.chars_per_minute, YD_READING_RATE);
    yd_config_free(&c);
    c = parse("reading:\n  speed: 3\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:3: ", "reading: unknown key 'speed' (chars-per-minute, lengths)", NULL);
    yd_config_free(&c);

    c = parse("outline:\n  width: 9\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:10: ", "out of range", NULL);
    yd_config_free(&c);

    c = parse("outline:\n  width: 99999999999999999999999\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:10: ", "out of range", NULL);
    yd_config_free(&c);

    c = parse("text:\n  indent: wide\n", r, sizeof r); /* wrong type: text for a number */
    expect_one(r, "cfg.yaml:2:11: ", "text.indent: expected a whole number, not 'wide'; using 4", NULL);
    yd_config_free(&c);

    c = parse("text:\n  indent: 2.5\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:11: ", "text.indent", "whole number", NULL);
    yd_config_free(&c);

    c = parse("mouse: [on]\n", r, sizeof r); /* wrong type: a list */
    expect_one(r, "cfg.yaml:1:8: ", "mouse: expected true or false, not a list; using true", NULL);
    assert_true(c.mouse);
    yd_config_free(&c);

    c = parse("mouse: maybe\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:8: ", "mouse: expected true or false, not 'maybe'", NULL);
    yd_config_free(&c);

    c = parse("outline: 30\n", r, sizeof r); /* a section that is not a mapping */
    expect_one(r, "cfg.yaml:1:10: ", "outline: expected a mapping", NULL);
    yd_config_free(&c);

    c = parse("theme: {name: x}\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:8: ", "theme: expected a theme name or file, not a mapping; using default", NULL);
    yd_config_free(&c);

    c = parse("ambiwidth: 3\n", r, sizeof r); /* bad enumeration value */
    expect_one(r, "cfg.yaml:1:12: ", "ambiwidth: '3' is not one of auto, 1 or 2; using auto", NULL);
    yd_config_free(&c);

    c = parse("outline:\n  position: top\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:13: ", "outline.position: 'top' is not one of left or right; using left", NULL);
    yd_config_free(&c);

    c = parse("text:\n  script: klingon\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:11: ", "text.script", "original, simplified or traditional", NULL);
    yd_config_free(&c);

    c = parse("outline:\n  fold-level: 0\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:15: ", "outline.fold-level: 0 is out of range", "using all", NULL);
    yd_config_free(&c);

    c = parse("outline:\n  fold-level: deep\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:15: ", "outline.fold-level: expected all or a level", NULL);
    yd_config_free(&c);

    c = parse("text:\n  max-width: 5\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:14: ", "text.max-width: 5 is out of range (20 to 1000, or 0 for none)", NULL);
    yd_config_free(&c);

    c = parse("search:\n  case: sometimes\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:9: ", "search.case", "smart", NULL);
    assert_int_equal(c.search.folds, YD_FOLD_DEFAULT);
    yd_config_free(&c);

    c = parse("search:\n  width: 1\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:10: ", "search.width: expected true or false, not '1'; using true", NULL);
    yd_config_free(&c);

    c = parse("theme: light\ntheme: dark\n", r, sizeof r); /* a key given twice: the first counts */
    expect_one(r, "cfg.yaml:2:1: ", "theme: given twice (first on line 1)", NULL);
    assert_string_equal(c.theme, "light");
    yd_config_free(&c);

    c = parse("? [a, b]\n: 1\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:3: ", "a key must be plain text", NULL);
    yd_config_free(&c);

    c = parse("theme: \"\"\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:8: ", "theme: empty name", NULL);
    yd_config_free(&c);

    /* Several problems: all reported, in file order, the good values kept. */
    c = parse("ambiwidth: 2\nmouse: 7\noutline: {width: 3, position: right}\nbogus: 1\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:2:8: mouse: expected true or false, not '7'; using true\n"
                           "cfg.yaml:3:18: outline.width: 3 is out of range (10 to 200); using 30\n"
                           "cfg.yaml:4:1: unknown key 'bogus' (theme, ambiwidth, mouse, key-timeout-ms, escape-delay-ms, "
                           "outline, text, search, clipboard, reading, markup, purify, keys); ignored\n");
    assert_int_equal(c.ambiwidth, 2);
    assert_true(c.outline.right);
    yd_config_free(&c);

    /* clipboard: the defaults, each key, and its problems. */
    c = parse("", r, sizeof r);
    assert_true(c.clipboard.osc52);
    assert_int_equal(c.clipboard.limit, 100000);
    assert_null(c.clipboard.command);
    assert_string_equal(c.clipboard.citation, "——《{title}》{path}（{file}:{line}）");
    yd_config_free(&c);
    c = parse("clipboard: {osc52: false, limit: 10, command: wl-copy, citation: \"[{file}]\"}\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_false(c.clipboard.osc52);
    assert_int_equal(c.clipboard.limit, 10);
    assert_string_equal(c.clipboard.command, "wl-copy");
    assert_string_equal(c.clipboard.citation, "[{file}]");
    yd_config_free(&c);
    c = parse("clipboard: {citation: ~, command: \"\"}\n", r, sizeof r);
    assert_string_equal(c.clipboard.citation, "");
    assert_null(c.clipboard.command);
    yd_config_free(&c);
    c = parse("clipboard: {limit: -1, paste: 1}\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:1:20: clipboard.limit: -1 is out of range (0 to 100000000); using 100000\n"
                           "cfg.yaml:1:24: clipboard: unknown key 'paste' (command, citation, limit, osc52); ignored\n");
    yd_config_free(&c);

    /* escape-delay-ms: 1 to 2000 milliseconds, 50 by default. */
    c = parse("escape-delay-ms: 0\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:1:18: escape-delay-ms: 0 is out of range (1 to 2000); using 50\n");
    assert_int_equal(c.escape_delay_ms, 50);
    yd_config_free(&c);

    /* key-timeout-ms: a whole number of milliseconds, 100 to 10000. */
    c = parse("mouse: false\nkey-timeout-ms: 20\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:2:17: key-timeout-ms: 20 is out of range (100 to 10000); using 1000\n");
    assert_int_equal(c.key_timeout_ms, 1000);
    assert_false(c.mouse);
    yd_config_free(&c);
    c = parse("key-timeout-ms: soon\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:1:17: key-timeout-ms: expected a whole number, not 'soon'; using 1000\n");
    yd_config_free(&c);
    c = parse("key-timeout-ms: [1]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:17: ", "key-timeout-ms: expected a whole number, not a list", NULL);
    yd_config_free(&c);
    c = parse("key-timeout-ms: 10000\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_int_equal(c.key_timeout_ms, 10000);
    yd_config_free(&c);
}

static void test_broken_files(void **state)
{
    (void)state;
    char r[8192];
    yd_config c;

    /* Invalid YAML: one message, at the place libyaml stopped; all defaults. */
    c = parse("theme: light\noutline:\n  width: [40\n", r, sizeof r);
    expect_one(r, "cfg.yaml:4:1: ", "not valid YAML", "using the defaults", NULL);
    assert_string_equal(c.theme, "default");
    yd_config_free(&c);

    c = parse("theme: light\n  mouse: false\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:8: ", "not valid YAML", "mapping values are not allowed", NULL);
    yd_config_free(&c);

    c = parse("theme: \"light\n", r, sizeof r);
    expect_one(r, "cfg.yaml:", "not valid YAML", NULL);
    yd_config_free(&c);

    c = parse("a: *nowhere\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:4: ", "not valid YAML", "undefined alias", NULL);
    yd_config_free(&c);

    static const char bad_utf8[] = "theme: \xff\xfe\n";
    c = parse(bad_utf8, r, sizeof r);
    expect_one(r, "cfg.yaml:", "not valid YAML", NULL);
    yd_config_free(&c);

    /* Not a mapping. */
    c = parse("- theme\n- light\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:1: ", "must be a mapping", "not a list", "using the defaults", NULL);
    yd_config_free(&c);
    c = parse("just some words\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:1: ", "must be a mapping", "not a single value", NULL);
    yd_config_free(&c);

    /* A second document is ignored, with a word. */
    c = parse("theme: light\n---\ntheme: mono\n", r, sizeof r);
    expect_one(r, "cfg.yaml:3:1: ", "second YAML document", NULL);
    assert_string_equal(c.theme, "light");
    yd_config_free(&c);

    /* Very many problems: the first YD_PROBLEMS_MAX are kept, the rest counted. */
    size_t n = 300;
    char *many = malloc(n * 16 + 1);
    assert_non_null(many);
    many[0] = 0;
    for (size_t i = 0; i < n; i++)
        sprintf(many + strlen(many), "bogus%zu: 1\n", i);
    char *big = malloc(200000);
    assert_non_null(big);
    c = parse(many, big, 200000);
    assert_non_null(strstr(big, "cfg.yaml:1:1: unknown key 'bogus0'"));
    assert_non_null(strstr(big, "dropped 200\n"));
    free(big);
    free(many);
    yd_config_free(&c);

    /* A mapping of many keys is cut short (no quadratic search for repeated
     * keys): 1000 unknown keys, then one problem saying so. */
    n = 60000;
    many = malloc(n * 16 + 1);
    assert_non_null(many);
    many[0] = 0;
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)sprintf(many + used, "k%zu: %zu\n", i, i);
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    assert_int_equal(yd_config_parse(&c, "cfg.yaml", many, used, &p, &err), YD_OK);
    assert_int_equal(yd_problems_total(&p), 1001);
    yd_problems_free(&p);
    yd_config_free(&c);
    free(many);
}

static void test_files(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char path[1024];
    yd_problems p;
    yd_error err = {0};
    yd_config c;

    /* No file at the default place: defaults, nothing reported. */
    setenv("XDG_CONFIG_HOME", dir, 1);
    yd_problems_init(&p);
    assert_int_equal(yd_config_load(&c, NULL, &p, &err), YD_OK);
    assert_int_equal(yd_problems_total(&p), 0);
    assert_string_equal(c.theme, "default");
    assert_null(c.path);
    yd_config_free(&c);

    /* A file there is read. */
    snprintf(path, sizeof path, "%s/yuedu", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    write_file(path, "config.yaml", "theme: mono\nmouse: nope\n", 24);
    assert_int_equal(yd_config_load(&c, NULL, &p, &err), YD_OK);
    assert_string_equal(c.theme, "mono");
    assert_int_equal(p.count, 1);
    snprintf(path, sizeof path, "%s/yuedu/config.yaml", dir);
    assert_string_equal(p.items[0].path, path);
    assert_int_equal(p.items[0].line, 2);
    assert_int_equal(p.items[0].column, 8);
    yd_config_free(&c);
    yd_problems_free(&p);

    /* Where it is looked for. */
    char where[1024];
    assert_int_equal(yd_config_default_path(where, sizeof where), 0);
    assert_string_equal(where, path);
    setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/reader", 1);
    assert_int_equal(yd_config_default_path(where, sizeof where), 0);
    assert_string_equal(where, "/home/reader/.config/yuedu/config.yaml");
    assert_int_equal(yd_config_themes_dir(where, sizeof where), 0);
    assert_string_equal(where, "/home/reader/.config/yuedu/themes");
    unsetenv("XDG_CONFIG_HOME");
    assert_int_equal(yd_config_default_path(where, sizeof where), 0);
    assert_string_equal(where, "/home/reader/.config/yuedu/config.yaml");
    /* No HOME (env -i, some services): the home folder of the account, as
     * the bookmarks and the reading state find it. */
    unsetenv("HOME");
    const struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir[0] == '/') {
        char want[1024];
        snprintf(want, sizeof want, "%s/.config/yuedu/config.yaml", pw->pw_dir);
        assert_int_equal(yd_config_default_path(where, sizeof where), 0);
        assert_string_equal(where, want);
        setenv("HOME", "relative", 1); /* not a home folder */
        assert_int_equal(yd_config_default_path(where, sizeof where), 0);
        assert_string_equal(where, want);
    }
    setenv("HOME", "/home/reader", 1);

    /* --config FILE that is missing, or a folder: reported, defaults. */
    snprintf(path, sizeof path, "%s/none.yaml", dir);
    assert_int_equal(yd_config_load(&c, path, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_int_equal(p.items[0].line, 0);
    char line[700];
    assert_non_null(strstr(yd_problem_format(&p.items[0], line, sizeof line), "none.yaml: cannot open: No such file"));
    yd_config_free(&c);
    yd_problems_free(&p);
    assert_int_equal(yd_config_load(&c, dir, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(p.items[0].message, "is a directory"));
    yd_config_free(&c);
    yd_problems_free(&p);

    /* A huge file is refused without being parsed. */
    size_t huge = 2 * 1024 * 1024;
    char *text = malloc(huge);
    assert_non_null(text);
    for (size_t i = 0; i < huge; i += 16)
        memcpy(text + i, "# padding.....\n\n", 16);
    write_file(dir, "huge.yaml", text, huge);
    free(text);
    snprintf(path, sizeof path, "%s/huge.yaml", dir);
    assert_int_equal(yd_config_load(&c, path, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(p.items[0].message, "too large"));
    yd_config_free(&c);
    yd_problems_free(&p);

    /* The example configuration in docs/ is clean. */
    snprintf(path, sizeof path, "%s/docs/config.example.yaml", YD_SOURCE_DIR);
    assert_int_equal(yd_config_load(&c, path, &p, &err), YD_OK);
    for (size_t i = 0; i < p.count; i++)
        fprintf(stderr, "%s\n", yd_problem_format(&p.items[i], line, sizeof line));
    assert_int_equal(yd_problems_total(&p), 0);
    /* ... and its key table, which lists every action, is the built-in one. */
    size_t n;
    const yd_binding *d = yd_default_bindings(&n);
    assert_int_equal(c.nbindings, n);
    for (size_t i = 0; i < n; i++) {
        char name[64];
        if (!bound(&c, d[i].context, d[i].action, yd_key_seq_format(&d[i].keys, name, sizeof name)))
            fail_msg("docs/config.example.yaml lacks %s: %s", yd_action_name(d[i].action), name);
    }
    yd_config_free(&c);
    yd_problems_free(&p);
    rm_rf(dir);
    free(dir);
}

static void test_key_names(void **state)
{
    (void)state;
    static const struct {
        const char *text, *canonical;
    } good[] = {
        {"j", "j"}, {"G", "G"}, {"。", "。"}, {"Ctrl-F", "Ctrl-F"}, {"ctrl-f", "Ctrl-F"}, {"CTRL-]", "Ctrl-]"},
        {"Space", "Space"}, {"space", "Space"}, {"Enter", "Enter"}, {"Return", "Enter"}, {"Tab", "Tab"},
        {"Esc", "Esc"}, {"Escape", "Esc"}, {"Backspace", "Backspace"}, {"Up", "Up"}, {"down", "Down"},
        {"Left", "Left"}, {"Right", "Right"}, {"PgUp", "PgUp"}, {"PageDown", "PgDn"}, {"Home", "Home"},
        {"End", "End"}, {"F1", "F1"}, {"f12", "F12"}, {"g g", "g g"}, {"  g   g ", "g g"},
        {"Ctrl-W j", "Ctrl-W j"}, {"a b c d", "a b c d"}, {"😀", "😀"}, {"é", "é"},
    };
    char why[160], buf[64];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        yd_key_seq seq;
        if (yd_key_seq_parse(good[i].text, &seq, why, sizeof why) != 0)
            fail_msg("'%s': %s", good[i].text, why);
        assert_string_equal(yd_key_seq_format(&seq, buf, sizeof buf), good[i].canonical);
    }
    yd_key_seq seq;
    assert_int_equal(yd_key_seq_parse("Ctrl-F", &seq, why, sizeof why), 0);
    assert_int_equal(seq.length, 1);
    assert_int_equal(seq.keys[0].special, 0);
    assert_int_equal(seq.keys[0].code, 6);
    assert_int_equal(yd_key_seq_parse("F5", &seq, why, sizeof why), 0);
    assert_int_equal(seq.keys[0].special, 1);
    assert_int_equal(seq.keys[0].code, YD_KEY_F1 + 4);
    assert_int_equal(yd_key_seq_parse("g g", &seq, why, sizeof why), 0);
    assert_int_equal(seq.length, 2);

    static const struct {
        const char *text, *why;
    } bad[] = {
        {"Ctlr-F", "unknown key name 'Ctlr-F'"}, {"F13", "unknown key name 'F13'"}, {"F0", "unknown key name"},
        {"jj", "unknown key name 'jj'"},         {"", "no key given"},           {"   ", "no key given"},
        {"a b c d e", "more than 4 keys"},       {"\t", "control character"},     {"Ctrl-M", "same key as Enter"},
        {"Ctrl-I", "same key as Tab"},           {"Ctrl-1", "unknown key name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = 0;
        assert_int_equal(yd_key_seq_parse(bad[i].text, &seq, why, sizeof why), -1);
        if (!strstr(why, bad[i].why))
            fail_msg("'%s': '%s' does not say '%s'", bad[i].text, why, bad[i].why);
    }
}

static void test_actions(void **state)
{
    (void)state;
    for (int a = 1; a < YD_ACT_COUNT; a++) {
        const char *name = yd_action_name((yd_action)a);
        assert_non_null(name);
        assert_int_equal(yd_action_from_name(name), a);
    }
    assert_null(yd_action_name(YD_ACT_NONE));
    assert_null(yd_action_name(YD_ACT_COUNT));
    assert_int_equal(yd_action_from_name("line-down"), YD_ACT_LINE_DOWN);
    assert_int_equal(yd_action_from_name("level-9"), YD_ACT_LEVEL_9);
    assert_int_equal(yd_action_from_name("Line-Down"), YD_ACT_NONE);
    /* The built-in table: no key bound twice in one pane, nothing unnamed. */
    size_t n;
    const yd_binding *d = yd_default_bindings(&n);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(yd_action_name(d[i].action));
        for (size_t k = 0; k < i; k++)
            if (d[k].context == d[i].context && yd_key_seq_equal(&d[k].keys, &d[i].keys))
                fail_msg("default binding %zu repeats %zu", i, k);
    }
}

static void test_bindings(void **state)
{
    (void)state;
    char r[8192];
    yd_config c;

    /* Naming an action replaces its keys; another action keeps its own. */
    c = parse("keys:\n  line-down: [x, Ctrl-J]\n  top: g g\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "x"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "Ctrl-J"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "j"));
    assert_false(bound(&c, YD_CTX_TEXT, YD_ACT_LINE_DOWN, "Enter")); /* keys: applies in every pane */
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "g g"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "g"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "Home"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_UP, "k"));
    yd_key_seq keys[4];
    size_t total;
    assert_int_equal(yd_config_keys_of(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, keys, 1, &total), 1);
    assert_int_equal(total, 2);
    yd_config_free(&c);

    /* A key taken by another action leaves its default one. */
    c = parse("keys:\n  quit: [j]\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "j"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "q"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "j"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "Down"));
    yd_config_free(&c);

    /* A sequence starting with a built-in key leaves that key alone (the
     * reader waits key-timeout-ms for the rest); the same sequence is
     * taken from its built-in action. */
    c = parse("keys:\n  bottom: [g e]\n  quit: \"Space n\"\n  help: Ctrl-H\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_BOTTOM, "g e"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "g"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "Space n"));
    assert_true(bound(&c, YD_CTX_TEXT, YD_ACT_PAGE_DOWN, "Space"));
    /* Ctrl-H is the Backspace key: it leaves jump-back. */
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_HELP, "Backspace"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_JUMP_BACK, "Backspace"));
    yd_config_free(&c);

    /* Pane sections; an empty list unbinds. */
    c = parse("keys:\n  text:\n    page-down: [Space, x]\n  outline:\n    open: [o, Right]\n  toggle-mouse: []\n",
              r, sizeof r);
    assert_string_equal(r, "");
    assert_true(bound(&c, YD_CTX_TEXT, YD_ACT_PAGE_DOWN, "x"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_PAGE_DOWN, "f")); /* the everywhere keys stay */
    assert_true(bound(&c, YD_CTX_OUTLINE, YD_ACT_OPEN, "o"));
    assert_false(bound(&c, YD_CTX_OUTLINE, YD_ACT_OPEN, "Enter"));
    assert_false(bound(&c, YD_CTX_OUTLINE, YD_ACT_EXPAND, "Right"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_TOGGLE_OUTLINE, "o")); /* only the outline pane's o changed */
    assert_int_equal(yd_config_keys_of(&c, YD_CTX_ANY, YD_ACT_TOGGLE_MOUSE, keys, 4, &total), 0);
    yd_config_free(&c);

    /* Problems: unknown action, bad key name, duplicate binding, prefix,
     * wrong type, too many keys. */
    c = parse("keys:\n  frobnicate: z\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:3: ", "keys: unknown action 'frobnicate'", NULL);
    yd_config_free(&c);

    c = parse("keys:\n  linedown: z\n  text: {Page-Down: x}\n", r, sizeof r);
    assert_string_equal(r, "cfg.yaml:2:3: keys: unknown action 'linedown' (did you mean line-down?); ignored\n"
                           "cfg.yaml:3:10: keys.text: unknown action 'Page-Down' (did you mean page-down?); ignored\n");
    yd_config_free(&c);

    c = parse("keys:\n  outline:\n    frob: z\n", r, sizeof r);
    expect_one(r, "cfg.yaml:3:5: ", "keys.outline: unknown action 'frob'", NULL);
    yd_config_free(&c);

    c = parse("keys:\n  line-down: [j, Ctlr-F, x]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:18: ", "keys.line-down: unknown key name 'Ctlr-F'; this key is not bound", NULL);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "x"));
    yd_config_free(&c);

    c = parse("keys:\n  line-down: x\n  quit: [q, x]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:3:13: ", "keys.quit: 'x' is already bound to line-down (line 2); this binding is ignored",
               NULL);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_LINE_DOWN, "x"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "x"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "q"));
    yd_config_free(&c);

    c = parse("keys:\n  quit: [q, Q, q]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:16: ", "'q' is listed twice", NULL);
    yd_config_free(&c);

    /* A sequence and one that starts it are no clash; the same sequence
     * for two actions is. */
    c = parse("keys:\n  top: g g\n  bottom: g\n", r, sizeof r);
    assert_string_equal(r, "");
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "g g"));
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_BOTTOM, "g"));
    yd_config_free(&c);
    c = parse("keys:\n  top: \"z  a\"\n  bottom: [G, z a]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:3:15: ", "keys.bottom: 'z a' is already bound to top (line 2); this binding is ignored",
               NULL);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_TOP, "z a"));
    assert_false(bound(&c, YD_CTX_ANY, YD_ACT_BOTTOM, "z a"));
    yd_config_free(&c);
    c = parse("keys:\n  text: {top: Ctrl-X Ctrl-S, bottom: Ctrl-X Ctrl-S}\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:38: ", "keys.text.bottom: 'Ctrl-X Ctrl-S' is already bound to top (line 2)", NULL);
    yd_config_free(&c);

    /* The same key in different panes is not a duplicate. */
    c = parse("keys:\n  quit: x\n  text: {help: x}\n", r, sizeof r);
    assert_string_equal(r, "");
    yd_config_free(&c);

    c = parse("keys:\n  quit: {key: q}\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:9: ", "keys.quit: expected a key or a list of keys, not a mapping",
               "using the built-in keys", NULL);
    assert_true(bound(&c, YD_CTX_ANY, YD_ACT_QUIT, "q"));
    yd_config_free(&c);

    c = parse("keys:\n  quit: [[q]]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:10: ", "keys.quit: expected a key name", "not a list; ignored", NULL);
    yd_config_free(&c);

    c = parse("keys: [q]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:1:7: ", "keys: expected a mapping", NULL);
    yd_config_free(&c);

    c = parse("keys:\n  quit: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, r]\n", r, sizeof r);
    expect_one(r, "cfg.yaml:2:58: ", "keys.quit: more than 16 keys", NULL);
    yd_config_free(&c);
}

static void test_outline_rules(void **state)
{
    (void)state;
    char report[4096];
    yd_config c = parse("outline:\n"
                        "  builtin: false\n"
                        "  rules:\n"
                        "    - match: '^Part ([IVX]+)'\n"
                        "      level: 2\n"
                        "      kind: article\n"
                        "      files: '*.txt'\n"
                        "    - match: '^Q:'\n",
                        report, sizeof report);
    assert_string_equal(report, "");
    assert_false(c.outline.rules.builtin);
    assert_int_equal(c.outline.rules.count, 2);
    const yd_outline_rule *r = &c.outline.rules.items[0];
    assert_string_equal(r->pattern, "^Part ([IVX]+)");
    assert_string_equal(r->files, "*.txt");
    assert_int_equal(r->level, 2);
    assert_int_equal(r->kind, YD_RULE_ARTICLE);
    assert_int_equal(r->line, 4);
    assert_int_equal(r->number, 1);
    r = &c.outline.rules.items[1]; /* the defaults: a heading at level 1, every file */
    assert_int_equal(r->level, 1);
    assert_int_equal(r->kind, YD_RULE_HEADING);
    assert_null(r->files);
    yd_config_free(&c);

    /* A bad pattern is reported where it is written, with ICU's reason
     * and the character; the rule is left out, the others kept. */
    c = parse("outline:\n  rules:\n    - match: '(unclosed'\n    - match: '^ok'\n", report, sizeof report);
    expect_one(report, "cfg.yaml:3:14:", "outline.rules[1].match", "U_REGEX_MISMATCHED_PAREN", "character 10",
               "ignored", NULL);
    assert_int_equal(c.outline.rules.count, 1);
    assert_int_equal(c.outline.rules.items[0].number, 2);
    yd_config_free(&c);

    c = parse("outline:\n  rules:\n    - level: 3\n", report, sizeof report);
    expect_one(report, "cfg.yaml:3:7:", "outline.rules[1]", "needs match", NULL);
    assert_int_equal(c.outline.rules.count, 0);
    yd_config_free(&c);

    c = parse("outline:\n  rules:\n    - match: x\n      level: 12\n      kind: chapter\n      colour: red\n", report,
              sizeof report);
    assert_non_null(strstr(report, "cfg.yaml:4:14: outline.rules[1].level"));
    assert_non_null(strstr(report, "cfg.yaml:5:13: outline.rules[1].kind"));
    assert_non_null(strstr(report, "cfg.yaml:6:7: outline.rules[1]: unknown key 'colour'"));
    assert_int_equal(c.outline.rules.count, 1); /* kept with level 1, kind heading */
    assert_int_equal(c.outline.rules.items[0].level, 1);
    yd_config_free(&c);

    c = parse("outline:\n  rules: '^x'\n", report, sizeof report);
    expect_one(report, "cfg.yaml:2:10:", "outline.rules: expected a list", NULL);
    yd_config_free(&c);
    c = parse("outline:\n  rules:\n    - '^x'\n", report, sizeof report);
    expect_one(report, "cfg.yaml:3:7:", "expected a rule", NULL);
    yd_config_free(&c);

    /* Hostile: a pattern too long, too many rules. */
    char *big = malloc(8192);
    assert_non_null(big);
    snprintf(big, 8192, "outline:\n  rules:\n    - match: '");
    size_t n = strlen(big);
    memset(big + n, 'a', YD_RULE_PATTERN_MAX + 1);
    snprintf(big + n + YD_RULE_PATTERN_MAX + 1, 8192 - n - YD_RULE_PATTERN_MAX - 1, "'\n");
    c = parse(big, report, sizeof report);
    expect_one(report, "cfg.yaml:3:14:", "longer than", NULL);
    yd_config_free(&c);
    snprintf(big, 8192, "outline:\n  rules:\n");
    for (int i = 0; i < YD_RULES_MAX + 2; i++)
        snprintf(big + strlen(big), 8192 - strlen(big), "    - match: r%d\n", i);
    c = parse(big, report, sizeof report);
    expect_one(report, "cfg.yaml:67:7:", "more than 64 rules", NULL);
    assert_int_equal(c.outline.rules.count, YD_RULES_MAX);
    yd_config_free(&c);
    free(big);
}

/* purify.rules, markup and purify (purify_config.c). */
static void test_config_rules(void **state)
{
    (void)state;
    char report[4096];
    yd_config c = parse("purify:\n"
                        "  rules:\n"
                        "    - match: '^本章完'\n"
                        "    - match: '（求(月票|收藏)）'\n"
                        "      action: replace\n"
                        "      replace: ''\n"
                        "      files: '*.txt'\n"
                        "    - match: '(甲)乙'\n"
                        "      replace: '$1丙'\n",
                        report, sizeof report);
    assert_string_equal(report, "");
    assert_int_equal(c.purify.rules.count, 3);
    const yd_purify_rule *r = c.purify.rules.items;
    assert_string_equal(r[0].pattern, "^本章完");
    assert_int_equal(r[0].action, YD_PURIFY_HIDE);
    assert_null(r[0].files);
    assert_int_equal(r[0].line, 3);
    assert_int_equal(r[1].action, YD_PURIFY_REPLACE);
    assert_string_equal(r[1].replacement, "");
    assert_string_equal(r[1].files, "*.txt");
    assert_int_equal(r[2].action, YD_PURIFY_REPLACE); /* replace: alone makes a replace rule */
    assert_string_equal(r[2].replacement, "$1丙");
    assert_int_equal(r[2].number, 3);
    assert_false(c.purify.hide);
    assert_true(c.purify.dim);
    yd_config_free(&c);
}

static void test_config_bad_rules(void **state)
{
    (void)state;
    char report[4096];
    /* Each bad rule is named where it is written and left out; the good
     * rule after it is kept. */
    struct {
        const char *rule, *where, *phrase;
    } cases[] = {
        {"    - match: '(未闭合'\n", "cfg.yaml:3:14:", "purify.rules[1].match: not a valid regular expression"},
        {"    - match: x\n      action: delete\n", "cfg.yaml:4:15:",
         "purify.rules[1].action: 'delete' is not one of hide or replace; this rule is ignored"},
        {"    - action: hide\n", "cfg.yaml:3:7:", "purify.rules[1]: a rule needs match:"},
        {"    - match: '(a)b'\n      replace: '$3'\n", "cfg.yaml:4:16:", "purify.rules[1].replace: the replacement names"},
        {"    - match: 'a'\n      replace: 'US$'\n", "cfg.yaml:4:16:", "purify.rules[1].replace:"},
        {"    - match: [a]\n", "cfg.yaml:3:14:", "purify.rules[1].match: expected an ICU regular expression"},
        {"    - just a line\n", "cfg.yaml:3:7:", "purify.rules[1]: expected a rule"},
        {"    - match: a\n      colour: red\n", "cfg.yaml:4:7:", "unknown key 'colour' (match, action, replace, files)"},
        {"    - match: a\n      action: hide\n      replace: b\n", "cfg.yaml:5:16:",
         "purify.rules[1].replace: a hide rule replaces nothing; ignored"},
        {"    - match: a\n      files: [x]\n", "cfg.yaml:4:14:",
         "purify.rules[1].files: expected a file name pattern such as '*.txt', not a list; using every file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text, "purify:\n  rules:\n%s    - match: good\n", cases[i].rule);
        yd_config c = parse(text, report, sizeof report);
        expect_one(report, cases[i].where, cases[i].phrase, NULL);
        /* An unknown key, a replacement in a hide rule or files that are no
         * pattern is ignored, not the rule. */
        size_t kept = strstr(cases[i].phrase, "hide rule replaces") || strstr(cases[i].phrase, "colour") ||
                              strstr(cases[i].phrase, "files:")
                          ? 2
                          : 1;
        if (c.purify.rules.count != kept)
            fail_msg("case %zu: %zu rules kept, want %zu", i, c.purify.rules.count, kept);
        if (kept == 2)
            assert_null(c.purify.rules.items[0].files);
        assert_string_equal(c.purify.rules.items[kept - 1].pattern, "good");
        yd_config_free(&c);
    }
    /* A replacement past its limit. */
    char x[YD_PURIFY_REPLACEMENT_MAX + 2], longer[YD_PURIFY_REPLACEMENT_MAX + 64];
    memset(x, 'x', sizeof x - 1);
    x[sizeof x - 1] = 0;
    snprintf(longer, sizeof longer, "purify:\n  rules:\n    - match: a\n      replace: '%s'\n", x);
    yd_config c = parse(longer, report, sizeof report);
    expect_one(report, "cfg.yaml:4:16:", "purify.rules[1].replace: the replacement is longer than 1000 bytes", NULL);
    assert_int_equal(c.purify.rules.count, 0);
    yd_config_free(&c);
    /* rules: not a list; purify: a list; too many rules. */
    c = parse("purify:\n  rules: hide\n", report, sizeof report);
    expect_one(report, "cfg.yaml:2:10:", "purify.rules: expected a list of rules", NULL);
    yd_config_free(&c);
    c = parse("purify: [a]\n", report, sizeof report);
    expect_one(report, "cfg.yaml:1:9:", "purify: expected on, off or a mapping", NULL);
    yd_config_free(&c);
    char big[8192] = "purify:\n  rules:\n";
    for (int i = 0; i < YD_PURIFY_RULES_MAX + 2; i++)
        snprintf(big + strlen(big), sizeof big - strlen(big), "    - match: r%d\n", i);
    c = parse(big, report, sizeof report);
    expect_one(report, "cfg.yaml:67:7:", "more than 64 rules", NULL);
    assert_int_equal(c.purify.rules.count, YD_PURIFY_RULES_MAX);
    yd_config_free(&c);
    /* Corrupt YAML: one message, every default, no rule. */
    c = parse("purify:\n  rules: [ {match: a\n", report, sizeof report);
    assert_non_null(strstr(report, "not valid YAML"));
    assert_int_equal(c.purify.rules.count, 0);
    assert_false(c.purify.hide);
    yd_config_free(&c);
}

static void test_config_keys(void **state)
{
    (void)state;
    char report[2048];
    yd_config c = parse("markup: raw\npurify: on\n", report, sizeof report);
    assert_string_equal(report, "");
    assert_true(c.markup_raw);
    assert_true(c.purify.hide);
    yd_config_free(&c);
    c = parse("markup: rendered\npurify:\n  hide: true\n  dim: false\n", report, sizeof report);
    assert_string_equal(report, "");
    assert_false(c.markup_raw);
    assert_true(c.purify.hide);
    assert_false(c.purify.dim);
    yd_config_free(&c);
    c = parse("markup: source\n", report, sizeof report);
    expect_one(report, "cfg.yaml:1:9:", "markup: 'source' is not one of rendered or raw; using rendered", NULL);
    assert_false(c.markup_raw);
    yd_config_free(&c);
    c = parse("purify: maybe\n", report, sizeof report);
    expect_one(report, "cfg.yaml:1:9:", "purify: expected true or false, not 'maybe'; using false", NULL);
    yd_config_free(&c);
    c = parse("purify:\n  dim: 3\n  shade: on\n", report, sizeof report);
    assert_non_null(strstr(report, "cfg.yaml:2:8: purify.dim: expected true or false"));
    assert_non_null(strstr(report, "cfg.yaml:3:3: purify: unknown key 'shade' (hide, dim, rules)"));
    assert_true(c.purify.dim);
    yd_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),   cmocka_unit_test(test_every_key), cmocka_unit_test(test_problems),
        cmocka_unit_test(test_broken_files), cmocka_unit_test(test_files),   cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_actions),    cmocka_unit_test(test_bindings),
        cmocka_unit_test(test_outline_rules), cmocka_unit_test(test_config_rules),
        cmocka_unit_test(test_config_bad_rules), cmocka_unit_test(test_config_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
