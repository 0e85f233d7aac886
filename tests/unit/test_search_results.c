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
        yd_result_row rk = yd_results_row(r, k);
        const yd_result_row *row = &rk;
        const yd_result_hit *h = &row->at;
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
    assert_int_equal(yd_results_row(r, row).kind, YD_RESULT_HIT);
    assert_int_equal(yd_results_row(r, row).at.line, 2);
    /* The first hit of document 1 skips its headers. */
    row = yd_results_row_of(r, 1, 0);
    assert_int_equal(yd_results_row(r, row).kind, YD_RESULT_HIT);
    assert_int_equal(yd_results_row(r, row).at.doc, 1);
    /* Past the last hit: wraps to the first. */
    row = yd_results_row_of(r, 2, 0);
    assert_int_equal(row, 1);
    /* A hit filtered out: the next one shown. */
    set_filter(&c, "读书角");
    row = yd_results_row_of(r, 0, 0);
    assert_int_equal(yd_results_row(r, row).at.doc, 1);
    assert_int_equal(yd_results_row(r, row).at.index, 0);
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
    int32_t n = yd_result_section_title(c.ptrs[0], &c.outlines[0], yd_results_row(&c.results, yd_results_row_of(&c.results, 0, 4)).at.section, buf, 8);
    assert_int_equal(n, 8);
    char *s = utf8_of(buf, n);
    assert_string_equal(s, "二、活动形式 ›");
    free(s);
    corpus_free(&c);
}

/* ---- every row of a long list against one made hit by hit -------------- */

/* Chinese numerals up to 99 (chapter and section numbers the outline
 * reads). */
static void numeral(int n, char *out, size_t size)
{
    static const char *const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10)
        snprintf(out, size, "%s", digit[n]);
    else
        snprintf(out, size, "%s十%s", n / 10 > 1 ? digit[n / 10] : "", n % 10 ? digit[n % 10] : "");
}

/* A long report: a line before the first heading, chapters of sections
 * with items, hits of 甲乙 in chapter text, in items, after the items;
 * one section in three has none. */
static char *long_report(int chapters)
{
    size_t size = (size_t)chapters * 2000 + 256, used = 0;
    char *t = malloc(size);
    assert_non_null(t);
    used += (size_t)snprintf(t + used, size - used, "年度报告 甲乙 开头一行\n");
    for (int c = 1; c <= chapters; c++) {
        char cn[32];
        numeral(c, cn, sizeof cn);
        used += (size_t)snprintf(t + used, size - used, "第%s章 章名%d\n章%d的正文，甲乙在这里。\n", cn, c, c);
        for (int k = 1; k <= 3; k++) {
            numeral(k, cn, sizeof cn);
            used += (size_t)snprintf(t + used, size - used, "第%s节 节名%d\n", cn, k);
            if ((c + k) % 3 == 0)
                used += (size_t)snprintf(t + used, size - used, "这一节什么也没有。\n");
            else
                used += (size_t)snprintf(t + used, size - used,
                                         "一是甲乙在第一条。\n二是没有。\n三是甲乙又在这里，甲乙两次。\n节后正文甲乙。\n");
        }
    }
    return t;
}

/* What a row says, made directly from one hit: its section by the node
 * holding it, its line by the document's lines. */
static yd_result_hit where_is(const corpus *c, size_t doc, size_t index)
{
    int32_t offset = c->hits[doc].items[index].offset;
    const yd_outline *o = &c->outlines[doc];
    int32_t node = o->count ? yd_outline_node_at(o, offset) : -1;
    while (node >= 0 && o->nodes[node].kind == YD_NODE_ITEM)
        node = o->nodes[node].parent;
    return (yd_result_hit){(uint32_t)doc, (uint32_t)index, node, yd_document_line_at(c->ptrs[doc], offset)};
}

/* The rows of hits shown (shown[doc][index]), made one hit at a time: a
 * document's header when the document changes, a section's when the
 * section changes (none for -1), counts on both. */
static size_t reference_rows(const corpus *c, char shown[][1024], yd_result_row *rows, size_t capacity)
{
    size_t n = 0, doc_row = 0, section_row = 0;
    int have_section = 0;
    yd_result_hit last = {UINT32_MAX, 0, -2, 0};
    for (size_t d = 0; d < c->n; d++)
        for (size_t i = 0; i < c->hits[d].count; i++) {
            if (!shown[d][i])
                continue;
            yd_result_hit h = where_is(c, d, i);
            assert_true(n + 3 <= capacity);
            if (h.doc != last.doc) {
                doc_row = n;
                have_section = 0;
                rows[n++] = (yd_result_row){h, 0, YD_RESULT_DOCUMENT};
            }
            if (h.section >= 0 && (h.doc != last.doc || h.section != last.section)) {
                section_row = n;
                have_section = 1;
                rows[n++] = (yd_result_row){h, 0, YD_RESULT_SECTION};
            } else if (h.section < 0) {
                have_section = 0;
            }
            rows[n++] = (yd_result_row){h, 1, YD_RESULT_HIT};
            rows[doc_row].count++;
            if (have_section)
                rows[section_row].count++;
            last = h;
        }
    return n;
}

