/* EPUB books (epub.c): the books of tests/fixtures/formats/make-books.py
 * (EPUB 3 with a nav, EPUB 2 with an NCX, the same text as book.txt) read
 * into the model with the same paragraphs and outline as the text; the
 * toc as heading levels; images; hostile books (a zip bomb, DRM, XXE,
 * broken and truncated archives, names leaving the archive). */
#include "test_util.h"
#include "markup_test_util.h"
#include "books_test_util.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"
#include "../../src/core/zip_entries.h"

static void same_text_as_txt(const char *name)
{
    yd_document t, b;
    yd_error err = {0};
    assert_int_equal(load_book(&t, "book.txt", 0, &err), YD_OK);
    if (load_book(&b, name, 0, &err) != YD_OK)
        fail_msg("%s: %s", name, err.message);
    assert_int_equal(b.format, YD_FORMAT_EPUB);
    char *pt = paragraphs(&t), *pb = paragraphs(&b);
    assert_string_equal(pb, pt);
    free(pt);
    free(pb);
    /* The same outline: kinds, levels, titles, at the same lines. */
    yd_outline ot, ob;
    assert_int_equal(yd_outline_build(&ot, &t, &err), YD_OK);
    assert_int_equal(yd_outline_build(&ob, &b, &err), YD_OK);
    assert_int_equal(ob.count, ot.count);
    assert_true(ob.count >= 8);
    for (int32_t k = 0; k < ob.count; k++) {
        assert_int_equal(ob.nodes[k].kind, ot.nodes[k].kind);
        assert_int_equal(ob.nodes[k].parent, ot.nodes[k].parent);
        assert_int_equal(ob.nodes[k].line, ot.nodes[k].line);
    }
    /* No source lines: each line is its own place. */
    for (int32_t k = 0; k < b.line_count; k++)
        assert_int_equal(yd_source_line(&b, k), k + 1);
    assert_int_equal(yd_source_line_count(&b), b.line_count);
    yd_outline_free(&ot);
    yd_outline_free(&ob);
    yd_document_free(&t);
    yd_document_free(&b);
}

static void test_epub3(void **state)
{
    (void)state;
    same_text_as_txt("book3.epub");
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "book3.epub", 0, &err), YD_OK);
    /* The nav's depths: the title page 1, the chapters under it 2, the
     * one only a <p class="title"> marks too. */
    int32_t title = line_equal(&d, "社区图书角借阅规则"), ch2 = line_equal(&d, "第二章 借阅");
    assert_int_equal(info(&d, title)->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, title)->level, 1);
    assert_int_equal(info(&d, ch2)->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, ch2)->level, 2);
    assert_int_equal(info(&d, line_equal(&d, "第一章 总则"))->level, 2);
    /* Paragraphs are paragraphs (the numbering makes the articles). */
    assert_int_equal(info(&d, line_equal(&d, "第三条 每位居民一次最多借阅三册图书。"))->kind, YD_BLOCK_TEXT);
    yd_document_free(&d);
}

static void test_epub2(void **state)
{
    (void)state;
    same_text_as_txt("book2.epub");
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "book2.epub", 0, &err), YD_OK);
    /* <h3> chapters the NCX puts at depth 2 by their fragments. */
    assert_int_equal(info(&d, line_equal(&d, "第三章 附则"))->level, 2);
    assert_int_equal(info(&d, line_equal(&d, "社区图书角借阅规则"))->level, 1);
    yd_document_free(&d);
}

static const char *const names[] = {"META-INF/container.xml", "p/book.opf", "p/nav.xhtml", "p/a.xhtml", "p/b.xhtml"};
#define CONTAINER                                                                                                    \
    "<container><rootfiles><rootfile full-path=\"p/book.opf\" media-type=\"application/oebps-package+xml\"/>"     \
    "</rootfiles></container>"
#define OPF                                                                                                          \
    "<package><manifest><item id=\"n\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>" \
    "<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"                                         \
    "<item id=\"b\" href=\"./b.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"                            \
    "<spine><itemref idref=\"a\"/><itemref idref=\"b\"/></spine></package>"

/* The toc decides levels: a line it points at by a fragment becomes a
 * heading when it reads as the title; a heading it does not name goes
 * below the entry before it; a long sentence it points at stays text. */
