/* Rendered Markdown (markdown.c, markup_builder.c): every construct of
 * tests/fixtures/formats/every.md in the text, the line table, the spans
 * and the links; its outline and layout; raw mode, GBK, hostile nesting. */
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "test_util.h"
#include "markup_test_util.h"
#include "yuedu/document.h"
#include "yuedu/layout.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"

static void load_every(yd_document *d, int raw)
{
    yd_error err = {0};
    yd_load_options lo = {.markup_raw = raw};
    if (yd_document_load(d, fixture("formats/every.md"), &lo, &err) != YD_OK)
        fail_msg("load: %s", err.message);
}

static void test_headings_and_source_lines(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    assert_int_equal(d.markup->line_count, d.line_count);
    struct {
        const char *text;
        int level, source;
    } want[] = {{"河边的小站", 1, 1}, {"第一章 渡口", 2, 6}, {"第一条 渡船每天早晚各开一班。", 3, 8},
                {"第二条 雨天停航。", 3, 10}, {"第二章 附近", 2, 32}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int32_t k = line_equal(&d, want[i].text);
        if (k < 0)
            fail_msg("no heading line %s", want[i].text);
        assert_int_equal(info(&d, k)->kind, YD_BLOCK_HEADING);
        assert_int_equal(info(&d, k)->level, want[i].level);
        assert_int_equal(yd_source_line(&d, k), want[i].source);
    }
    /* No Markdown syntax is left in the text. */
    assert_int_equal(find_utf8(d.text, d.length, "**"), -1);
    assert_int_equal(find_utf8(d.text, d.length, "## "), -1);
    assert_int_equal(find_utf8(d.text, d.length, "`"), -1);
    assert_int_equal(find_utf8(d.text, d.length, "]("), -1);
    assert_int_equal(find_utf8(d.text, d.length, "~~"), -1);
    /* Plain text's lines are their own source lines. */
    yd_document t;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&t, "a.txt", (const unsigned char *)"甲\n乙\n", 8, NULL, &err), YD_OK);
    assert_null(t.markup);
    assert_int_equal(yd_source_line(&t, 1), 2);
    yd_document_free(&t);
    yd_document_free(&d);
}

/* The span of the given style that covers exactly the UTF-8 text want. */
static void expect_span(const yd_document *d, const char *want, int style)
{
    int32_t at = find_utf8(d->text, d->length, want);
    if (at < 0)
        fail_msg("no %s in the text", want);
    int32_t k = yd_document_line_at(d, at);
    int32_t len = (int32_t)strlen(want), units = 0;
    for (int32_t i = 0; i < len;) { /* UTF-16 length of want */
        UChar32 c;
        U8_NEXT(want, i, len, c);
        units += U16_LENGTH(c);
    }
    for (int32_t i = at; i < at + units; i++)
        if (yd_markup_style_at(d->markup, i, d->line_starts[k]) != style)
            fail_msg("%s: unit %d has style %d, not %d", want, i - at, yd_markup_style_at(d->markup, i, d->line_starts[k]),
                     style);
    assert_int_not_equal(yd_markup_style_at(d->markup, at + units, d->line_starts[k]), style);
    if (at > d->line_starts[k])
        assert_int_not_equal(yd_markup_style_at(d->markup, at - 1, d->line_starts[k]), style);
}

