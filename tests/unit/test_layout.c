/* Layout: wrapping cases with their expected rows, and a property test over
 * every paragraph of every fixture, the guide and ../shared/corpus. */
#include <dirent.h>
#include <locale.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <wchar.h>

#include "test_util.h"
#include "yuedu/document.h"
#include "yuedu/layout.h"

static yd_width_table *tables[3]; /* by ambiwidth */

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    if (yd_width_table_new(1, &tables[1], &err) != YD_OK || yd_width_table_new(2, &tables[2], &err) != YD_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    yd_width_table_free(tables[1]);
    yd_width_table_free(tables[2]);
    return 0;
}

static void load_named(yd_document *doc, const char *name, const char *utf8)
{
    yd_error err = {0};
    /* Markdown as its source (:set markup raw): rendered Markdown is
     * laid out in test_markdown.c. */
    yd_load_options lo = {.encoding = "UTF-8", .markup_raw = 1};
    if (yd_document_from_bytes(doc, name, (const unsigned char *)utf8, strlen(utf8), &lo, &err) != YD_OK)
        fail_msg("load: %s", err.message);
}

/* A Markdown document, so that "# " lines are headings. */
static void load(yd_document *doc, const char *utf8) { load_named(doc, "mem.md", utf8); }

/* Every row of the document as the text pane shows it ("|" after each
 * row, indent and margin as spaces). */
static char *render(const yd_document *doc, int ambiwidth, const yd_layout_options *o)
{
    yd_layout *l;
    yd_error err = {0};
    assert_int_equal(yd_layout_new(doc, tables[ambiwidth], o, &l, &err), YD_OK);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    yd_cell cells[512];
    for (int32_t p = 0; p < yd_layout_paragraph_count(l); p++) {
        const yd_row *rows;
        int32_t count;
        assert_int_equal(yd_layout_paragraph(l, p, &rows, &count, &err), YD_OK);
        for (int32_t r = 0; r < count; r++) {
            int n = yd_layout_row_cells(l, &rows[r], cells, 512);
            if (len + 64 + (size_t)n * 24 + (size_t)o->width > cap) {
                cap = cap * 2 + (size_t)n * 24 + (size_t)o->width;
                out = realloc(out, cap);
                assert_non_null(out);
            }
            if (n > 0)
                for (int k = 0; k < yd_layout_margin(l) + rows[r].indent; k++)
                    out[len++] = ' ';
            for (int k = 0; k < n; k++)
                for (int i = 0; i < YD_CELL_CHARS && cells[k].ch[i]; i++)
                    len += wcrtomb(out + len, cells[k].ch[i], NULL);
            out[len++] = '|';
        }
    }
    out[len] = 0;
    yd_layout_free(l);
    return out;
}

static void expect(const char *text, int width, int ambiwidth, int indent, const char *want)
{
    yd_document d;
    load(&d, text);
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = width;
    o.indent = indent;
    char *got = render(&d, ambiwidth, &o);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\" at width %d (ambiwidth %d):\n got  %s\n want %s", text, width, ambiwidth, got, want);
    free(got);
    yd_document_free(&d);
}

