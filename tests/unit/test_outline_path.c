/* What a citation says of a place: the outline path of an offset (the
 * headings that hold it, outermost first, items left out) and the
 * document's title (its title line, else its file name). */
#include "test_util.h"
#include "yuedu/outline_path.h"

static void build(yd_document *doc, yd_outline *o, const char *path, const char *text)
{
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(doc, path, (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
    assert_int_equal(yd_outline_build(o, doc, &err), YD_OK);
}

static const char LAW[] = "图书管理办法\n"
                          "第一章 总则\n"
                          "第一条 为了规范借阅，制定本办法。\n"
                          "第二章 借阅\n"
                          "一、登记\n"
                          "读者应当按时归还。\n";

static void test_path_of_a_place(void **state)
{
    (void)state;
    yd_document doc;
    yd_outline o;
    build(&doc, &o, "/corpus/law.txt", LAW);
    char *p = yd_outline_path_utf8(&doc, &o, find_utf8(doc.text, doc.length, "按时"));
    assert_string_equal(p, "第二章 借阅 › 一、登记");
    free(p);
    p = yd_outline_path_utf8(&doc, &o, find_utf8(doc.text, doc.length, "规范"));
    assert_string_equal(p, "第一章 总则"); /* 第一条 is an item: left out */
    free(p);
    /* Before the first heading: no path. */
    p = yd_outline_path_utf8(&doc, &o, 0);
    assert_string_equal(p, "");
    free(p);
    char *t = yd_document_title_utf8(&doc, &o);
    assert_string_equal(t, "图书管理办法");
    free(t);
    yd_outline_free(&o);
    yd_document_free(&doc);
}

static void test_title_falls_back_to_the_file_name(void **state)
{
    (void)state;
    yd_document doc;
    yd_outline o;
    build(&doc, &o, "/corpus/notes/plain.txt", "只是一段话，没有标题。\n");
    char *t = yd_document_title_utf8(&doc, &o);
    assert_string_equal(t, "plain.txt");
    free(t);
    yd_outline_free(&o);
    yd_document_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_of_a_place),
        cmocka_unit_test(test_title_falls_back_to_the_file_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
