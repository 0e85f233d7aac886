/* Document formats by file name: the one place that decides. */
#include "test_util.h"
#include "yuedu/document.h"
#include "yuedu/format.h"

static void test_by_name(void **state)
{
    (void)state;
    assert_int_equal(yd_format_of_path("a.txt"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path("A.TXT"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path("README"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path("讲话稿"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path(".hidden"), YD_FORMAT_TEXT); /* its only dot starts it */
    assert_int_equal(yd_format_of_path("notes.md"), YD_FORMAT_MARKDOWN);
    assert_int_equal(yd_format_of_path("notes.Markdown"), YD_FORMAT_MARKDOWN);
    assert_int_equal(yd_format_of_path("page.html"), YD_FORMAT_HTML);
    assert_int_equal(yd_format_of_path("PAGE.HTM"), YD_FORMAT_HTML);
    assert_int_equal(yd_format_of_path("ch1.xhtml"), YD_FORMAT_HTML);
    assert_string_equal(yd_format_name(YD_FORMAT_HTML), "html");
    assert_string_equal(yd_format_name(YD_FORMAT_MARKDOWN), "markdown");
    assert_string_equal(yd_format_name(YD_FORMAT_TEXT), "text");
    assert_int_equal(yd_format_of_path("书.EPUB"), YD_FORMAT_EPUB);
    assert_int_equal(yd_format_of_path("讲话.docx"), YD_FORMAT_DOCX);
    assert_string_equal(yd_format_name(YD_FORMAT_EPUB), "epub");
    assert_string_equal(yd_format_name(YD_FORMAT_DOCX), "docx");
    assert_true(yd_format_is_archive(YD_FORMAT_EPUB) && yd_format_is_archive(YD_FORMAT_DOCX));
    assert_false(yd_format_is_archive(YD_FORMAT_HTML) || yd_format_is_archive(YD_FORMAT_TEXT));
    assert_int_equal(yd_format_of_path("稿.odt"), YD_FORMAT_ODT);
    assert_string_equal(yd_format_name(YD_FORMAT_ODT), "odt");
    assert_true(yd_format_is_archive(YD_FORMAT_ODT));
    assert_int_equal(yd_format_of_path("old.doc"), YD_FORMAT_NONE);
    assert_int_equal(yd_format_of_path("c.pdf"), YD_FORMAT_NONE);
    assert_int_equal(yd_format_of_path("archive.tar.gz"), YD_FORMAT_NONE);
    /* Only the last component counts: a dot in a folder name is not an extension. */
    assert_int_equal(yd_format_of_path("v1.2/README"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path("docs.md/a.txt"), YD_FORMAT_TEXT);
    assert_int_equal(yd_format_of_path("/srv/书.d/第一章.md"), YD_FORMAT_MARKDOWN);
}

/* A loaded document carries its format. */
static void test_document_knows(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    yd_load_options lo = {.encoding = "UTF-8"};
    assert_int_equal(yd_document_from_bytes(&d, "x/notes.md", (const unsigned char *)"# a\n", 4, &lo, &err), YD_OK);
    assert_int_equal(d.format, YD_FORMAT_MARKDOWN);
    yd_document_free(&d);
    assert_int_equal(yd_document_from_bytes(&d, "x.md/notes", (const unsigned char *)"# a\n", 4, &lo, &err), YD_OK);
    assert_int_equal(d.format, YD_FORMAT_TEXT);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_name),
        cmocka_unit_test(test_document_knows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