static void test_toc_levels(void **state)
{
    (void)state;
    const char *data[] = {
        CONTAINER, OPF,
        "<html><body><nav epub:type=\"toc\"><ol><li><a href=\"a.xhtml#t\">卷一</a><ol>"
        "<li><a href=\"b.xhtml\">开头的长句子</a></li></ol></li></ol></nav></body></html>",
        "<html><body><p>卷首语。</p><p id=\"t\">卷一</p><h1>小节</h1><p>正文。</p></body></html>",
        "<html><body><p>这是一个很长的句子，它不是标题，因为它像正文一样以句号结束，而且很长很长很长。</p></body></html>",
    };
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_parts(&d, "toc.epub", 5, names, data, &err), YD_OK);
    int32_t vol = line_equal(&d, "卷一"), sec = line_equal(&d, "小节");
    assert_int_equal(info(&d, vol)->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, vol)->level, 1);
    assert_int_equal(info(&d, sec)->kind, YD_BLOCK_HEADING);
    assert_int_equal(info(&d, sec)->level, 2); /* an <h1> under the toc's level 1 */
    assert_int_equal(info(&d, line_equal(&d, "卷首语。"))->kind, YD_BLOCK_TEXT);
    int32_t s = line_equal(&d, "这是一个很长的句子，它不是标题，因为它像正文一样以句号结束，而且很长很长很长。");
    assert_int_equal(info(&d, s)->kind, YD_BLOCK_TEXT);
    yd_document_free(&d);
}

/* A toc entry looks for its title in its own chapter only: an entry for a
 * chapter with no text makes no heading of the next chapter's first line. */
static void test_toc_within_chapter(void **state)
{
    (void)state;
    const char *data[] = {
        CONTAINER, OPF,
        "<html><body><nav epub:type=\"toc\"><ol><li><a href=\"a.xhtml\">插图页</a></li></ol></nav></body></html>",
        "<html><body><div> </div></body></html>",
        "<html><body><p>短句</p><p>正文。</p></body></html>",
    };
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_parts(&d, "empty-chapter.epub", 5, names, data, &err), YD_OK);
    assert_int_equal(info(&d, line_equal(&d, "短句"))->kind, YD_BLOCK_TEXT);
    yd_document_free(&d);
}

/* A chapter's header, footnotes (aside) are the book's text; images are
 * [图] with their alt; a chapter the zip lacks is skipped; malformed markup
 * gives what could be read. */
static void test_extras(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    if (load_book(&d, "extras.epub", 1, &err) != YD_OK)
        fail_msg("extras.epub: %s", err.message);
    int32_t img = line_equal(&d, "[图：借阅证样式]");
    assert_true(img > 0);
    assert_int_equal(yd_markup_style_at(d.markup, d.line_starts[img], d.line_starts[img]), YD_SPAN_IMAGE);
    assert_true(line_equal(&d, "[图]") > img);
    assert_int_equal(find_utf8(d.text, d.length, "第二章"), -1);
    assert_true(find_utf8(d.text, d.length, "第三章 附则") >= 0);
    assert_true(line_equal(&d, "未闭合的标记") > 0);
    yd_document_free(&d);
    const char *data[] = {CONTAINER, OPF, "",
                          "<html><body><section><header><h2>页眉里的标题</h2></header><p>正文<a href=\"#n1\">1</a></p>"
                          "<aside epub:type=\"footnote\" id=\"n1\"><p>注释的内容</p></aside></section></body></html>",
                          "<html><body><p>&mdash;&nbsp;破折号</p></body></html>"};
    assert_int_equal(load_parts(&d, "parts.epub", 5, names, data, &err), YD_OK);
    assert_int_equal(info(&d, line_equal(&d, "页眉里的标题"))->kind, YD_BLOCK_HEADING);
    assert_true(line_equal(&d, "注释的内容") > 0);
    assert_true(line_equal(&d, "—\u00a0破折号") > 0); /* HTML's entities known */
    assert_null(d.notice); /* an entity XML does not declare loses nothing here */
    yd_document_free(&d);
}

/* Does d's notice say words (fails with what it says otherwise)? */
static void notice_says(const yd_document *d, const char *words)
{
    if (!d->notice || !strstr(d->notice, words))
        fail_msg("%s: notice \"%s\" does not say \"%s\"", d->path, d->notice ? d->notice : "(none)", words);
    for (const char *c = d->notice; *c; c++)
        assert_true((unsigned char)*c >= 0x20); /* one line, nothing for a terminal to obey */
}

/* A chapter that is not well-formed XML: the book says which and where
 * (its first error's line), once, and shows the text before and after the
 * error; a broken package document too, and then the notice says there
 * are other parts. A well-formed book says nothing. */
