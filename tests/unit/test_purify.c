/* The user's purify rules (purify.c, purify_config.c): read from
 * config.yaml with a message for every bad rule, matched on file names by
 * glob, applied to a document's text (hide marks a line, replace rewrites
 * it, the lines and their places stay), seen by the outline as the reader
 * shows them; the configuration keys markup and purify. */
#include <stdbool.h>
#include <stdlib.h>

#include "test_util.h"
#include "yuedu/config.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"
#include "yuedu/purify.h"

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
    yd_problems_free(&p);
    return c;
}

/* report holds exactly one problem, at where, with each phrase. */
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
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text, "purify:\n  rules:\n%s    - match: good\n", cases[i].rule);
        yd_config c = parse(text, report, sizeof report);
        expect_one(report, cases[i].where, cases[i].phrase, NULL);
        /* An unknown key or a replacement in a hide rule is ignored, not the rule. */
        size_t kept = strstr(cases[i].phrase, "hide rule replaces") || strstr(cases[i].phrase, "colour") ? 2 : 1;
        if (c.purify.rules.count != kept)
            fail_msg("case %zu: %zu rules kept, want %zu", i, c.purify.rules.count, kept);
        assert_string_equal(c.purify.rules.items[kept - 1].pattern, "good");
        yd_config_free(&c);
    }
    /* rules: not a list; purify: a list; too many rules. */
    yd_config c = parse("purify:\n  rules: hide\n", report, sizeof report);
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

static void test_glob(void **state)
{
    (void)state;
    assert_true(yd_purify_glob_applies(NULL, "a/b.txt"));
    assert_true(yd_purify_glob_applies("*.txt", "corpus/novels/b.txt"));     /* the name only */
    assert_false(yd_purify_glob_applies("*.txt", "corpus/novels/b.md"));
    assert_true(yd_purify_glob_applies("novels/*.txt", "novels/b.txt"));    /* a slash: the path */
    assert_false(yd_purify_glob_applies("novels/*.txt", "corpus/novels/b.txt"));
    assert_true(yd_purify_glob_applies("*/novels/*.txt", "corpus/novels/b.txt"));
    assert_true(yd_purify_glob_applies("第?章.txt", "书/第一章.txt") == false); /* ? is one byte, not one character */
    assert_true(yd_purify_glob_applies("[ab]*.txt", "dir/a1.txt"));
    assert_false(yd_purify_glob_applies("*.txt", NULL));
}

/* A document from text, with rules from YAML. */
static void load_with(yd_document *d, yd_config *c, const char *name, const char *text, const char *yaml)
{
    char report[2048];
    *c = parse(yaml, report, sizeof report);
    assert_string_equal(report, "");
    yd_load_options opt = {.purify = &c->purify.rules};
    yd_error err = {0};
    if (yd_document_from_bytes(d, name, (const unsigned char *)text, strlen(text), &opt, &err) != YD_OK)
        fail_msg("load: %s", err.message);
}

static void expect_line(const yd_document *d, int32_t line, const char *want)
{
    int32_t s, e;
    yd_document_line_bounds(d, line, &s, &e);
    char *got = utf8_of(d->text + s, e - s);
    if (strcmp(got, want) != 0)
        fail_msg("line %d: '%s', want '%s'", line + 1, got, want);
    free(got);
}

static void test_apply(void **state)
{
    (void)state;
    yd_document d;
    yd_config c;
    const char *text = "第一章 渡口（求月票）\n"
                       "船来了。甲乙两人上船。\n"
                       "本章完，请收藏\n"
                       "\n"
                       "第二章 对岸\n"
                       "一二三";
    load_with(&d, &c, "novel.txt", text,
              "purify:\n  rules:\n"
              "    - match: '^本章完'\n"
              "    - match: '（求(月票|收藏)）'\n      replace: ''\n"
              "    - match: '(甲)乙'\n      replace: '$1和丙'\n"
              "    - match: '二'\n      replace: \"两\\n行\"\n"
              "    - match: '两 行'\n      replace: '2'\n");
    assert_int_equal(d.line_count, 6);
    expect_line(&d, 0, "第一章 渡口");
    expect_line(&d, 1, "船来了。甲和丙两人上船。");
    expect_line(&d, 2, "本章完，请收藏"); /* hidden, not changed */
    expect_line(&d, 4, "第2章 对岸");   /* a line end in a replacement is a space; rules apply in order */
    expect_line(&d, 5, "一2三");
    assert_non_null(d.hidden_lines);
    for (int32_t k = 0; k < d.line_count; k++)
        assert_int_equal(d.hidden_lines[k], k == 2);
    /* The index of the new text: every line starts after a line end. */
    for (int32_t k = 1; k < d.line_count; k++)
        assert_int_equal(d.text[d.line_starts[k] - 1], '\n');
    assert_int_equal((int32_t)u_strlen(d.text), d.length);
    assert_int_equal((size_t)u_countChar32(d.text, d.length), d.chars);
    /* The outline sees what the reader shows: the cleaned title, and no
     * node for a hidden line (a rule would make one of 本章完 otherwise). */
    yd_outline_rules_free(&c.outline.rules);
    yd_outline_rules_init(&c.outline.rules);
    yd_outline_rule heading = {.pattern = "^本章完", .level = 1, .kind = YD_RULE_HEADING, .number = 1};
    assert_int_equal(yd_outline_rules_add(&c.outline.rules, &heading, NULL), YD_OK);
    yd_outline o;
    yd_outline_options oo = {.rules = &c.outline.rules};
    assert_int_equal(yd_outline_build_with(&o, &d, &oo, NULL), YD_OK);
    int chapters = 0;
    for (int32_t i = 0; i < o.count; i++) {
        assert_int_not_equal(o.nodes[i].line, 2);
        char *title = utf8_of(d.text + o.nodes[i].title_start, o.nodes[i].title_length);
        if (strcmp(title, "第一章 渡口") == 0 || strcmp(title, "第2章 对岸") == 0)
            chapters++;
        free(title);
    }
    assert_int_equal(chapters, 2);
    yd_outline_free(&o);
    yd_document_free(&d);
    yd_config_free(&c);

    /* A glob that does not select the file: nothing happens. */
    load_with(&d, &c, "notes/novel.md", text, "purify:\n  rules:\n    - match: '^本章完'\n      files: '*.txt'\n");
    assert_null(d.hidden_lines);
    expect_line(&d, 0, "第一章 渡口（求月票）");
    yd_document_free(&d);
    yd_config_free(&c);
}

