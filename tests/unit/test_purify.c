/* The user's purify rules (purify.c): matched on file names by glob,
 * applied to a document's text (hide marks a line, replace rewrites it,
 * the lines and their places stay), seen by the outline as the reader
 * shows them. Reading them from config.yaml: test_config.c. */
#include <stdbool.h>
#include <stdlib.h>

#include "test_util.h"
#include "yuedu/config.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"
#include "yuedu/outline_rules.h"
#include "yuedu/purify.h"
#include "yuedu/utf8_map.h"

/* The configuration of yaml, which must have no problem. */
static yd_config config_of(const char *yaml)
{
    yd_config c;
    yd_problems p;
    yd_problems_init(&p);
    assert_int_equal(yd_config_parse(&c, "cfg.yaml", yaml, strlen(yaml), &p, NULL), YD_OK);
    assert_int_equal(yd_problems_total(&p), 0);
    yd_problems_free(&p);
    return c;
}

static void test_glob(void **state)
{
    (void)state;
    assert_true(yd_rule_glob_applies(NULL, "a/b.txt"));
    assert_true(yd_rule_glob_applies("*.txt", "corpus/novels/b.txt"));     /* the name only */
    assert_false(yd_rule_glob_applies("*.txt", "corpus/novels/b.md"));
    assert_true(yd_rule_glob_applies("novels/*.txt", "novels/b.txt"));    /* a slash: the path */
    assert_false(yd_rule_glob_applies("novels/*.txt", "corpus/novels/b.txt"));
    assert_true(yd_rule_glob_applies("*/novels/*.txt", "corpus/novels/b.txt"));
    assert_true(yd_rule_glob_applies("[ab]*.txt", "dir/a1.txt"));
    assert_false(yd_rule_glob_applies("*.txt", NULL));
}

/* A document from text, with rules from YAML. */
static void load_with(yd_document *d, yd_config *c, const char *name, const char *text, const char *yaml)
{
    *c = config_of(yaml);
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

/* A link can cross lines (an HTML <a> around a list item): its end is
 * placed by the line that holds it, so that it never points past the text
 * when the lines before it were rewritten. */
static void test_link_across_lines(void **state)
{
    (void)state;
    const char *page = "0<a href=/y><li>k></a>";
    static const char *const rules[] = {"purify:\n  rules:\n    - match: 'k'\n      replace: ''\n",
                                        "purify:\n  rules:\n    - match: '.'\n      replace: ''\n"};
    yd_document plain;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&plain, "p.html", (const unsigned char *)page, strlen(page), NULL, &err),
                     YD_OK);
    assert_true(plain.markup->link_count >= 1);
    const yd_link *pl = &plain.markup->links[0];
    assert_true(yd_document_line_at(&plain, pl->start) < yd_document_line_at(&plain, pl->end - 1));
    char *was = utf8_of(plain.text + pl->start, pl->end - pl->start), *want = calloc(1, strlen(was) + 1);
    assert_non_null(want);
    for (char *p = was, *w = want; *p; p++)
        if (*p != 'k')
            *w++ = *p;
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        yd_document d;
        yd_config c;
        load_with(&d, &c, "p.html", page, rules[r]);
        for (size_t i = 0; i < d.markup->link_count; i++) {
            const yd_link *lk = &d.markup->links[i];
            assert_true(lk->start >= 0 && lk->start <= lk->end && lk->end <= d.length);
        }
        if (r == 0) { /* the link holds what it held, less the k */
            char *got = utf8_of(d.text + d.markup->links[0].start, d.markup->links[0].end - d.markup->links[0].start);
            assert_string_equal(got, want);
            free(got);
        }
        yd_document_free(&d);
        yd_config_free(&c);
    }
    free(was);
    free(want);
    yd_document_free(&plain);
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

    /* A replacement that would grow the text past its bound: the lines
     * from there on stay as they were, the lines and their count hold. */
    c = config_of("purify:\n  rules:\n    - match: '.'\n      replace: '$0$0$0$0$0$0$0$0'\n");
    yd_load_options raw = {0};
    yd_error err0 = {0};
    assert_int_equal(yd_document_from_bytes(&d, "grow.txt", (const unsigned char *)"ab\ncd\nef\ngh\n", 12, &raw, &err0),
                     YD_OK);
    assert_int_equal(yd_purify_document_within(&d, &c.purify.rules, 10, &err0), YD_OK);
    /* 12 units, bound 4 * 12 + 10 = 58: three lines of 17 fit with the
     * rest of the text after them, the fourth does not */
    expect_line(&d, 0, "aaaaaaaabbbbbbbb");
    expect_line(&d, 1, "ccccccccdddddddd");
    expect_line(&d, 2, "eeeeeeeeffffffff");
    expect_line(&d, 3, "gh");
    assert_int_equal(d.line_count, 4);
    assert_true(d.length <= 58);
    yd_document_free(&d);
    yd_config_free(&c);

    char *dir = make_temp_dir();
    const char body[] = "留下\n删掉这行\n";
    write_file(dir, "f.txt", body, sizeof body - 1);
    char path[4200];
    snprintf(path, sizeof path, "%s/f.txt", dir);
    c = config_of("purify:\n  rules:\n    - match: '删掉'\n      replace: ''\n");
    yd_load_options opt = {.purify = &c.purify.rules};
    yd_error err = {0};
    assert_int_equal(yd_document_load(&d, path, &opt, &err), YD_OK);
    expect_line(&d, 0, "留下"); /* the text before the first change, as it was */
    expect_line(&d, 1, "这行");
    assert_int_equal(d.length, 6);
    /* The byte scan of a file stands for its text only without rules. */
    yd_utf8_map map;
    assert_int_equal(yd_utf8_map_open(&map, path, &opt), 0);
    yd_load_options none = {0};
    assert_int_equal(yd_utf8_map_open(&map, path, &none), 1);
    yd_utf8_map_close(&map);
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
        cmocka_unit_test(test_glob),
        cmocka_unit_test(test_apply),        cmocka_unit_test(test_markup_follows), cmocka_unit_test(test_link_across_lines),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
