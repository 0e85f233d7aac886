/* The search result list: hits grouped by document and section (items
 * belong to their heading, hits before the first heading to none), line
 * numbers, breadcrumbs; snippets around hits at the start, in the middle and
 * at the end of a line, wider than the room, in folded text, with wide
 * characters and either ambiwidth; the filter by context, file name and
 * section, through the folds, narrowing and widening again; finding the row
 * of a hit. */
#include "test_util.h"
#include "yuedu/search_results.h"

#include <unicode/utf16.h>

static yd_fold *fold;
static yd_width_table *widths, *widths2;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    if (yd_fold_new(&fold, NULL, &err) != YD_OK || yd_width_table_new(1, &widths, &err) != YD_OK ||
        yd_width_table_new(2, &widths2, &err) != YD_OK) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    yd_fold_free(fold);
    yd_width_table_free(widths);
    yd_width_table_free(widths2);
    return 0;
}

enum { MAX_DOCS = 4 };

/* A small corpus searched for one pattern. */
typedef struct corpus {
    size_t n;
    yd_document docs[MAX_DOCS];
    const yd_document *ptrs[MAX_DOCS];
    yd_outline outlines[MAX_DOCS];
    yd_shadow shadows[MAX_DOCS];
    yd_hits hits[MAX_DOCS];
    yd_results results;
} corpus;

static void corpus_make(corpus *c, const char *pattern, const char *const *paths, const char *const *texts, size_t n)
{
    memset(c, 0, sizeof *c);
    c->n = n;
    yd_error err = {0};
    yd_query *q;
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, pattern, &o, &err), YD_OK);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(yd_document_from_bytes(&c->docs[k], paths[k], (const unsigned char *)texts[k],
                                                strlen(texts[k]), NULL, &err),
                         YD_OK);
        c->ptrs[k] = &c->docs[k];
        assert_int_equal(yd_outline_build(&c->outlines[k], &c->docs[k], &err), YD_OK);
        assert_int_equal(yd_search_document(q, &c->docs[k], &c->shadows[k], &c->hits[k], &err), YD_OK);
    }
    yd_query_free(q);
    assert_int_equal(yd_results_build(&c->results, c->ptrs, c->outlines, c->hits, n, &err), YD_OK);
}

static void corpus_free(corpus *c)
{
    yd_results_free(&c->results);
    for (size_t k = 0; k < c->n; k++) {
        yd_hits_free(&c->hits[k]);
        yd_shadow_free(&c->shadows[k]);
        yd_outline_free(&c->outlines[k]);
        yd_document_free(&c->docs[k]);
    }
}

/* The rows as text: "D a.txt 3|S 一、甲|H 2:党建 ...", hits as line:matched text. */
static const char *rows_of(const corpus *c)
{
    static char out[4096];
    size_t used = 0;
    out[0] = 0;
    const yd_results *r = &c->results;
    for (size_t k = 0; k < r->row_count; k++) {
        const yd_result_row *row = &r->rows[k];
        const yd_result_hit *h = &r->hits[row->hit];
        const yd_document *d = c->ptrs[h->doc];
        char *text;
        if (row->kind == YD_RESULT_DOCUMENT) {
            used += (size_t)snprintf(out + used, sizeof out - used, "%sD %s %u", k ? "|" : "", d->path, row->count);
            continue;
        }
        if (row->kind == YD_RESULT_SECTION) {
            UChar title[256];
            int32_t n = yd_result_section_title(d, &c->outlines[h->doc], h->section, title, 256);
            text = utf8_of(title, n);
            used += (size_t)snprintf(out + used, sizeof out - used, "|S %s %u", text, row->count);
        } else {
            const yd_hit *hit = yd_results_hit(r, row);
            text = utf8_of(d->text + hit->offset, hit->length);
            used += (size_t)snprintf(out + used, sizeof out - used, "|H %d:%s", (int)h->line + 1, text);
        }
        free(text);
    }
    return out;
}

static const char *const paths[] = {"a/1-规划.txt", "a/2-總結.txt", "a/3-附录.txt"};
static const char *const texts[] = {
    "本年度党建读书会安排\n"
    "一、党建引领\n"
    "坚持党建引领，每月精读一本书。\n"
    "一是党建工作与读书结合。\n"
    "二、活动形式\n"
    "（一）线上分享\n"
    "群内推荐文字，党建主题每月一次。\n",
    "一、主要成績\n"
    "黨建讀書角正式開放。\n"
    "二、明年打算\n"
    "繼續推進黨建與閱讀相結合，擴大讀書角的影響。\n",
    "附录\n活动照片另存。\n",
};