static void test_spans(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    /* Each source line of a paragraph stays a line (as in plain text). */
    int32_t k = line_equal(&d, "小站在河的北岸，每天有两班渡船。站长说 船票 要提前买，");
    if (k < 0)
        fail_msg("the first paragraph's first line is not there without its markers");
    assert_int_equal(line_equal(&d, "详情见渡口告示。"), k + 1);
    assert_int_equal(info(&d, k)->kind, YD_BLOCK_TEXT);
    assert_int_equal(info(&d, k)->indent, YD_INDENT_DEFAULT);
    assert_int_equal(info(&d, k + 1)->indent, YD_INDENT_DEFAULT);
    assert_int_equal(yd_source_line(&d, k), 3);
    assert_int_equal(yd_source_line(&d, k + 1), 4);
    expect_span(&d, "北岸", YD_SPAN_STRONG);
    expect_span(&d, "两班", YD_SPAN_EMPHASIS);
    expect_span(&d, "船票", YD_SPAN_CODE);
    expect_span(&d, "渡口告示", YD_SPAN_LINK);
    expect_span(&d, "旧时刻表", YD_SPAN_STRIKE);
    expect_span(&d, "[图：渡船的照片]", YD_SPAN_IMAGE);
    /* Links: where they point, and listed at the end of the text. */
    assert_int_equal(d.markup->link_count, 2);
    assert_string_equal(d.markup->links[0].target, "https://ferry.example/notice");
    assert_string_equal(d.markup->links[1].target, "boat.jpg");
    assert_true(line_equal(&d, "[1] 渡口告示：https://ferry.example/notice") > k);
    assert_true(line_equal(&d, "[2] [图：渡船的照片]：boat.jpg") > k);
    /* Spans never cross a line end, and are sorted. */
    for (size_t i = 0; i < d.markup->span_count; i++) {
        const yd_span *s = &d.markup->spans[i];
        assert_true(s->start < s->end);
        assert_int_equal(yd_document_line_at(&d, s->start), yd_document_line_at(&d, s->end - 1));
        if (i)
            assert_true(d.markup->spans[i - 1].start <= s->start);
    }
    yd_document_free(&d);
}

static void test_lists_and_quotes(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    int32_t top = line_equal(&d, "• 早班");
    int32_t nested = line_equal(&d, "◦ 六点开船，船上可以带自行车，但是不能带大件家具，也不能带活的家禽和牲口。");
    int32_t next = line_equal(&d, "◦ 七点到对岸");
    int32_t last = line_equal(&d, "• 晚班");
    assert_true(top >= 0 && nested == top + 1 && next == nested + 1 && last == next + 1); /* tight: no gaps */
    assert_int_equal(info(&d, top)->kind, YD_BLOCK_ITEM);
    assert_int_equal(info(&d, top)->indent, 0);
    assert_int_equal(info(&d, top)->hang, 2);          /* under the text, past "• " */
    assert_int_equal(info(&d, nested)->indent, 2);     /* nested: under its parent's text */
    assert_int_equal(info(&d, nested)->hang, 4);
    assert_int_equal(yd_source_line(&d, nested), 13);
    /* Ordered lists keep their numbers. */
    int32_t three = line_equal(&d, "3. 买票"), four = line_equal(&d, "4. 上船");
    assert_true(three >= 0 && four == three + 1);
    assert_int_equal(info(&d, three)->hang, 3);
    int32_t q = line_equal(&d, "老船工说：水涨的时候不要过河。");
    assert_true(q >= 0);
    assert_int_equal(info(&d, q)->kind, YD_BLOCK_QUOTE);
    assert_int_equal(info(&d, q)->level, 1);
    assert_int_equal(info(&d, q)->indent, 2);
    yd_document_free(&d);
}

/* Cells of a UTF-8 string as the table drawing counts them. */
static int cells(const char *s)
{
    int32_t n = (int32_t)strlen(s), c = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 ch;
        U8_NEXT(s, i, n, ch);
        int ea = u_getIntPropertyValue(ch, UCHAR_EAST_ASIAN_WIDTH);
        c += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    }
    return c;
}