/* Rendered Markdown: spans and links keep their text when the line around
 * them changes. */
static void test_markup_follows(void **state)
{
    (void)state;
    yd_document d;
    yd_config c;
    load_with(&d, &c, "a.md", "广告词：**要紧**的[渡口](http://x.test/)在此\n\n第二段 广告词\n",
              "purify:\n  rules:\n    - match: '广告词：?'\n      replace: ''\n");
    assert_non_null(d.markup);
    expect_line(&d, 0, "要紧的渡口在此");
    int strong = 0, link = 0;
    for (size_t i = 0; i < d.markup->span_count; i++) {
        const yd_span *sp = &d.markup->spans[i];
        char *t = utf8_of(d.text + sp->start, sp->end - sp->start);
        if (sp->style == YD_SPAN_STRONG)
            strong |= strcmp(t, "要紧") == 0;
        if (sp->style == YD_SPAN_LINK)
            link |= strcmp(t, "渡口") == 0;
        free(t);
    }
    assert_true(strong);
    assert_true(link);
    assert_true(d.markup->link_count >= 1);
    char *lt = utf8_of(d.text + d.markup->links[0].start, d.markup->links[0].end - d.markup->links[0].start);
    assert_string_equal(lt, "渡口");
    free(lt);
    assert_int_equal(yd_source_line(&d, 2), 3); /* places stay */
    yd_document_free(&d);
    yd_config_free(&c);
}

/* A pattern that backtracks without end does not hang the reading; a file
 * is never written. */
static void test_hostile(void **state)
{
    (void)state;
    char *text = malloc(64 * 40 + 1);
    assert_non_null(text);
    text[0] = 0;
    for (int k = 0; k < 40; k++) {
        size_t n = strlen(text);
        memset(text + n, 'a', 60);
        strcpy(text + n + 60, "b\n");
    }
    yd_document d;
    yd_config c;
    load_with(&d, &c, "slow.txt", text,
              "purify:\n  rules:\n    - match: '^(a+)+$'\n    - match: 'b$'\n      replace: 'c'\n");
    assert_int_equal(d.line_count, 40);
    expect_line(&d, 39, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac");
    assert_null(d.hidden_lines);
    yd_document_free(&d);
    yd_config_free(&c);
    free(text);

    char *dir = make_temp_dir();
    const char body[] = "留下\n删掉这行\n";
    write_file(dir, "f.txt", body, sizeof body - 1);
    char path[4200];
    snprintf(path, sizeof path, "%s/f.txt", dir);
    char report[512];
    c = parse("purify:\n  rules:\n    - match: '删掉'\n      replace: ''\n", report, sizeof report);
    yd_load_options opt = {.purify = &c.purify.rules};
    yd_error err = {0};
    assert_int_equal(yd_document_load(&d, path, &opt, &err), YD_OK);
    expect_line(&d, 1, "这行");
    size_t length;
    unsigned char *after = slurp(path, &length);
    assert_int_equal(length, sizeof body - 1);
    assert_memory_equal(after, body, length);
    free(after);
    yd_document_free(&d);
    yd_config_free(&c);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_rules), cmocka_unit_test(test_config_bad_rules),
        cmocka_unit_test(test_config_keys),  cmocka_unit_test(test_glob),
        cmocka_unit_test(test_apply),        cmocka_unit_test(test_markup_follows),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