static void test_grouping(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "党建", paths, texts, 3);
    /* The title line (line 1) comes before the first heading: no section.
     * The item 一是 belongs to its heading; the third document has no hit. */
    assert_string_equal(rows_of(&c), "D a/1-规划.txt 5|H 1:党建"
                                     "|S 一、党建引领 3|H 2:党建|H 3:党建|H 4:党建"
                                     "|S 二、活动形式 › （一）线上分享 1|H 7:党建"
                                     "|D a/2-總結.txt 2|S 一、主要成績 1|H 2:黨建|S 二、明年打算 1|H 4:黨建");
    assert_int_equal(c.results.hit_count, 7);
    assert_int_equal(c.results.all_documents, 2);
    assert_int_equal(c.results.documents, 2);
    assert_int_equal(c.results.max_line, 7);
    corpus_free(&c);
}

static void test_no_hits(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "不存在", paths, texts, 3);
    assert_int_equal(c.results.row_count, 0);
    assert_int_equal(c.results.hit_count, 0);
    assert_int_equal(yd_results_row_of(&c.results, 0, 0), 0);
    corpus_free(&c);
}

/* The snippet of hit k of document 0 in cells columns as text: the hit in
 * [brackets]; checks the widths add up and never pass cells. */
static const char *snippet(const corpus *c, size_t doc, size_t k, int cells, const yd_width_table *w)
{
    static char out[1024];
    yd_snippet_cell cell[256];
    int n = yd_result_snippet(c->ptrs[doc], w, &c->hits[doc].items[k], cells, cell, 256);
    int total = 0, in = 0;
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        if (cell[i].in_hit != in)
            out[used++] = in ? ']' : '[';
        in = cell[i].in_hit;
        UChar u[2];
        int32_t len = 0;
        U16_APPEND_UNSAFE(u, len, cell[i].ch);
        char *s = utf8_of(u, len);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s", s);
        free(s);
        total += cell[i].width;
        if (cell[i].ch == 0x2026)
            assert_int_equal(cell[i].offset, -1);
    }
    if (in)
        out[used++] = ']';
    out[used] = 0;
    assert_true(total <= cells);
    return out;
}

static void test_snippet_ends_of_line(void **state)
{
    (void)state;
    static const char *const p[] = {"s.txt"};
    static const char *const t[] = {"党建在行首，后面还有很多很多的文字一直写到很远的地方才结束。\n"
                                    "    前面有很多很多的文字一直写到很远的地方才说到党建\n"
                                    "一二三四五六七八九十党建一二三四五六七八九十\n"};
    corpus c;
    corpus_make(&c, "党建", p, t, 1);
    /* At the start of the line: nothing before, … where the line goes on. */
    assert_string_equal(snippet(&c, 0, 0, 20, widths), "[党建]在行首，后面还…");
    /* At the end, after an indent: the room goes before the hit, the
     * indent is not shown, no … after. */
    assert_string_equal(snippet(&c, 0, 1, 20, widths), "…远的地方才说到[党建]");
    assert_string_equal(snippet(&c, 0, 1, 80, widths), "前面有很多很多的文字一直写到很远的地方才说到[党建]");
    /* In the middle: a third of the room before, the rest after. */
    assert_string_equal(snippet(&c, 0, 2, 30, widths), "…八九十[党建]一二三四五六七八九…");
    /* An odd room never splits a wide character: the spare cell is unused. */
    assert_string_equal(snippet(&c, 0, 2, 31, widths), "…七八九十[党建]一二三四五六七八…");
    /* Wider than the room: the start of the hit, then …. */
    assert_string_equal(snippet(&c, 0, 0, 3, widths), "[党]…");
    assert_string_equal(snippet(&c, 0, 2, 4, widths), "…[党]…");
    assert_string_equal(snippet(&c, 0, 2, 0, widths), "");
    /* ambiwidth 2: … takes two cells. */
    assert_string_equal(snippet(&c, 0, 0, 21, widths), "[党建]在行首，后面还有…");
    assert_string_equal(snippet(&c, 0, 0, 21, widths2), "[党建]在行首，后面还…");
    corpus_free(&c);
}