static void test_malformed(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, "book3.epub", 0, &err), YD_OK);
    assert_null(d.notice);
    yd_document_free(&d);
    if (load_book(&d, "malformed.epub", 1, &err) != YD_OK)
        fail_msg("malformed.epub: %s", err.message);
    notice_says(&d, "第2章.xhtml is not well-formed XML (line 5): shown as far as it could be read");
    assert_null(strstr(d.notice, "OEBPS")); /* the part's own name is enough */
    assert_true(line_equal(&d, "第三条 每位居民一次最多借阅三册图书。") > 0);
    assert_true(line_equal(&d, "第四条 借期为二十一天，可以续借一次。") > 0);
    assert_true(line_equal(&d, "二、逾期未还者暂停借阅一个月。") > 0);
    assert_true(line_equal(&d, "第五条 本规则自公布之日起施行。") > 0);
    yd_document_free(&d);
    if (load_book(&d, "malformed-parts.epub", 1, &err) != YD_OK)
        fail_msg("malformed-parts.epub: %s", err.message);
    notice_says(&d, "content.opf and other parts are not well-formed XML (line 2 of the first)");
    assert_true(line_equal(&d, "第五条 本规则自公布之日起施行。") > 0);
    yd_document_free(&d);
    /* The extras' chapter with an unclosed <b> is named too. */
    assert_int_equal(load_book(&d, "extras.epub", 1, &err), YD_OK);
    notice_says(&d, "第3章.xhtml is not well-formed XML");
    yd_document_free(&d);
    /* A part's name with a C1 control and a mark that turns the line shows
     * them as ? (libzip keeps C0 controls out of names, and gives them as
     * UTF-8); a name too long for a message line is cut with …. */
    const char *odd[] = {"META-INF/container.xml", "p/book.opf", "p/a\u202e\xc2\x85" "b.xhtml"};
    const char *odd_data[] = {CONTAINER,
                              "<package><manifest><item id=\"a\" href=\"a%E2%80%AE%C2%85b.xhtml\" "
                              "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"a\"/>"
                              "</spine></package>",
                              "<html><body><p>前文</p><p>缺了结尾</body></html>"};
    if (load_parts(&d, "odd.epub", 3, odd, odd_data, &err) != YD_OK)
        fail_msg("odd.epub: %s", err.message);
    notice_says(&d, "a??b.xhtml is not well-formed XML (line 1)");
    assert_true(line_equal(&d, "缺了结尾") > 0);
    yd_document_free(&d);
    char long_name[400] = "p/", long_href[800];
    for (int k = 0; k < 60; k++)
        strcat(long_name, "章节");
    strcat(long_name, ".xhtml");
    const char *long_names[] = {"META-INF/container.xml", "p/book.opf", long_name};
    snprintf(long_href, sizeof long_href,
             "<package><manifest><item id=\"a\" href=\"%s\" media-type=\"application/xhtml+xml\"/></manifest>"
             "<spine><itemref idref=\"a\"/></spine></package>", long_name + 2);
    const char *long_data[] = {CONTAINER, long_href, "<html><body><p>前文</body></html>"};
    assert_int_equal(load_parts(&d, "long.epub", 3, long_names, long_data, &err), YD_OK);
    notice_says(&d, "章节\u2026 is not well-formed XML");
    yd_document_free(&d);
}

static void expect_error(const char *name, yd_status status, const char *words)
{
    yd_document d;
    yd_error err = {0};
    assert_int_equal(load_book(&d, name, 1, &err), status);
    if (!strstr(err.message, words))
        fail_msg("%s: \"%s\" does not say \"%s\"", name, err.message, words);
    assert_null(strchr(err.message, '\n'));
    yd_document_free(&d);
}

