/* Word documents (docx.c): book.docx of tests/fixtures/formats/make-books.py
 * (the same text as book.txt) read with the same paragraphs and outline as
 * the text, heading styles three ways, tracked changes and comments; lists,
 * tables, images, line breaks and Word's generated table of contents;
 * hostile documents (a zip bomb, XXE, billion laughs, not a zip). */
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
    if (load_book(&d, "book.docx", 0, &err) != YD_OK)
        fail_msg("book.docx: %s", err.message);
    assert_int_equal(d.format, YD_FORMAT_DOCX);
    char *pt = paragraphs(&t), *pd = paragraphs(&d);
    assert_string_equal(pd, pt); /* the deletion, the comment and the field code gone, the insertion kept */
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
    /* "heading 1" by name; a custom style by its outline level; one based
     * on it. */
    assert_int_equal(info(&d, line_equal(&d, "社区图书角借阅规则"))->level, 1);
    assert_int_equal(info(&d, line_equal(&d, "第一章 总则"))->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, line_equal(&d, "第一章 总则"))->level, 2);
    assert_int_equal(info(&d, line_equal(&d, "第二章 借阅"))->level, 2);
    int32_t p = line_equal(&d, "第一条 为了方便居民借阅图书，制定本规则。");
    int32_t at = find_utf8(d.text, d.length, "制定本规则");
    assert_int_equal(yd_markup_style_at(d.markup, at, d.line_starts[p]), YD_SPAN_STRONG);
    for (int32_t k = 0; k < d.line_count; k++)
        assert_int_equal(yd_source_line(&d, k), k + 1);
    yd_document_free(&t);
    yd_document_free(&d);
}

#define W "xmlns:w=\"w\""
static const char *const names[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml"};
static const char numbering[] =
    "<w:numbering " W "><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2)\"/></w:lvl><w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl></w:abstractNum><w:num w:numId=\"7\"><w:abstractNumId w:val=\"1\"/>"
    "</w:num></w:numbering>";
#define ITEM(lvl, text)                                                                                              \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr><w:r><w:t>" text       \
    "</w:t></w:r></w:p>"

static void test_blocks(void **state)
{
    (void)state;
    const char *data[] = {
        "<w:document " W "><w:body>"
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr>"
        "<w:sdtContent><w:p><w:r><w:t>目录 ........ 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ITEM("0", "甲") ITEM("1", "甲甲") ITEM("1", "甲乙") ITEM("2", "点") ITEM("0", "乙")
        "<w:p><w:r><w:t>上半句，</w:t><w:br/><w:t>下半句。</w:t></w:r></w:p>"
        "<w:p/><w:p><w:r><w:rPr><w:b/></w:rPr><w:t></w:t></w:r></w:p>"
        "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"1\" descr=\"示意图\"/></wp:inline>"
        "</w:drawing></w:r><w:del><w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"2\" descr=\"删去的图\"/>"
        "</wp:inline></w:drawing></w:r></w:del><w:moveFrom><w:r><w:t>挪走的字</w:t></w:r></w:moveFrom></w:p>"
        "<w:tbl><w:tblPr/><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>借期</w:t></w:r></w:p>"
        "</w:tc><w:tc><w:p><w:r><w:t>二十一</w:t></w:r></w:p><w:p><w:r><w:t>天</w:t></w:r><w:del><w:r><w:delText>月"
        "</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:p/></w:body></w:document>",
        "<w:styles " W "/>", numbering};
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_parts(&d, "blocks.docx", 3, names, data, &err), YD_OK);
    assert_int_equal(find_utf8(d.text, d.length, "目录"), -1);
    int32_t a = line_equal(&d, "一、甲");
    assert_true(a >= 0);
    assert_int_equal(info(&d, a)->kind, YD_BLOCK_ITEM);
    assert_int_equal(info(&d, a)->indent, 0);
    assert_int_equal(line_equal(&d, "1) 甲甲"), a + 1); /* tight: no blank between items */
    assert_int_equal(line_equal(&d, "2) 甲乙"), a + 2);
    assert_int_equal(info(&d, a + 2)->indent, 2); /* nested: indented, hanging past the marker */
    assert_int_equal(info(&d, a + 2)->hang, 2 + 3);
    assert_int_equal(line_equal(&d, "▪ 点"), a + 3);
    assert_int_equal(info(&d, a + 3)->indent, 4);
    assert_int_equal(line_equal(&d, "二、乙"), a + 4); /* the deeper counters go on, the first level counts on */
    int32_t br = line_equal(&d, "上半句，");
    assert_true(br > a);
    assert_int_equal(line_equal(&d, "下半句。"), br + 1);
    /* a deleted picture and moved-away text gone; the empty paragraphs
     * before it make no line, and one blank is left */
    int32_t picture = line_equal(&d, "[图：示意图]");
    assert_int_equal(picture, br + 3);
    assert_int_equal(info(&d, br + 2)->kind, YD_BLOCK_BLANK);
    assert_int_equal(d.line_starts[br + 2] + 1, d.line_starts[picture]);
    int32_t header = line_equal(&d, "| 项目 | 说明      |");
    assert_true(header > 0);
    assert_int_equal(info(&d, header)->kind, YD_BLOCK_TABLE);
    assert_int_equal(line_equal(&d, "| 借期 | 二十一 天 |"), header + 2);
    assert_int_equal(line_equal(&d, "控件里的段落"), d.line_count - 1); /* the empty paragraph after it: no blank */
    yd_document_free(&d);
}

