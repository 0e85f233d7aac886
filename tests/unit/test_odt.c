/* OpenDocument texts (odt.c): book.odt of tests/fixtures/formats/make-books.py
 * (the same text as book.txt) read with the same paragraphs and outline,
 * the tracked deletion and the footnote left out, a bold span; lists,
 * tables, images, line breaks, the generated table of contents; hostile
 * ones (XXE, no content.xml, malformed). */
#include "test_util.h"
#include "markup_test_util.h"
#include "books_test_util.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"

static void test_book(void **state)
{
    (void)state;
    yd_document t, d;
    yd_error err = {0};
    assert_int_equal(load_book(&t, "book.txt", 0, &err), YD_OK);
    if (load_book(&d, "book.odt", 0, &err) != YD_OK)
        fail_msg("book.odt: %s", err.message);
    assert_int_equal(d.format, YD_FORMAT_ODT);
    char *pt = paragraphs(&t), *pd = paragraphs(&d);
    assert_string_equal(pd, pt);
    free(pt);
    free(pd);
    yd_outline ot, od;
    assert_int_equal(yd_outline_build(&ot, &t, &err), YD_OK);
    assert_int_equal(yd_outline_build(&od, &d, &err), YD_OK);
    assert_int_equal(od.count, ot.count);
    for (int32_t k = 0; k < od.count; k++) {
        assert_int_equal(od.nodes[k].kind, ot.nodes[k].kind);
        assert_int_equal(od.nodes[k].line, ot.nodes[k].line);
    }
    yd_outline_free(&ot);
    yd_outline_free(&od);
    assert_int_equal(info(&d, line_equal(&d, "第一章 总则"))->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, line_equal(&d, "第一章 总则"))->level, 2);
    int32_t p = line_equal(&d, "第一条 为了方便居民借阅图书，制定本规则。");
    int32_t at = find_utf8(d.text, d.length, "制定本规则");
    assert_int_equal(yd_markup_style_at(d.markup, at, d.line_starts[p]), YD_SPAN_STRONG);
    assert_int_equal(find_utf8(d.text, d.length, "删去的字"), -1);
    assert_int_equal(find_utf8(d.text, d.length, "脚注"), -1);
    yd_document_free(&t);
    yd_document_free(&d);
}

#define NS "xmlns:text=\"t\" xmlns:table=\"b\" xmlns:draw=\"d\" xmlns:svg=\"s\" xmlns:office=\"o\""
static const char *const names[] = {"content.xml"};

static void test_blocks(void **state)
{
    (void)state;
    const char *data[] = {
        "<office:document-content " NS "><office:body><office:text>"
        "<text:table-of-content><text:index-body><text:p>目录 1</text:p></text:index-body></text:table-of-content>"
        "<text:list><text:list-item><text:p>甲</text:p><text:list><text:list-item><text:p>甲甲</text:p>"
        "</text:list-item></text:list></text:list-item><text:list-item><text:p>乙<text:line-break/>乙续</text:p>"
        "</text:list-item><text:list-item><text:p>丙</text:p><text:p>丙的第二段</text:p></text:list-item></text:list>"
        "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>项目</text:p>"
        "</table:table-cell><table:table-cell><text:p>说明</text:p></table:table-cell></table:table-row>"
        "</table:table-header-rows><table:table-row><table:table-cell><text:p>借期</text:p></table:table-cell>"
        "<table:table-cell><text:p>二十一</text:p><text:p>天</text:p></table:table-cell></table:table-row>"
        "</table:table><text:p/><text:p><text:span text:style-name=\"x\"></text:span></text:p>"
        "<text:p>图<draw:frame><draw:image/><svg:desc>示意图</svg:desc></draw:frame>"
        "<office:annotation><text:p>批注</text:p></office:annotation>两<text:s text:c=\"3\"/>格</text:p>"
        "<text:p/></office:text></office:body></office:document-content>"};
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_parts(&d, "blocks.odt", 1, names, data, &err), YD_OK);
    assert_int_equal(find_utf8(d.text, d.length, "目录"), -1);
    assert_int_equal(find_utf8(d.text, d.length, "批注"), -1);
    int32_t a = line_equal(&d, "• 甲");
    assert_true(a >= 0);
    assert_int_equal(info(&d, a)->kind, YD_BLOCK_ITEM);
    assert_int_equal(line_equal(&d, "◦ 甲甲"), a + 1);
    assert_int_equal(info(&d, a + 1)->indent, 2);
    assert_int_equal(line_equal(&d, "• 乙"), a + 2);
    assert_int_equal(line_equal(&d, "乙续"), a + 3);
    assert_int_equal(info(&d, a + 3)->indent, 2); /* hanging under the item's text */
    assert_int_equal(line_equal(&d, "• 丙"), a + 4);
    assert_int_equal(line_equal(&d, "丙的第二段"), a + 5); /* an item's second paragraph: no marker */
    int32_t header = line_equal(&d, "| 项目 | 说明      |");
    assert_true(header > a);
    assert_int_equal(line_equal(&d, "+======+===========+"), header + 1);
    assert_int_equal(line_equal(&d, "| 借期 | 二十一 天 |"), header + 2);
    /* the empty paragraphs before it make no line, and one blank is left */
    int32_t picture = line_equal(&d, "图[图：示意图]两   格");
    assert_int_equal(picture, header + 5);
    assert_int_equal(picture, d.line_count - 1); /* the empty paragraph after it: no blank */
    assert_int_equal(info(&d, header + 4)->kind, YD_BLOCK_BLANK);
    assert_int_equal(d.line_starts[header + 4] + 1, d.line_starts[picture]);
    yd_document_free(&d);
}

static void test_hostile(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "xxe.odt", 1, &err), YD_OK);
    assert_int_equal(find_utf8(d.text, d.length, "root:"), -1);
    assert_true(find_utf8(d.text, d.length, "外部实体") >= 0);
    yd_document_free(&d);
    const char *other[] = {"styles.xml"}, *none[] = {"<x/>"};
    assert_int_equal(load_parts(&d, "none.odt", 1, other, none, &err), YD_EFORMAT);
    assert_non_null(strstr(err.message, "content.xml"));
    const char *broken[] = {"<office:document-content " NS "><office:body><office:text><text:p>读得到的</text:p>"
                            "<text:p>断在"};
    assert_int_equal(load_parts(&d, "broken.odt", 1, names, broken, &err), YD_OK);
    assert_true(line_equal(&d, "读得到的") >= 0);
    assert_non_null(d.notice); /* cut short: said */
    assert_non_null(strstr(d.notice, "content.xml is not well-formed XML (line 1)"));
    yd_document_free(&d);
}

/* A content.xml that is not well-formed: a notice naming it and its first
 * error's line, and the paragraphs before and after the error; a
 * well-formed document says nothing. */
static void test_malformed(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "book.odt", 0, &err), YD_OK);
    assert_null(d.notice);
    yd_document_free(&d);
    if (load_book(&d, "malformed.odt", 1, &err) != YD_OK)
        fail_msg("malformed.odt: %s", err.message);
    assert_non_null(d.notice);
    assert_string_equal(d.notice, "content.xml is not well-formed XML (line 5): shown as far as it could be read");
    assert_true(line_equal(&d, "第三条 每位居民一次最多借阅三册图书。") > 0);
    assert_true(find_utf8(d.text, d.length, "第四条 借期为二十一天，可以续借一次。") >= 0);
    assert_true(find_utf8(d.text, d.length, "第五条 本规则自公布之日起施行。") >= 0);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_book),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, books_cleanup);
}