static void test_code_and_table(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    /* Code: verbatim, the tab expanded, the indent kept. */
    int32_t c1 = line_equal(&d, "price = 2   # 元"), c2 = line_equal(&d, "    缩进保留");
    assert_true(c1 >= 0 && c2 == c1 + 1);
    assert_int_equal(info(&d, c1)->kind, YD_BLOCK_CODE);
    assert_int_equal(yd_source_line(&d, c1), 23);
    assert_int_equal(yd_source_line(&d, c2), 24);
    /* The table: every line as wide as the others, the long cell wrapped
     * within its column. */
    int32_t header = line_equal(&d, "| 站名  | 距离 |           备注           |");
    if (header < 0)
        fail_msg("no table header line");
    int32_t first = header - 1, end = first;
    while (end < d.line_count && info(&d, end)->kind == YD_BLOCK_TABLE)
        end++;
    assert_int_equal(end - first, 7); /* border, header, rule, 2 + 1 rows, border */
    char *l0 = line_of(&d, first);
    int w = cells(l0);
    free(l0);
    for (int32_t k = first; k < end; k++) {
        char *l = line_of(&d, k);
        if (cells(l) != w)
            fail_msg("table line %s is %d cells, not %d", l, cells(l), w);
        free(l);
    }
    assert_int_equal(line_equal(&d, "| 北岸  |    0 | 起点，有售票亭和候船的长 |"), header + 2);
    assert_int_equal(line_equal(&d, "|       |      |            椅            |"), header + 3);
    assert_int_equal(line_equal(&d, "| south |   12 |           end            |"), header + 4);
    assert_int_equal(yd_source_line(&d, header), 27);
    assert_int_equal(yd_source_line(&d, header + 3), 29); /* the row's own line */
    yd_document_free(&d);
}

static void test_layout_of_rendered(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    yd_width_table *wt;
    yd_error err = {0};
    assert_int_equal(yd_width_table_new(1, &wt, &err), YD_OK);
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 20;
    yd_layout *l;
    assert_int_equal(yd_layout_new(&d, wt, &o, &l, &err), YD_OK);
    const yd_row *rows;
    int32_t count;
    /* A nested item: its rows after the first hang under its text. */
    int32_t nested = line_equal(&d, "◦ 六点开船，船上可以带自行车，但是不能带大件家具，也不能带活的家禽和牲口。");
    assert_int_equal(yd_layout_paragraph(l, nested, &rows, &count, &err), YD_OK);
    assert_true(count >= 3);
    assert_int_equal(rows[0].indent, 2);
    for (int32_t r = 1; r < count; r++)
        assert_int_equal(rows[r].indent, 4);
    /* A heading is not indented; a paragraph has the reader's indent. */
    assert_int_equal(yd_layout_paragraph(l, line_equal(&d, "第一章 渡口"), &rows, &count, &err), YD_OK);
    assert_int_equal(rows[0].indent, 0);
    /* Verbatim: a table line is one row, cut at the edge, never broken. */
    int32_t header = line_equal(&d, "| 站名  | 距离 |           备注           |");
    assert_int_equal(yd_layout_paragraph(l, header, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 1);
    assert_true(rows[0].flags & YD_ROW_CLIPPED);
    assert_true(rows[0].width <= 20);
    /* A code line keeps its leading spaces. */
    int32_t code = line_equal(&d, "    缩进保留");
    assert_int_equal(yd_layout_paragraph(l, code, &rows, &count, &err), YD_OK);
    assert_int_equal(count, 1);
    assert_int_equal(rows[0].draw_start, d.line_starts[code]);
    assert_int_equal(rows[0].width, 12);
    yd_layout_free(l);
    yd_width_table_free(wt);
    yd_document_free(&d);
}

static void test_outline_merged_with_numbering(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 0);
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    /* 第一章 is an article (a division), 第一条 and 第二条 items under it:
     * each one node, as in the same text without markup. */
    /* A heading by its markup alone is a node too, though as plain text it
     * would be a sentence. */
    const char *want[] = {"6 第一章 渡口", "8 第一条 渡船每天早晚各开一班", "10 第二条 雨天停航", "32 第二章 附近",
                          "40 候船时请注意安全，不要拥挤。"};
    assert_int_equal(o.count, 5);
    for (int32_t i = 0; i < o.count; i++) {
        UChar buf[100];
        int32_t n = yd_outline_node_title(&d, &o.nodes[i], buf, 100);
        char *t = utf8_of(buf, n), got[200];
        snprintf(got, sizeof got, "%d %s", (int)yd_source_line(&d, o.nodes[i].line), t);
        free(t);
        assert_string_equal(got, want[i]);
    }
    assert_int_equal(o.nodes[1].parent, 0);
    assert_int_equal(o.nodes[1].kind, YD_NODE_ITEM);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_raw(void **state)
{
    (void)state;
    yd_document d;
    load_every(&d, 1);
    assert_null(d.markup);
    size_t n;
    unsigned char *bytes = slurp(fixture("formats/every.md"), &n);
    char *text = utf8_of(d.text, d.length);
    assert_string_equal(text, (const char *)bytes);
    free(text);
    free(bytes);
    assert_int_equal(d.format, YD_FORMAT_MARKDOWN);
    yd_document_free(&d);
}

/* A Markdown file in GBK is decoded first, then rendered. */
static void test_gbk(void **state)
{
    (void)state;
    /* "# 标题\n\n**正文**\n" in GBK */
    const unsigned char gbk[] = {'#', ' ', 0xB1, 0xEA, 0xCC, 0xE2, '\n', '\n', '*', '*', 0xD5, 0xFD, 0xCE, 0xC4, '*', '*', '\n'};
    yd_document d;
    yd_error err = {0};
    yd_load_options lo = {.encoding = "GBK"};
    assert_int_equal(yd_document_from_bytes(&d, "g.md", gbk, sizeof gbk, &lo, &err), YD_OK);
    char *t = utf8_of(d.text, d.length);
    assert_string_equal(t, "标题\n\n正文\n");
    free(t);
    assert_int_equal(info(&d, 0)->kind, YD_BLOCK_HEADING);
    assert_int_equal(yd_markup_style_at(d.markup, 4, d.line_starts[2]), YD_SPAN_STRONG);
    assert_int_equal(d.chars, 7);
    yd_document_free(&d);
}

/* Nesting deeper than anything tracked: rendered without running out of
 * stack, indents capped; an empty file is an empty document. */
static void test_hostile(void **state)
{
    (void)state;
    enum { DEPTH = 20000 };
    char *s = malloc(DEPTH * 2 + 16);
    assert_non_null(s);
    size_t n = 0;
    for (int k = 0; k < DEPTH; k++) {
        s[n++] = '>';
        s[n++] = k % 2 ? ' ' : '-';
    }
    memcpy(s + n, " 深\n", 5);
    n += 4;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "deep.md", (const unsigned char *)s, n, NULL, &err), YD_OK);
    for (int32_t k = 0; k < d.line_count; k++)
        assert_true(info(&d, k)->indent <= 40 && info(&d, k)->hang <= 40);
    yd_document_free(&d);
    free(s);
    assert_int_equal(yd_document_from_bytes(&d, "empty.md", (const unsigned char *)"", 0, NULL, &err), YD_OK);
    assert_int_equal(d.line_count, 0);
    assert_int_equal(d.length, 0);
    yd_document_free(&d);
}