static void test_snippet_folded_and_unsafe(void **state)
{
    (void)state;
    static const char *const p[] = {"f.txt"};
    static const char *const t[] = {"舊文：黨建ＡＢＣ工作\x01結\u200B束\t尾\n"};
    corpus c;
    corpus_make(&c, "党建abc", p, t, 1);
    assert_int_equal(c.hits[0].count, 1);
    /* The hit shows as written (Traditional, full-width); a control
     * character becomes ?, a zero-width space is left out, a tab is a
     * space. */
    assert_string_equal(snippet(&c, 0, 0, 40, widths), "舊文：[黨建ＡＢＣ]工作?結束 尾");
    corpus_free(&c);
    /* A hit across lines: the line end is a space. */
    static const char *const t2[] = {"上一行党\n建下一行\n"};
    corpus_make(&c, "党\n建", p, t2, 1);
    assert_int_equal(c.hits[0].count, 1);
    assert_string_equal(snippet(&c, 0, 0, 40, widths), "上一行[党 建]下一行");
    corpus_free(&c);
}

static void test_context(void **state)
{
    (void)state;
    static const char *const p[] = {"c.txt"};
    static const char *const t[] = {"  甲乙丙丁戊己庚辛壬癸党建子丑寅卯辰巳午未申酉  \n"};
    corpus c;
    corpus_make(&c, "党建", p, t, 1);
    int32_t from, to;
    int before, after;
    yd_hit_context(c.ptrs[0], &c.hits[0].items[0], 3, &from, &to, &before, &after);
    char *s = utf8_of(c.docs[0].text + from, to - from);
    assert_string_equal(s, "辛壬癸党建子丑寅"); /* 3 characters either side */
    free(s);
    assert_true(before && after);
    yd_hit_context(c.ptrs[0], &c.hits[0].items[0], 30, &from, &to, &before, &after);
    s = utf8_of(c.docs[0].text + from, to - from);
    assert_string_equal(s, "甲乙丙丁戊己庚辛壬癸党建子丑寅卯辰巳午未申酉"); /* white space trimmed */
    free(s);
    assert_false(before || after);
    corpus_free(&c);
}

static void set_filter(corpus *c, const char *utf8)
{
    UChar f[128];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(f, 128, &n, utf8, -1, &st);
    assert_false(U_FAILURE(st));
    yd_error err = {0};
    assert_int_equal(yd_results_filter(&c->results, fold, f, n, &err), YD_OK);
}

static void test_filter(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "党建", paths, texts, 3);
    char *all = strdup(rows_of(&c));
    assert_non_null(all);
    /* By context, through script folding: 读书 finds 讀書 too. */
    set_filter(&c, "读书");
    assert_string_equal(rows_of(&c), "D a/1-规划.txt 2|H 1:党建|S 一、党建引领 1|H 4:党建"
                                     "|D a/2-總結.txt 2|S 一、主要成績 1|H 2:黨建|S 二、明年打算 1|H 4:黨建");
    assert_int_equal(c.results.documents, 2);
    /* Typing on narrows what was shown. */
    set_filter(&c, "读书角");
    assert_string_equal(rows_of(&c), "D a/2-總結.txt 2|S 一、主要成績 1|H 2:黨建|S 二、明年打算 1|H 4:黨建");
    assert_int_equal(c.results.shown_count, 2);
    assert_int_equal(c.results.documents, 1);
    /* Deleting widens it again. */
    set_filter(&c, "读");
    assert_string_equal(rows_of(&c), "D a/1-规划.txt 3|H 1:党建|S 一、党建引领 2|H 3:党建|H 4:党建"
                                     "|D a/2-總結.txt 2|S 一、主要成績 1|H 2:黨建|S 二、明年打算 1|H 4:黨建");
    /* By section name: every hit under 活动形式, in the breadcrumb. */
    set_filter(&c, "活动形式");
    assert_string_equal(rows_of(&c), "D a/1-规划.txt 1|S 二、活动形式 › （一）线上分享 1|H 7:党建");
    /* By file name (Simplified filter, Traditional name). */
    set_filter(&c, "总结");
    assert_string_equal(rows_of(&c), "D a/2-總結.txt 2|S 一、主要成績 1|H 2:黨建|S 二、明年打算 1|H 4:黨建");
    /* Width folding: a full-width comma finds the half-width one and back. */
    set_filter(&c, "引领,");
    assert_string_equal(rows_of(&c), "D a/1-规划.txt 1|S 一、党建引领 1|H 3:党建");
    /* Nothing: no rows. */
    set_filter(&c, "没有这个");
    assert_int_equal(c.results.row_count, 0);
    assert_int_equal(c.results.documents, 0);
    /* Empty: everything again. */
    set_filter(&c, "");
    assert_string_equal(rows_of(&c), all);
    free(all);
    corpus_free(&c);
}