static void test_hostile(void **state)
{
    (void)state;
    expect_error("bomb.epub", YD_ETOOBIG, "zip bomb");
    expect_error("drm.epub", YD_EFORMAT, "DRM");
    expect_error("broken.epub", YD_EFORMAT, "zip");
    expect_error("nocontainer.epub", YD_EFORMAT, "container.xml");
    /* A file of no bytes is no archive (libzip alone opens it as one with
     * no entries, and the book would be said to lack its container). */
    yd_document d;
    yd_error err = {0};
    static const char *const empty[] = {"e.epub", "e.docx", "e.odt"};
    for (size_t k = 0; k < sizeof empty / sizeof *empty; k++) {
        assert_int_equal(yd_document_from_bytes(&d, empty[k], (const unsigned char *)"", 0, NULL, &err), YD_EFORMAT);
        assert_string_equal(err.message, "not a zip archive, or a damaged one");
    }
    /* Obfuscated fonts are not DRM; an external entity reads nothing. */
    assert_int_equal(load_book(&d, "font.epub", 1, &err), YD_OK);
    yd_document_free(&d);
    assert_int_equal(load_book(&d, "xxe.epub", 1, &err), YD_OK);
    assert_int_equal(find_utf8(d.text, d.length, "root:"), -1);
    assert_true(find_utf8(d.text, d.length, "第五条") >= 0);
    yd_document_free(&d);
    /* Names that leave the archive are not followed. */
    const char *out[] = {"<container><rootfiles><rootfile full-path=\"p/book.opf\"/></rootfiles></container>",
                         "<package><manifest><item id=\"a\" href=\"../../../etc/passwd\" media-type=\"text/html\"/>"
                         "<item id=\"b\" href=\"/etc/passwd\" media-type=\"text/html\"/></manifest>"
                         "<spine><itemref idref=\"a\"/><itemref idref=\"b\"/></spine></package>"};
    assert_int_equal(load_parts(&d, "out.epub", 2, names, out, &err), YD_EFORMAT);
    /* Billion laughs in the package document: no expansion. */
    const char *laughs[] = {
        CONTAINER,
        "<!DOCTYPE package [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
        "<package><manifest><item id=\"a\" href=\"a.xhtml&d;\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"b\" href=\"b.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
        "<spine><itemref idref=\"a\"/><itemref idref=\"b&d;\"/><itemref idref=\"b\"/></spine></package>",
        "", "<p>甲</p>", "<p>乙&d;</p>"};
    assert_int_equal(load_parts(&d, "laughs.epub", 5, names, laughs, &err), YD_OK);
    assert_true(d.length < 100);
    yd_document_free(&d);
}

static void test_resolve(void **state)
{
    (void)state;
    char *frag;
    char *n = yd_zip_resolve("OEBPS/text/a.xhtml", "../img/%E5%9B%BE.png#x", &frag);
    assert_string_equal(n, "OEBPS/img/图.png");
    assert_string_equal(frag, "x");
    free(n);
    free(frag);
    n = yd_zip_resolve("content.opf", "./a/./b.xhtml", NULL);
    assert_string_equal(n, "a/b.xhtml");
    free(n);
    assert_null(yd_zip_resolve("a/b.opf", "../../x", NULL));
    assert_null(yd_zip_resolve("a/b.opf", "/etc/passwd", NULL));
    assert_null(yd_zip_resolve("a/b.opf", "http://example.invalid/x", NULL));
    assert_null(yd_zip_resolve("a/b.opf", "%00", NULL));
}

/* The caps of zip_entries.c, lowered: what one entry and the whole archive
 * may expand to. */
static void test_caps(void **state)
{
    (void)state;
    static char big[1000];
    memset(big, 'x', sizeof big);
    const char *names3[] = {"a", "b", "c"}, *data[] = {big, big, big};
    size_t lengths[] = {sizeof big, sizeof big, sizeof big}, size = 0;
    unsigned char *bytes = zb_build(3, names3, data, lengths, 1, &size);
    assert_non_null(bytes);
    yd_zip z;
    yd_error err = {0};
    assert_int_equal(yd_zip_open(&z, bytes, size, &err), YD_OK);
    z.max_total = 2500;
    char *out;
    size_t n;
    assert_int_equal(yd_zip_read(&z, "a", &out, &n, &err), YD_OK);
    assert_int_equal(n, sizeof big);
    free(out);
    assert_int_equal(yd_zip_read(&z, "b", &out, &n, &err), YD_OK);
    free(out);
    assert_int_equal(yd_zip_read(&z, "c", &out, &n, &err), YD_ETOOBIG);
    assert_null(out);
    assert_non_null(strstr(err.message, "the archive expands to more than 2500 bytes"));
    z.max_total = 1 << 20;
    z.max_entry = 999;
    assert_int_equal(yd_zip_read(&z, "c", &out, &n, &err), YD_ETOOBIG);
    assert_non_null(strstr(err.message, "an entry expands to 1000 bytes"));
    assert_int_equal(yd_zip_read(&z, "../c", &out, &n, &err), YD_EFORMAT);
    yd_zip_close(&z);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epub3),  cmocka_unit_test(test_epub2),   cmocka_unit_test(test_toc_levels),
        cmocka_unit_test(test_extras), cmocka_unit_test(test_hostile), cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_caps),   cmocka_unit_test(test_malformed), cmocka_unit_test(test_toc_within_chapter),
    };
    return cmocka_run_group_tests(tests, NULL, books_cleanup);
}