/* An indented block is text with its indent, outlined as plain text; a
 * fenced one is code. */
static void test_indented_block(void **state)
{
    (void)state;
    const char *src = "第一章 总则\n\n      第一节 范围\n\n正文。\n\n```\n第二节 不是标题\n```\n";
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "i.md", (const unsigned char *)src, strlen(src), NULL, &err), YD_OK);
    int32_t k = line_equal(&d, "      第一节 范围"); /* as written */
    assert_true(k >= 0);
    assert_int_equal(info(&d, k)->kind, YD_BLOCK_TEXT);
    assert_int_equal(yd_source_line(&d, k), 3);
    assert_int_equal(info(&d, line_equal(&d, "第二节 不是标题"))->kind, YD_BLOCK_CODE);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(o.count, 2); /* 第一章 and 第一节, not the fenced line */
    assert_int_equal(o.nodes[1].line, k);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* YAML front matter (Hugo, Jekyll, Obsidian notes) is the file's data, not
 * a thematic break and a setext heading: shown as written, as code, never
 * an outline node; the lines keep their source numbers. A file that only
 * starts with a thematic break is not front matter. */
static void test_front_matter(void **state)
{
    (void)state;
    const char *src = "---\ntitle: 读书笔记\ntags: [一, 二]\n---\n\n# 第一章 开始\n\n正文。\n";
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "f.md", (const unsigned char *)src, strlen(src), NULL, &err), YD_OK);
    int32_t k = line_equal(&d, "title: 读书笔记");
    assert_true(k >= 0);
    assert_int_equal(info(&d, k)->kind, YD_BLOCK_CODE);
    assert_int_equal(yd_source_line(&d, k), 2);
    assert_int_equal(info(&d, line_equal(&d, "tags: [一, 二]"))->kind, YD_BLOCK_CODE);
    assert_int_equal(yd_source_line(&d, line_equal(&d, "第一章 开始")), 6);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(o.count, 1); /* 第一章 only */
    assert_int_equal(o.nodes[0].line, line_equal(&d, "第一章 开始"));
    yd_outline_free(&o);
    yd_document_free(&d);

    const char *rule = "---\n\n第一段。\n\n---\n\n第二段。\n";
    assert_int_equal(yd_document_from_bytes(&d, "r.md", (const unsigned char *)rule, strlen(rule), NULL, &err), YD_OK);
    assert_int_equal(info(&d, line_equal(&d, "第一段。"))->kind, YD_BLOCK_TEXT);
    yd_document_free(&d);

    /* Closed by ... as YAML allows; and a --- above a prose line (no
     * key: value) stays what Markdown makes of it, not code. */
    const char *dots = "---\ntitle: x\n...\n\n# 第一章\n";
    assert_int_equal(yd_document_from_bytes(&d, "d.md", (const unsigned char *)dots, strlen(dots), NULL, &err), YD_OK);
    assert_int_equal(info(&d, line_equal(&d, "title: x"))->kind, YD_BLOCK_CODE);
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(o.count, 1);
    yd_outline_free(&o);
    yd_document_free(&d);
    const char *prose = "---\n正文一行\n";
    assert_int_equal(yd_document_from_bytes(&d, "p.md", (const unsigned char *)prose, strlen(prose), NULL, &err), YD_OK);
    assert_true(line_equal(&d, "正文一行") >= 0);
    assert_true(info(&d, line_equal(&d, "正文一行"))->kind != YD_BLOCK_CODE);
    yd_document_free(&d);
}