/* Every row of the list is the reference's, and every hit shown is found
 * on its own row. */
static void expect_rows(const corpus *c, char shown[][1024])
{
    enum { ROWS = 8192 };
    yd_result_row *want = malloc(ROWS * sizeof *want);
    assert_non_null(want);
    size_t n = reference_rows(c, shown, want, ROWS);
    const yd_results *r = &c->results;
    for (size_t k = 0; k < n && k < r->row_count; k++) {
        yd_result_row got = yd_results_row(r, k);
        if (got.kind != want[k].kind || got.count != want[k].count || got.at.doc != want[k].at.doc ||
            got.at.index != want[k].at.index || got.at.section != want[k].at.section || got.at.line != want[k].at.line)
            fail_msg("row %zu of %zu: kind %d count %u hit %u/%u section %d line %d; want kind %d count %u hit %u/%u "
                     "section %d line %d",
                     k, n, got.kind, got.count, got.at.doc, got.at.index, got.at.section, got.at.line, want[k].kind,
                     want[k].count, want[k].at.doc, want[k].at.index, want[k].at.section, want[k].at.line);
        if (want[k].kind == YD_RESULT_HIT)
            assert_int_equal(yd_results_row_of(r, want[k].at.doc, want[k].at.index), k);
    }
    assert_int_equal(r->row_count, n);
    free(want);
}

/* Hits whose line holds text (for a filter no title or file name holds:
 * it finds them by context only). */
static void shown_by_line(const corpus *c, const char *text, char shown[][1024])
{
    for (size_t d = 0; d < c->n; d++)
        for (size_t i = 0; i < c->hits[d].count; i++) {
            int32_t from, to;
            yd_document_line_bounds(c->ptrs[d], where_is(c, d, i).line, &from, &to);
            char *line = utf8_of(c->docs[d].text + from, to - from);
            shown[d][i] = strstr(line, text) != NULL;
            free(line);
        }
}

static void test_long_list(void **state)
{
    (void)state;
    char *report = long_report(60);
    static const char *const p[] = {"l/1-报告.txt", "l/2-无标题.txt", "l/3-空.txt", "l/4-报告.txt"};
    const char *t[] = {report, "甲乙一行\n没有标题的文字，甲乙\n又一行甲乙\n", "没有命中的一份\n", report};
    corpus c;
    corpus_make(&c, "甲乙", p, t, 4);
    static char shown[4][1024];
    assert_true(c.hits[0].count > 300 && c.hits[0].count < 1024);
    assert_true(c.outlines[0].count > 500); /* chapters, sections and items */
    memset(shown, 1, sizeof shown);
    expect_rows(&c, shown);
    /* Filtered by context, then narrowed, then by a section's title, then
     * everything again. */
    set_filter(&c, "这里");
    shown_by_line(&c, "这里", shown);
    expect_rows(&c, shown);
    set_filter(&c, "这里，");
    shown_by_line(&c, "这里，", shown);
    expect_rows(&c, shown);
    assert_int_equal(c.results.documents, 2);
    set_filter(&c, "两次");
    shown_by_line(&c, "两次", shown);
    expect_rows(&c, shown);
    set_filter(&c, "章名7");
    for (size_t d = 0; d < c.n; d++)
        for (size_t i = 0; i < c.hits[d].count; i++) {
            UChar title[256];
            int32_t n = yd_result_section_title(c.ptrs[d], &c.outlines[d], where_is(&c, d, i).section, title, 256);
            char *s = utf8_of(title, n);
            /* 章名7 and 章名70..79: 60 chapters have only the first */
            shown[d][i] = strstr(s, "章名7 ") != NULL || (strlen(s) >= strlen("章名7") &&
                                                       strcmp(s + strlen(s) - strlen("章名7"), "章名7") == 0);
            free(s);
        }
    expect_rows(&c, shown);
    set_filter(&c, "");
    memset(shown, 1, sizeof shown);
    expect_rows(&c, shown);
    corpus_free(&c);
    free(report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grouping),       cmocka_unit_test(test_no_hits),
        cmocka_unit_test(test_snippet_ends_of_line), cmocka_unit_test(test_snippet_folded_and_unsafe),
        cmocka_unit_test(test_context),        cmocka_unit_test(test_filter), cmocka_unit_test(test_filter_also),
        cmocka_unit_test(test_filter_case),    cmocka_unit_test(test_row_of),
        cmocka_unit_test(test_section_title), cmocka_unit_test(test_long_list),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
