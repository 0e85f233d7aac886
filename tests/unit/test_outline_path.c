/* What a citation says of a place: the outline path of an offset (the
 * headings that hold it, outermost first, items left out) and the
 * document's title (its title line, else its file name). */
#include "test_util.h"
#include "yuedu/fold.h"
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

static const char CODE[] = "借阅规则\n"
                           "第一编 总则\n"         /* 0 */
                           "第一章 目的\n"         /* 1 */
                           "第一条 甲。\n"         /* 2, an item */
                           "第二编 分则\n"         /* 3 */
                           "第一章 借书\n"         /* 4 */
                           "第二条 乙。\n"         /* 5 */
                           "第二章 还书\n"         /* 6 */
                           "第三条 丙。\n"         /* 7 */
                           "第三编 Appendix 附则\n" /* 8 */
                           "第四条 丁。\n";        /* 9 */

/* The text range of node k's subtree, found by its first words. */
static yd_text_range span_of(const yd_document *d, const yd_outline *o, const char *words)
{
    int32_t at = find_utf8(d->text, d->length, words);
    int32_t k = yd_outline_node_at(o, at);
    yd_text_range r;
    yd_outline_subtree_span(o, d->length, k, &r.lo, &r.hi);
    return r;
}

static size_t under(const yd_document *d, const yd_outline *o, const char *path, const UChar *fold,
                    yd_text_range *out)
{
    yd_text_range *r = NULL;
    size_t n = 99;
    yd_error err = {0};
    assert_int_equal(yd_outline_under(d, o, path, fold, &r, &n, &err), YD_OK);
    for (size_t k = 0; k < n; k++)
        out[k] = r[k];
    free(r);
    return n;
}

static void test_under_a_heading_path(void **state)
{
    (void)state;
    yd_document d;
    yd_outline o;
    build(&d, &o, "/corpus/code.txt", CODE);
    yd_text_range r[8];
    /* the beginning of a title names the heading, its subtree is the range */
    assert_int_equal(under(&d, &o, "第二编", NULL, r), 1);
    yd_text_range want = span_of(&d, &o, "第二编");
    assert_int_equal(r[0].lo, want.lo);
    assert_int_equal(r[0].hi, want.hi);
    assert_true(r[0].hi == span_of(&d, &o, "第三编").lo);
    /* white space does not count; a part names a heading at any depth */
    assert_int_equal(under(&d, &o, " 第 二 编 分则 ", NULL, r), 1);
    assert_int_equal(under(&d, &o, "第一章", NULL, r), 2); /* one in each 编 */
    assert_int_equal(r[0].lo, span_of(&d, &o, "第一章 目的").lo);
    assert_int_equal(r[1].lo, span_of(&d, &o, "第一章 借书").lo);
    /* a path: the later part below the earlier one, with › or > */
    assert_int_equal(under(&d, &o, "第二编 › 第一章", NULL, r), 1);
    assert_int_equal(r[0].lo, span_of(&d, &o, "第一章 借书").lo);
    assert_int_equal(r[0].hi, span_of(&d, &o, "第二章 还书").lo);
    assert_int_equal(under(&d, &o, "第二编>第二章>", NULL, r), 1);
    assert_int_equal(under(&d, &o, "第一编 › 第二章", NULL, r), 0);
    /* items are not headings */
    assert_int_equal(under(&d, &o, "第二条", NULL, r), 0);
    /* a match inside a match adds nothing */
    assert_int_equal(under(&d, &o, "第", NULL, r), 3);
    /* a number names a number by its value, whatever form each is written
     * in (only a whole number: below) */
    assert_int_equal(under(&d, &o, "第2编", NULL, r), 1);
    assert_int_equal(r[0].lo, want.lo);
    assert_int_equal(under(&d, &o, "第２编>第1章", NULL, r), 1);
    assert_int_equal(r[0].lo, span_of(&d, &o, "第一章 借书").lo);
    assert_int_equal(under(&d, &o, "第贰编", NULL, r), 1);
    assert_int_equal(under(&d, &o, "第20编", NULL, r), 0);
    /* Latin letters without case */
    assert_int_equal(under(&d, &o, "第三编 appendix", NULL, r), 1);
    assert_int_equal(r[0].hi, d.length);
    /* nothing to name: refused */
    yd_text_range *none = NULL;
    size_t n = 0;
    yd_error err = {0};
    assert_int_equal(yd_outline_under(&d, &o, " › > ", NULL, &none, &n, &err), YD_EINVAL);
    assert_null(none);
    yd_outline_free(&o);
    yd_document_free(&d);
    /* Only a whole number: 第二 and 第2 do not begin 第二十编, 第20编 does. */
    build(&d, &o, "/corpus/long.txt", "长编\n第一编 起\n第一条 甲。\n第二十编 止\n第二条 乙。\n");
    assert_int_equal(under(&d, &o, "第二", NULL, r), 0);
    assert_int_equal(under(&d, &o, "第2", NULL, r), 0);
    assert_int_equal(under(&d, &o, "第20编", NULL, r), 1);
    assert_int_equal(r[0].lo, span_of(&d, &o, "第二十编").lo);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* Through a fold table, a Traditional path finds a Simplified heading. */
static void test_under_folded(void **state)
{
    (void)state;
    yd_document d;
    yd_outline o;
    build(&d, &o, "/corpus/code.txt", CODE);
    yd_fold *fold = NULL;
    yd_error err = {0};
    assert_int_equal(yd_fold_new(&fold, NULL, &err), YD_OK);
    const UChar *table = yd_fold_table(fold, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    yd_text_range r[4];
    assert_int_equal(under(&d, &o, "第二編", NULL, r), 0);
    assert_int_equal(under(&d, &o, "第二編", table, r), 1);
    assert_int_equal(under(&d, &o, "第二编 › 第二章", table, r), 1);
    yd_fold_free(fold);
    yd_outline_free(&o);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_of_a_place),
        cmocka_unit_test(test_title_falls_back_to_the_file_name),
        cmocka_unit_test(test_under_a_heading_path),
        cmocka_unit_test(test_under_folded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