/* The outline of a document as "depth kind title" lines (to free). */
static char *outline_of(const char *name, const char *src)
{
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, name, (const unsigned char *)src, strlen(src), NULL, &err), YD_OK);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    char *out = calloc(1, 4096);
    assert_non_null(out);
    size_t len = 0;
    for (int32_t i = 0; i < o.count; i++) {
        UChar buf[100];
        int32_t n = yd_outline_node_title(&d, &o.nodes[i], buf, 100);
        char *t = utf8_of(buf, n);
        len += (size_t)snprintf(out + len, 4096 - len, "%d %d %s\n", o.nodes[i].depth, o.nodes[i].kind, t);
        free(t);
    }
    yd_outline_free(&o);
    yd_document_free(&d);
    return out;
}

/* The same text as .txt and as .md has the same outline. */
static void test_same_outline_as_text(void **state)
{
    (void)state;
    const char *txt = "山村规约\n第一章 总则\n第一条 为了村里的安宁，制定本规约。\n第二条 本规约适用于全村。\n"
                      "第二章 附则\n一、本规约自公布之日起施行。\n二、解释权归村委会。\n";
    const char *md = "# 山村规约\n\n## 第一章 总则\n\n第一条 为了村里的安宁，**制定**本规约。\n"
                     "第二条 本规约适用于全村。\n\n## 第二章 附则\n\n一、本规约自公布之日起施行。\n"
                     "二、解释权归*村委会*。\n";
    char *a = outline_of("a.txt", txt), *b = outline_of("a.md", md);
    assert_string_equal(b, a);
    assert_true(strlen(a) > 40); /* and there is an outline */
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings_and_source_lines),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_lists_and_quotes),
        cmocka_unit_test(test_code_and_table),
        cmocka_unit_test(test_layout_of_rendered),
        cmocka_unit_test(test_outline_merged_with_numbering),
        cmocka_unit_test(test_raw),
        cmocka_unit_test(test_gbk),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_indented_block),
        cmocka_unit_test(test_front_matter),
        cmocka_unit_test(test_same_outline_as_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
