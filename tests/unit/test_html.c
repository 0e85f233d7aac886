/* HTML pages (html.c): tests/fixtures/formats/page-gbk.html (GBK, its
 * charset in a <meta>) and page.html (UTF-8) rendered into the model: the
 * chrome dropped, headings, spans, lists, quotes, pre, tables and links as
 * for Markdown; the charset from the <meta> or by detection; hostile pages
 * (an XXE attempt, entity bombs, deep nesting, broken markup). */
#include "test_util.h"
#include "markup_test_util.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"


static void load_page(yd_document *d, const char *name, const char *as)
{
    size_t n;
    unsigned char *bytes = slurp(fixture(name), &n);
    assert_non_null(bytes);
    yd_error err = {0};
    if (yd_document_from_bytes(d, as, bytes, n, NULL, &err) != YD_OK)
        fail_msg("load: %s", err.message);
    free(bytes);
}

static void check_page(const yd_document *d)
{
    /* The chrome and the head are gone. */
    assert_int_equal(find_utf8(d->text, d->length, "首页"), -1);
    assert_int_equal(find_utf8(d->text, d->length, "不应出现"), -1);
    assert_int_equal(find_utf8(d->text, d->length, "color"), -1);
    assert_int_equal(find_utf8(d->text, d->length, "版权所有"), -1);
    assert_int_equal(find_utf8(d->text, d->length, "美文网"), -1);
    assert_int_equal(find_utf8(d->text, d->length, "<"), -1);
    /* Headings, with their levels and source lines. */
    int32_t h1 = line_equal(d, "河边的小站"), h2 = line_equal(d, "第一章 渡口");
    assert_true(h1 >= 0 && h2 > h1);
    assert_int_equal(info(d, h1)->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(d, h1)->level, 1);
    assert_int_equal(info(d, h2)->level, 2);
    assert_int_equal(yd_source_line(d, h2), 11);
    /* A paragraph: its source line break between Chinese characters is
     * no space, its spans styled. */
    int32_t p = line_equal(d, "小站在河的北岸，每天有两班渡船。站长说船票要提前买，详情见渡口告示。");
    assert_true(p > h1);
    assert_int_equal(yd_source_line(d, p), 9);
    int32_t at = find_utf8(d->text, d->length, "北岸");
    assert_int_equal(yd_markup_style_at(d->markup, at, d->line_starts[p]), YD_SPAN_STRONG);
    at = find_utf8(d->text, d->length, "两班");
    assert_int_equal(yd_markup_style_at(d->markup, at, d->line_starts[p]), YD_SPAN_EMPHASIS);
    at = find_utf8(d->text, d->length, "船票");
    assert_int_equal(yd_markup_style_at(d->markup, at, d->line_starts[p]), YD_SPAN_CODE);
    at = find_utf8(d->text, d->length, "渡口告示");
    assert_int_equal(yd_markup_style_at(d->markup, at, d->line_starts[p]), YD_SPAN_LINK);
    assert_int_equal(d->markup->link_count, 2);
    assert_string_equal(d->markup->links[0].target, "https://ferry.example/notice");
    assert_string_equal(d->markup->links[1].target, "boat.jpg");
    /* Lists nested and numbered, a quote, pre verbatim, a table. */
    int32_t item = line_equal(d, "• 早班");
    assert_true(item > 0);
    assert_int_equal(line_equal(d, "◦ 六点开船，船上可以带自行车，但是不能带大件家具。"), item + 1);
    assert_int_equal(info(d, item + 1)->indent, 2);
    assert_int_equal(info(d, item + 1)->hang, 4);
    assert_true(line_equal(d, "3. 买票") > item);
    int32_t q = line_equal(d, "老船工说：水涨的时候不要过河。");
    assert_int_equal(info(d, q)->kind, YD_BLOCK_QUOTE);
    int32_t code = line_equal(d, "    缩进保留");
    assert_int_equal(info(d, code)->kind, YD_BLOCK_CODE);
    assert_int_equal(info(d, code - 1)->kind, YD_BLOCK_CODE);
    int32_t header = line_equal(d, "| 站名  | 距离 |");
    assert_true(header > 0);
    assert_int_equal(info(d, header)->kind, YD_BLOCK_TABLE);
    assert_int_equal(line_equal(d, "+=======+======+"), header + 1);
    assert_int_equal(line_equal(d, "| south | 12   |"), header + 3);
    /* <br>: a new line; an image its stand-in. */
    int32_t br = line_equal(d, "上半句，");
    assert_true(br > 0);
    assert_int_equal(line_equal(d, "下半句。[图：渡船的照片]"), br + 1);
}

static void test_gbk_page(void **state)
{
    (void)state;
    yd_document d;
    load_page(&d, "formats/page-gbk.html", "page-gbk.html");
    assert_int_equal(d.encoding.kind, YD_ENC_GB18030); /* from its <meta> */
    assert_int_equal(d.format, YD_FORMAT_HTML);
    assert_int_equal(d.replacements, 0);
    check_page(&d);
    yd_document_free(&d);
}

static void test_utf8_page(void **state)
{
    (void)state;
    yd_document d;
    load_page(&d, "formats/page.html", "page.html");
    check_page(&d);
    yd_document_free(&d);
}

/* A GBK page without a declaration: detected. */
static void test_detected(void **state)
{
    (void)state;
    /* "<p>河边</p>" in GBK */
    const unsigned char gbk[] = "<html><body><p>\xba\xd3\xb1\xdf\xb5\xc4\xd0\xa1\xd5\xbe\xa3\xac\xc3\xbf\xcc\xec"
                                "\xd3\xd0\xc1\xbd\xb0\xe0\xb6\xc9\xb4\xac\xa1\xa3</p></body></html>";
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "x.htm", gbk, sizeof gbk - 1, NULL, &err), YD_OK);
    assert_int_equal(d.encoding.kind, YD_ENC_GB18030);
    char *t = utf8_of(d.text, d.length);
    assert_string_equal(t, "    河边的小站，每天有两班渡船。\n" + 4);
    free(t);
    yd_document_free(&d);
}