/* Another matcher of names and titles (the reader's pinyin): here, any
 * title or name holding 打算. */
static int holds_plan(void *context, const UChar *words, int32_t n)
{
    int *calls = context;
    ++*calls;
    for (int32_t k = 0; k + 1 < n; k++)
        if (words[k] == 0x6253 && words[k + 1] == 0x7B97) /* 打算 */
            return 1;
    return 0;
}

static void test_filter_also(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "党建", paths, texts, 3);
    int calls = 0;
    yd_results_words also = {holds_plan, &calls};
    UChar f[] = {'m', 'n', 'd', 's'}; /* found by no text, only by the matcher */
    yd_error err = {0};
    assert_int_equal(yd_results_filter_also(&c.results, fold, f, 4, &also, &err), YD_OK);
    assert_string_equal(rows_of(&c), "D a/2-總結.txt 1|S 二、明年打算 1|H 4:黨建");
    assert_true(calls > 0);
    /* Without it, nothing. */
    assert_int_equal(yd_results_filter(&c.results, fold, f, 4, &err), YD_OK);
    assert_int_equal(c.results.row_count, 0);
    corpus_free(&c);
}

static void test_filter_case(void **state)
{
    (void)state;
    static const char *const p[] = {"e.txt"};
    static const char *const t[] = {"the Reading group\nthe reading room\nthe READING list\n"};
    corpus c;
    corpus_make(&c, "the", p, t, 1);
    set_filter(&c, "reading"); /* lower case: any case */
    assert_int_equal(c.results.shown_count, 3);
    set_filter(&c, "readingX"); /* narrowed from the three: none */
    assert_int_equal(c.results.shown_count, 0);
    set_filter(&c, "Reading"); /* upper case: exact case */
    assert_int_equal(c.results.shown_count, 1);
    set_filter(&c, "Readin"); /* shorter: from every hit again */
    assert_int_equal(c.results.shown_count, 1);
    set_filter(&c, "eadin"); /* no upper case: case folds again */
    assert_int_equal(c.results.shown_count, 3);
    corpus_free(&c);
}

static void test_row_of(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "党建", paths, texts, 3);
    const yd_results *r = &c.results;
    /* Hit 2 of document 0 (line 3): row 4 (D, H, S, H, H). */
    size_t row = yd_results_row_of(r, 0, 2);
    assert_int_equal(row, 4);
    assert_int_equal(r->rows[row].kind, YD_RESULT_HIT);
    assert_int_equal(r->hits[r->rows[row].hit].line, 2);
    /* The first hit of document 1 skips its headers. */
    row = yd_results_row_of(r, 1, 0);
    assert_int_equal(r->rows[row].kind, YD_RESULT_HIT);
    assert_int_equal(r->hits[r->rows[row].hit].doc, 1);
    /* Past the last hit: wraps to the first. */
    row = yd_results_row_of(r, 2, 0);
    assert_int_equal(row, 1);
    /* A hit filtered out: the next one shown. */
    set_filter(&c, "读书角");
    row = yd_results_row_of(r, 0, 0);
    assert_int_equal(r->hits[r->rows[row].hit].doc, 1);
    assert_int_equal(r->hits[r->rows[row].hit].index, 0);
    corpus_free(&c);
}

static void test_section_title(void **state)
{
    (void)state;
    corpus c;
    corpus_make(&c, "党建", paths, texts, 1);
    UChar buf[64];
    assert_int_equal(yd_result_section_title(c.ptrs[0], &c.outlines[0], -1, buf, 64), 0);
    /* Cut at the capacity, never past it. */
    int32_t n = yd_result_section_title(c.ptrs[0], &c.outlines[0], c.results.hits[4].section, buf, 8);
    assert_int_equal(n, 8);
    char *s = utf8_of(buf, n);
    assert_string_equal(s, "二、活动形式 ›");
    free(s);
    corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grouping),       cmocka_unit_test(test_no_hits),
        cmocka_unit_test(test_snippet_ends_of_line), cmocka_unit_test(test_snippet_folded_and_unsafe),
        cmocka_unit_test(test_context),        cmocka_unit_test(test_filter), cmocka_unit_test(test_filter_also),
        cmocka_unit_test(test_filter_case),    cmocka_unit_test(test_row_of),
        cmocka_unit_test(test_section_title),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