static void test_wrapping(void **state)
{
    (void)state;
    expect("中文排版，标点不能在行首。", 10, 1, 0, "中文排版，|标点不能在|行首。|");
    expect("中文排版，标点不能在行首。", 12, 1, 0, "中文排版，标|点不能在行|首。|");
    /* closing punctuation pulls the character before it down */
    expect("一二三四，五", 8, 1, 0, "一二三|四，五|");
    /* An indent as wide as the text leaves no room: none is given. */
    expect("一二三四五六", 6, 1, 6, "一二三|四五六|");
    /* an opening quote goes down with what follows it */
    expect("一二三“四五”", 8, 1, 0, "一二三|“四五”|");
    expect("一二三“四五”", 8, 2, 0, "一二三|“四五”|");
    /* …… and —— are never split; …… never starts a row */
    expect("一二三……", 8, 2, 0, "一二|三……|");
    expect("一二三——四", 8, 2, 0, "一二三|——四|");
    expect("一二三……", 8, 1, 0, "一二三……|");
    /* several closing marks in a row stay together */
    expect("一二三四”。", 8, 2, 0, "一二三|四”。|");
    expect("一二三”。", 6, 2, 0, "一二|三”。|");
    /* Latin words break at spaces, which hang and are not drawn */
    expect("hello world foo", 8, 1, 0, "hello|world|foo|");
    /* no opportunity at all: grapheme boundaries */
    expect("abcdefghijkl", 5, 1, 0, "abcde|fghij|kl|");
    expect("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, 1, 0, "e\xCC\x81" "e\xCC\x81|e\xCC\x81|");
    /* first-line indent, two full-width cells by default */
    expect("一二三四五六", 8, 1, 4, "    一二|三四五六|");
    /* rather no indent than a broken rule */
    expect("（二）没有", 8, 2, 4, "（二）没|有|");
    /* leading spaces and U+3000 give way to the indent */
    expect("\xE3\x80\x80\xE3\x80\x80一二三四五六", 8, 1, 4, "    一二|三四五六|");
    /* Markdown headings are not indented */
    expect("## 标题\n正文", 20, 1, 4, "## 标题|    正文|");
    /* mixed Chinese and Latin */
    expect("使用ICU进行断行处理", 10, 1, 0, "使用ICU进|行断行处理|");
    /* tabs to 4-cell stops */
    expect("a\tb\tc", 20, 1, 0, "a   b   c|");
    /* U+2028 breaks the row, U+2029 starts an indented one */
    expect("一二\xE2\x80\xA8三四\xE2\x80\xA9五六", 20, 1, 4, "    一二|三四|    五六|");
    /* controls become placeholders and wrap as units */
    expect("一\x1B[31m二", 20, 1, 0, "一^[[31m二|");
    /* an emoji ZWJ sequence is one unit */
    expect("一二三👨\u200D👩\u200D👧", 10, 1, 0, "一二三|👨👩👧|");
    /* a cluster wider than the pane is clipped */
    expect("👨\u200D👩\u200D👧\u200D👦", 4, 1, 0, "👨👩|");
    /* blank lines */
    expect("一\n\n\n二", 10, 1, 0, "一|||二|");
    expect("", 10, 1, 0, "");
}

static void test_blank_between_and_margin(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "甲\n乙\n\n\n丙\n");
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 20;
    o.indent = 0;
    o.blank_between = true;
    char *got = render(&d, 1, &o);
    assert_string_equal(got, "甲||乙||丙|");
    free(got);
    o.blank_between = false;
    o.max_text_width = 10;
    got = render(&d, 1, &o);
    assert_string_equal(got, "     甲|     乙|||     丙|");
    free(got);
    yd_document_free(&d);
}

static int indent_for_second(void *context, int32_t para)
{
    (void)context;
    return para == 1 ? 0 : para == 2 ? 2 : -1;
}

/* text at width 20 with a paragraph_indent callback. */
static void expect_indented(const char *text, int (*indent)(void *, int32_t), const char *want)
{
    yd_document d;
    load(&d, text);
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 20;
    o.paragraph_indent = indent;
    char *got = render(&d, 1, &o);
    assert_string_equal(got, want);
    free(got);
    yd_document_free(&d);
}

static void test_paragraph_indent(void **state)
{
    (void)state;
    /* -1: the default, Markdown rule included */
    expect_indented("甲\n乙\n丙\n# 丁\n", indent_for_second, "    甲|乙|  丙|# 丁|");
}

/* Leading white space: the ordinary paragraph indent (two U+3000, four
 * spaces, a tab, or none) gives way to the configured indent; verse and
 * quotations indented further keep what they have beyond it, on every row;
 * a line pushed far right (a signature, a date) is set flush right. */