static void test_outline(void **state)
{
    (void)state;
    yd_document d;
    load_page(&d, "formats/page.html", "page.html");
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_true(o.title_line >= 0); /* 河边的小站 */
    assert_int_equal(o.count, 3);
    assert_int_equal(o.nodes[0].kind, YD_NODE_ARTICLE); /* 第一章 */
    assert_int_equal(o.nodes[1].kind, YD_NODE_ITEM);    /* 第一条 under it */
    assert_int_equal(o.nodes[1].parent, 0);
    assert_int_equal(yd_source_line(&d, o.nodes[1].line), 12);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* Nothing outside the page is read, no entity is expanded, and broken or
 * deep markup gives what could be read. */
static void test_hostile(void **state)
{
    (void)state;
    const char *pages[] = {
        "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body><p>甲&x;乙</p></body></html>",
        "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><p>&c;&c;&c;</p>",
        "<p>没有结束<b>的标签<i>交错</b>了</i><table><tr><td>半个",
        "<html><body><p>正文</p><img src=\"http://example.invalid/x.png\"></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        yd_document d;
        yd_error err = {0};
        assert_int_equal(yd_document_from_bytes(&d, "h.html", (const unsigned char *)pages[i], strlen(pages[i]), NULL,
                                                &err),
                         YD_OK);
        assert_int_equal(find_utf8(d.text, d.length, "root:"), -1);
        assert_true(d.length < 200); /* no entity grew into thousands of units */
        yd_document_free(&d);
    }
    enum { DEPTH = 20000 };
    char *deep = malloc(DEPTH * 5 + 32);
    assert_non_null(deep);
    size_t n = 0;
    for (int k = 0; k < DEPTH; k++)
        n += (size_t)sprintf(deep + n, "<div>");
    n += (size_t)sprintf(deep + n, "深处");
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "deep.html", (const unsigned char *)deep, n, NULL, &err), YD_OK);
    yd_document_free(&d);
    free(deep);
}

static void page_notice(yd_document *d, const char *html)
{
    yd_error err = {0};
    if (yd_document_from_bytes(d, "page.html", (const unsigned char *)html, strlen(html), NULL, &err) != YD_OK)
        fail_msg("load: %s", err.message);
}

/* Which pages get a notice (docs/FORMATS.md): a charset that could not be
 * honoured, a page with content that shows no text; never tag soup, an
 * empty page or a real page. */
static void test_notices(void **state)
{
    (void)state;
    yd_document d;
    page_notice(&d, "<html><head><meta charset=\"x-nonesuch\"></head><body><p>正文一段。</p></body></html>");
    assert_non_null(d.notice);
    assert_string_equal(d.notice, "its charset x-nonesuch is not known: read as UTF-8, as detected");
    assert_true(line_equal(&d, "正文一段。") >= 0);
    yd_document_free(&d);
    /* Converted to UTF-8 with its old <meta> kept: read as UTF-8, and said. */
    page_notice(&d, "<html><head><meta charset=\"gb2312\"></head><body><p>正文一段。</p></body></html>");
    assert_non_null(d.notice);
    assert_string_equal(d.notice, "it declares the charset gb2312, but its bytes are UTF-8: read as UTF-8");
    assert_true(line_equal(&d, "正文一段。") >= 0);
    yd_document_free(&d);
    /* Only ASCII: the <meta> is honoured, nothing to say. */
    page_notice(&d, "<html><head><meta charset=\"gb2312\"></head><body><p>plain words</p></body></html>");
    assert_null(d.notice);
    assert_string_equal(d.encoding.name, "GB18030"); /* GB2312 read as all of GBK, as browsers do */
    yd_document_free(&d);
    page_notice(&d, "<html><head><script>var shown = 0;</script></head><body><nav>首页</nav></body></html>");
    assert_non_null(d.notice);
    assert_non_null(strstr(d.notice, "the page shows no text"));
    yd_document_free(&d);
    const char *quiet[] = {"<html><body><p>一<b>二</p><div>三</i></body>", "<html><body></body></html>",
                           "<p>没有结尾的段落", ""};
    for (size_t k = 0; k < sizeof quiet / sizeof *quiet; k++) {
        page_notice(&d, quiet[k]);
        if (d.notice)
            fail_msg("\"%s\": notice \"%s\"", quiet[k], d.notice);
        yd_document_free(&d);
    }
    load_page(&d, "formats/page-gbk.html", "page-gbk.html");
    assert_null(d.notice);
    yd_document_free(&d);
    load_page(&d, "formats/page.html", "page.html");
    assert_null(d.notice);
    yd_document_free(&d);
}

static void test_raw(void **state)
{
    (void)state;
    size_t n;
    unsigned char *bytes = slurp(fixture("formats/page.html"), &n);
    yd_document d;
    yd_error err = {0};
    yd_load_options lo = {.markup_raw = 1};
    assert_int_equal(yd_document_from_bytes(&d, "page.html", bytes, n, &lo, &err), YD_OK);
    assert_null(d.markup);
    assert_true(find_utf8(d.text, d.length, "<script>") >= 0);
    yd_document_free(&d);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gbk_page), cmocka_unit_test(test_utf8_page), cmocka_unit_test(test_detected),
        cmocka_unit_test(test_outline),  cmocka_unit_test(test_hostile),   cmocka_unit_test(test_raw),
        cmocka_unit_test(test_notices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
