/* Numbers folded in search: a number in a numbering context of a literal
 * query finds the same number in every written form, and no other number;
 * numbers outside numbering contexts stay literal. */
#include "test_util.h"
#include "yuedu/fold.h"
#include "yuedu/number_fold.h"
#include "yuedu/search.h"

static yd_fold *fold;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    return yd_fold_new(&fold, NULL, &err) == YD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    yd_fold_free(fold);
    return 0;
}

/* The lines of text (one per line) that pattern finds, joined by '|'. */
static char *lines_found(const char *text, const char *pattern, unsigned folds)
{
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "t.txt", (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
    yd_query *q;
    yd_query_options o = {.folds = folds};
    assert_int_equal(yd_query_compile_utf8(&q, fold, pattern, &o, &err), YD_OK);
    yd_shadow sh = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &d, &sh, &hits, &err), YD_OK);
    static char out[4096];
    out[0] = 0;
    for (size_t k = 0; k < hits.count; k++) {
        char *w = utf8_of(d.text + hits.items[k].offset, hits.items[k].length);
        if (k)
            strcat(out, "|");
        strncat(out, w, sizeof out - strlen(out) - 1);
        free(w);
    }
    yd_hits_free(&hits);
    yd_shadow_free(&sh);
    yd_query_free(q);
    yd_document_free(&d);
    return out;
}

static const char ARTICLES[] = "第十二条 甲\n第一十二条 乙\n第１２条 丙\n第 12 條 丁\n第112条 戊\n第十二章 己\n"
                               "第12条 庚\n第壹拾贰条 辛\n第一二条 壬\n第十三条 癸\n第二条 子\n";

static void every_form(void **state)
{
    (void)state;
    assert_string_equal(lines_found(ARTICLES, "第12条", YD_FOLD_DEFAULT),
                        "第十二条|第一十二条|第１２条|第 12 條|第12条|第壹拾贰条|第一二条");
    /* the same from a Chinese query, and with blanks in the query */
    assert_string_equal(lines_found(ARTICLES, "第十二条", YD_FOLD_DEFAULT),
                        "第十二条|第一十二条|第１２条|第 12 條|第12条|第壹拾贰条|第一二条");
    assert_string_equal(lines_found(ARTICLES, "第 12 条", YD_FOLD_DEFAULT),
                        "第十二条|第一十二条|第１２条|第 12 條|第12条|第壹拾贰条|第一二条");
    /* never 112 for 12, nor 12 for 2 */
    assert_string_equal(lines_found(ARTICLES, "112条", YD_FOLD_DEFAULT), "112条");
    assert_string_equal(lines_found(ARTICLES, "第2条", YD_FOLD_DEFAULT), "第二条");
    assert_string_equal(lines_found(ARTICLES, "第十二章", YD_FOLD_DEFAULT), "第十二章");
    /* numbers off: the literal only (width folding still joins １２ and 12) */
    assert_string_equal(lines_found(ARTICLES, "第12条", YD_FOLD_DEFAULT & ~(unsigned)YD_FOLD_NUMBERS),
                        "第１２条|第12条");
}

static void large_numbers(void **state)
{
    (void)state;
    const char *text = "第一千一百六十五条\n第一千一百零五条\n第两百条\n第二百条\n第一百一十条\n第一百十条\n"
                       "第一万零一条\n第10001条\n";
    assert_string_equal(lines_found(text, "第1165条", YD_FOLD_DEFAULT), "第一千一百六十五条");
    assert_string_equal(lines_found(text, "第1105条", YD_FOLD_DEFAULT), "第一千一百零五条");
    assert_string_equal(lines_found(text, "第200条", YD_FOLD_DEFAULT), "第两百条|第二百条");
    assert_string_equal(lines_found(text, "第110条", YD_FOLD_DEFAULT), "第一百一十条|第一百十条");
    assert_string_equal(lines_found(text, "第一万零一条", YD_FOLD_DEFAULT), "第一万零一条|第10001条");
}

static void not_numbering(void **state)
{
    (void)state;
    UChar *out = NULL;
    int32_t n = 0;
    /* no 第 before, no unit after: a number is only a number */
    UChar p1[] = u"共12人";
    assert_int_equal(yd_number_fold_pattern(p1, u_strlen(p1), &out, &n), 0);
    UChar p2[] = u"2022年";
    assert_int_equal(yd_number_fold_pattern(p2, u_strlen(p2), &out, &n), 0);
    assert_string_equal(lines_found("共12人\n共十二人\n", "共12人", YD_FOLD_DEFAULT), "共12人");
    /* regex syntax in the rest of a literal query stays literal */
    assert_string_equal(lines_found("a.b 第三章\naxb 第三章\n", "a.b 第3章", YD_FOLD_DEFAULT), "a.b 第三章");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_form),
        cmocka_unit_test(large_numbers),
        cmocka_unit_test(not_numbering),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