static void test_leading_space(void **state)
{
    (void)state;
    /* Verse indented two full-width characters beyond the paragraphs. */
    expect("\u3000\u3000正文一段。\n\u3000\u3000\u3000\u3000床前明月光，\n\u3000\u3000\u3000\u3000疑是地上霜。\n"
           "\u3000\u3000正文二段。\n",
           30, 1, 4, "    正文一段。|        床前明月光，|        疑是地上霜。|    正文二段。|");
    /* A quotation that wraps stays a block: its rows keep the extra. */
    expect("    正文。\n        引文引文引文引文引文引文。\n    正文。\n", 16, 1, 4,
           "    正文。|        引文引文|    引文引文引文|    引文。|    正文。|");
    /* Two U+3000 in a document that does not indent are still ordinary. */
    expect("一段。\n二段。\n\u3000\u3000三段。\n四段。\n", 20, 1, 4, "    一段。|    二段。|    三段。|    四段。|");
    /* A document whose every paragraph has four U+3000: that is ordinary. */
    expect("\u3000\u3000\u3000\u3000甲。\n\u3000\u3000\u3000\u3000乙。\n", 20, 1, 2, "  甲。|  乙。|");
    /* Pushed right: flush right in the pane, whatever the width. */
    const char *notice = "\u3000\u3000通知正文。\n"
                         "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000读书会\n"
                         "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000二〇二四年三月一日\n";
    expect(notice, 30, 1, 4, "    通知正文。|                        读书会|            二〇二四年三月一日|");
    expect(notice, 20, 1, 4, "    通知正文。|              读书会|  二〇二四年三月一日|");
}

/* "# " starts a heading in Markdown only: in a .txt it is a paragraph. */
static void test_markdown_heading_by_format(void **state)
{
    (void)state;
    yd_document d;
    load_named(&d, "notes.txt", "# 不是标题\n正文\n");
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 20;
    char *got = render(&d, 1, &o);
    assert_string_equal(got, "    # 不是标题|    正文|");
    free(got);
    yd_document_free(&d);
}

/* Headings keep no leading space, however deep it was. */
static int indent_headings(void *context, int32_t para)
{
    (void)context;
    return para == 0 ? 0 : -1;
}

static void test_leading_space_headings(void **state)
{
    (void)state;
    expect_indented("\u3000\u3000\u3000\u3000\u3000\u3000第一章\n\u3000\u3000正文。\n", indent_headings, "第一章|    正文。|");
}

/* An empty document (an empty file, or one truncated under the reader)
 * has no paragraph: positions stay at the start and moving is no error. */
static void test_empty_document(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "");
    yd_layout_options o;
    yd_layout_options_default(&o);
    yd_layout *l;
    yd_error err = {0};
    assert_int_equal(yd_layout_new(&d, tables[1], &o, &l, &err), YD_OK);
    assert_int_equal(yd_layout_paragraph_count(l), 0);
    yd_layout_pos pos;
    assert_int_equal(yd_layout_pos_of_offset(l, 5, &pos, &err), YD_OK);
    assert_int_equal(pos.para, 0);
    int32_t moved = -1;
    assert_int_equal(yd_layout_pos_move(l, &pos, 3, &moved, &err), YD_OK);
    assert_int_equal(moved, 0);
    assert_int_equal(yd_layout_pos_move(l, &pos, -3, &moved, &err), YD_OK);
    assert_int_equal(moved, 0);
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.row, 0);
    yd_layout_free(l);
    yd_document_free(&d);
}