static void expect_error(const char *name, yd_status status, const char *words)
{
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, name, 1, &err), status);
    if (!strstr(err.message, words))
        fail_msg("%s: \"%s\" does not say \"%s\"", name, err.message, words);
    yd_document_free(&d);
}

static void test_hostile(void **state)
{
    (void)state;
    expect_error("bomb.docx", YD_ETOOBIG, "zip bomb");
    expect_error("notzip.docx", YD_EFORMAT, "zip");
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "xxe.docx", 1, &err), YD_OK);
    assert_int_equal(find_utf8(d.text, d.length, "root:"), -1);
    assert_true(find_utf8(d.text, d.length, "外部实体") >= 0);
    yd_document_free(&d);
    assert_int_equal(load_book(&d, "laughs.docx", 1, &err), YD_OK);
    assert_true(find_utf8(d.text, d.length, "笑声") >= 0);
    assert_true(d.length < 100); /* no entity expanded */
    yd_document_free(&d);
    const char *none[] = {"<x/>"};
    const char *other[] = {"word/other.xml"};
    assert_int_equal(load_parts(&d, "none.docx", 1, other, none, &err), YD_EFORMAT);
    assert_non_null(strstr(err.message, "word/document.xml"));
    const char *broken[] = {"<w:document " W "><w:body><w:p><w:r><w:t>读得到的</w:t></w:r></w:p><w:p><w:r><w:t>"
                            "断在这里"};
    assert_int_equal(load_parts(&d, "broken.docx", 1, names, broken, &err), YD_OK);
    assert_true(line_equal(&d, "读得到的") >= 0);
    assert_non_null(d.notice); /* cut short: said */
    assert_non_null(strstr(d.notice, "document.xml is not well-formed XML (line 1)"));
    yd_document_free(&d);
}

/* A document.xml that is not well-formed: a notice naming it and its
 * first error's line, and the paragraphs before and after the error; a
 * well-formed document says nothing. */
static void test_malformed(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "book.docx", 0, &err), YD_OK);
    assert_null(d.notice);
    yd_document_free(&d);
    if (load_book(&d, "malformed.docx", 1, &err) != YD_OK)
        fail_msg("malformed.docx: %s", err.message);
    assert_non_null(d.notice);
    assert_string_equal(d.notice, "document.xml is not well-formed XML (line 5): shown as far as it could be read");
    assert_true(line_equal(&d, "第三条 每位居民一次最多借阅三册图书。") > 0);
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