/* Offsets, positions and the cache. */
static void test_positions(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "一二三四五六七八\n\n九十");
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 6;
    o.indent = 0;
    yd_layout *l;
    yd_error err = {0};
    assert_int_equal(yd_layout_new(&d, tables[1], &o, &l, &err), YD_OK);
    yd_layout_pos pos;
    assert_int_equal(yd_layout_pos_of_offset(l, 4, &pos, &err), YD_OK); /* 五 */
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.row, 1);
    int32_t moved;
    assert_int_equal(yd_layout_pos_move(l, &pos, 2, &moved, &err), YD_OK);
    assert_int_equal(moved, 2);
    assert_int_equal(pos.para, 1); /* the blank line */
    assert_int_equal(yd_layout_pos_move(l, &pos, 10, &moved, &err), YD_OK);
    assert_int_equal(moved, 1);
    assert_int_equal(pos.para, 2);
    assert_int_equal(yd_layout_pos_move(l, &pos, -100, &moved, &err), YD_OK);
    assert_int_equal(moved, 4);
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.row, 0);
    /* widths come and go; rows stay cached */
    int64_t before = yd_layout_get_stats(l).paragraphs_laid_out;
    assert_int_equal(yd_layout_set_width(l, 10, &err), YD_OK);
    const yd_row *rows;
    int32_t count;
    assert_int_equal(yd_layout_paragraph(l, 0, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 2);
    assert_int_equal(yd_layout_set_width(l, 6, &err), YD_OK);
    assert_int_equal(yd_layout_paragraph(l, 0, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 3);
    assert_int_equal(yd_layout_get_stats(l).paragraphs_laid_out, before + 1);
    assert_int_equal(yd_layout_set_width(l, 1, &err), YD_EINVAL);
    /* A pane of one column cannot hold a wide character: refused when the
     * layout is made and when its options change, as by set_width. */
    yd_layout_options one = o;
    one.width = 1;
    yd_layout *none = NULL;
    assert_int_equal(yd_layout_new(&d, tables[1], &one, &none, &err), YD_EINVAL);
    assert_int_equal(yd_layout_set_options(l, &one, &err), YD_EINVAL);
    /* new options: everything laid out again */
    o.indent = 4;
    assert_int_equal(yd_layout_set_options(l, &o, &err), YD_OK);
    assert_int_equal(yd_layout_paragraph(l, 0, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 4); /* "    一|二三四|五六七|八" at width 6 */
    assert_int_equal(rows[0].indent, 4);
    assert_int_equal(yd_layout_invalidate(l, &err), YD_OK);
    assert_int_equal(yd_layout_paragraph(l, 0, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 4);
    yd_layout_free(l);
    yd_document_free(&d);
}

/* ---- the property test ------------------------------------------------- */

/* The rules, written out again independently of width.c. */
static bool in_set(const char *set, UChar32 c)
{
    int32_t n;
    UChar buf[256];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(buf, 256, &n, set, -1, &st);
    for (int32_t i = 0; i < n;) {
        UChar32 d;
        U16_NEXT(buf, i, n, d);
        if (d == c)
            return true;
    }
    return false;
}

static bool bad_start(UChar32 c) { return c < 0x10000 && in_set("，。、；：？！”’）》」』】〕〗…·‥⋯％", c); }
static bool bad_end(UChar32 c) { return c < 0x10000 && in_set("“‘（《「『【〔〖", c); }
static bool pair_inseparable(UChar32 a, UChar32 b)
{
    return (a == 0x2026 || a == 0x2014 || a == 0x2015 || a == 0x22EF) &&
           (b == 0x2026 || b == 0x2014 || b == 0x2015 || b == 0x22EF);
}

/* Is a row break at b (text offset) within the rules? row_from: where the
 * row's drawn text starts (for the last visible character). */
static bool rules_ok(const UChar *t, int32_t from, int32_t b, int32_t end)
{
    UChar32 next;
    int32_t i = b;
    U16_NEXT(t, i, end, next);
    if (bad_start(next))
        return false;
    i = b;
    UChar32 prev = 0;
    U16_PREV(t, from, i, prev);
    if (pair_inseparable(prev, next))
        return false;
    while (prev == ' ' || prev == '\t') {
        if (i <= from)
            return true;
        U16_PREV(t, from, i, prev);
    }
    return !bad_end(prev);
}

typedef struct totals {
    long layouts, rows, forced, clipped;
    size_t bytes;
} totals;

static void check_document(const yd_document *d, int width, int ambiwidth, totals *tot)
{
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = width;
    o.blank_between = width % 2 == 1; /* both ways across the widths */
    yd_layout *l;
    yd_error err = {0};
    assert_int_equal(yd_layout_new(d, tables[ambiwidth], &o, &l, &err), YD_OK);
    const UChar *t = d->text;
    yd_cell cells[130];
    char utf8[8];
    for (int32_t p = 0; p < d->line_count; p++) {
        int32_t ls, le;
        yd_document_line_bounds(d, p, &ls, &le);
        const yd_row *rows;
        int32_t count;
        assert_int_equal(yd_layout_paragraph(l, p, &rows, &count, &err), YD_OK);
        int32_t at = ls;
        for (int32_t r = 0; r < count; r++) {
            const yd_row *row = &rows[r];
            tot->rows++;
            if (row->flags & YD_ROW_GAP) {
                assert_int_equal(row->start, le);
                assert_int_equal(row->end, le);
                continue;
            }
            /* rows tile the paragraph: joined, they give back its text */
            if (row->start != at)
                fail_msg("%s para %d row %d at width %d: starts at %d, want %d", d->path, p, r, width,
                         row->start, at);
            assert_true(row->start <= row->draw_start && row->draw_start <= row->draw_end &&
                        row->draw_end <= row->end && row->end <= le);
            at = row->end;
            /* no row wider than the pane, and the cells say the same */
            int n = yd_layout_row_cells(l, row, cells, 130);
            int cols = row->indent;
            int32_t last = row->draw_start;
            for (int k = 0; k < n; k++) {
                cols += cells[k].width;
                assert_true(cells[k].start >= last && cells[k].start + cells[k].length <= row->draw_end);
                last = cells[k].start;
                for (int i = 0; i < YD_CELL_CHARS && cells[k].ch[i]; i++) {
                    wchar_t c = cells[k].ch[i];
                    /* nothing below 0x20, no DEL, C1 or bidi control reaches the terminal */
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
                        (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C)
                        fail_msg("%s para %d: U+%04X sent raw", d->path, p, (unsigned)c);
                    size_t b = wcrtomb(utf8, c, NULL);
                    assert_true(b > 0 && b <= 4);
                }
            }
            if (cols > width)
                fail_msg("%s para %d row %d: %d cells at width %d", d->path, p, r, cols, width);
            if (!(row->flags & YD_ROW_CLIPPED))
                assert_int_equal(cols, row->indent + row->width);
            else
                tot->clipped++;
            /* what is not drawn is white space or a line separator */
            for (int32_t i = row->start; i < row->draw_start; i++)
                assert_true(t[i] == ' ' || t[i] == '\t' || t[i] == 0x3000 || t[i] == 0xA0 || t[i] == 0x2029);
            /* (a verbatim line, code or a table, is cut at the edge instead) */
            for (int32_t i = row->draw_end; i < row->end && !(row->flags & YD_ROW_CLIPPED); i++)
                assert_true(t[i] == ' ' || t[i] == '\t' || t[i] == 0x2028 || t[i] == 0x2029);
            /* the Chinese rules at every soft break */
            if (r + 1 < count && !(rows[r + 1].flags & YD_ROW_GAP) && !(row->flags & YD_ROW_HARD)) {
                int32_t b = row->end;
                if (!rules_ok(t, row->draw_start, b, le)) {
                    if (!(row->flags & YD_ROW_FORCED))
                        fail_msg("%s para %d row %d at width %d (ambiwidth %d): rule broken at %d", d->path, p, r,
                                 width, ambiwidth, b);
                    /* allowed only when no boundary in the row keeps the rules */
                    UErrorCode st = U_ZERO_ERROR;
                    UBreakIterator *bi =
                        ubrk_open(UBRK_CHARACTER, "zh", t + row->draw_start, b - row->draw_start, &st);
                    assert_false(U_FAILURE(st));
                    for (int32_t g = ubrk_next(bi); g != UBRK_DONE && g < b - row->draw_start; g = ubrk_next(bi))
                        if (rules_ok(t, row->draw_start, row->draw_start + g, le) &&
                            t[row->draw_start + g] != ' ')
                            fail_msg("%s para %d row %d: forced break though %d was fine", d->path, p, r,
                                     row->draw_start + g);
                    ubrk_close(bi);
                    tot->forced++;
                }
            }
        }
        if (count > 0)
            assert_int_equal(at, le);
    }
    yd_layout_free(l);
    tot->layouts++;
}

static void check_path(const char *path, totals *tot, int step)
{
    yd_document d;
    yd_error err = {0};
    if (yd_document_load(&d, path, NULL, &err) != YD_OK)
        return; /* binary fixtures and the like */
    for (int a = 1; a <= 2; a++)
        for (int w = 8; w <= 120; w += step)
            check_document(&d, w, a, tot);
    tot->bytes += d.bytes;
    yd_document_free(&d);
}

static void check_tree(const char *dir, totals *tot, int step)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        DIR *sub = opendir(path);
        if (sub) {
            closedir(sub);
            check_tree(path, tot, step);
        } else {
            check_path(path, tot, step);
        }
    }
    closedir(dp);
}

static void report(const char *what, const totals *tot, struct timespec t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("# %s: %ld layouts, %ld rows (%ld forced, %ld clipped), %.2f s\n", what, tot->layouts, tot->rows,
           tot->forced, tot->clipped, s);
}

static void test_property_fixtures(void **state)
{
    (void)state;
    totals tot = {0};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check_tree(YD_SOURCE_DIR "/docs/guide", &tot, 1);
    check_tree(YD_SOURCE_DIR "/tests/fixtures", &tot, 1);
    assert_true(tot.layouts > 100);
    report("guide and fixtures", &tot, t0);
}

static void test_property_shared_corpus(void **state)
{
    (void)state;
    const char *dir = YD_SOURCE_DIR "/../shared/corpus";
    DIR *dp = opendir(dir);
    if (!dp) {
        skip_missing("%s: shared corpus not checked", dir);
    }
    closedir(dp);
    totals tot = {0};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check_tree(dir, &tot, 1);
    assert_true(tot.layouts > 0);
    report("shared corpus", &tot, t0);
}

/* Hostile input, every width: controls, bidi, emoji, marks, tabs. */
static void test_property_hostile(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "\x1B]0;title\x07一\xE2\x80\xAE二\t三👨\u200D👩\u200D👧🇨🇳e\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81"
             "“《一》”……——。\xC2\x9B\x7F\xE2\x80\x8B\xEF\xB8\x8F\xE2\x80\xA8\xE2\x80\xA9\xCC\x81"
             "verylongwordwithoutanybreakopportunityatall，“”“”“”“”“”“”“”“”“”“”“”。。。。。。。。。。。\n"
             "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx\n");
    totals tot = {0};
    for (int a = 1; a <= 2; a++)
        for (int w = 2; w <= 60; w++)
            check_document(&d, w, a, &tot);
    yd_document_free(&d);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrapping),
        cmocka_unit_test(test_blank_between_and_margin),
        cmocka_unit_test(test_paragraph_indent),
        cmocka_unit_test(test_leading_space),
        cmocka_unit_test(test_leading_space_headings),
        cmocka_unit_test(test_markdown_heading_by_format),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_property_hostile),
        cmocka_unit_test(test_property_fixtures),
        cmocka_unit_test(test_property_shared_corpus),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
