/* Search: literal and regex queries with folding, hits at offsets in the
 * original text, smart case, each fold off, bad regexes, hits across
 * lines, next/previous hit, shadows and the shadow-free literal scan
 * agreeing. */
#include "test_util.h"
#include "yuedu/search.h"

static yd_fold *fold;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    if (yd_fold_new(&fold, NULL, &err) != YD_OK) {
        fprintf(stderr, "fold tables: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    yd_fold_free(fold);
    return 0;
}

static void load(yd_document *doc, const char *utf8)
{
    yd_error err = {0};
    if (yd_document_from_bytes(doc, "mem", (const unsigned char *)utf8, strlen(utf8), NULL, &err) != YD_OK)
        fail_msg("load failed: %s", err.message);
}

enum { LITERAL = 0, REGEX = 1 };

/* All hits of pattern in text as "offset+length offset+length ...", each
 * with its original text: "3+2:黨建 ...". Checks that the shadow and the
 * shadow-free scan agree for literal queries. */
static char *search_with(const char *text, const char *pattern, int regex, unsigned folds)
{
    yd_document d;
    load(&d, text);
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = folds, .regex = regex};
    if (yd_query_compile_utf8(&q, fold, pattern, &o, &err) != YD_OK)
        fail_msg("compile %s: %s", pattern, err.message);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
    static char out[4096];
    size_t used = 0;
    out[0] = 0;
    for (size_t k = 0; k < hits.count; k++) {
        char *s = utf8_of(d.text + hits.items[k].offset, hits.items[k].length);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%d+%d:%s", k ? " " : "",
                                 (int)hits.items[k].offset, (int)hits.items[k].length, s);
        free(s);
    }
    /* Once the shadow exists the other path runs: same hits. */
    if (!regex) {
        assert_non_null(yd_shadow_get(&shadow, fold, &d, yd_query_folds(q), &err));
        yd_hits again = {0};
        assert_int_equal(yd_search_document(q, &d, &shadow, &again, &err), YD_OK);
        assert_int_equal(again.count, hits.count);
        for (size_t k = 0; k < hits.count; k++) {
            assert_int_equal(again.items[k].offset, hits.items[k].offset);
            assert_int_equal(again.items[k].length, hits.items[k].length);
        }
        yd_hits_free(&again);
    }
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(q);
    yd_document_free(&d);
    return out;
}

static char *search(const char *text, const char *pattern) { return search_with(text, pattern, LITERAL, YD_FOLD_DEFAULT); }
static char *rsearch(const char *text, const char *pattern) { return search_with(text, pattern, REGEX, YD_FOLD_DEFAULT); }

static void test_script_fold(void **state)
{
    (void)state;
    assert_string_equal(search("党建和黨建", "党建"), "0+2:党建 3+2:黨建");
    assert_string_equal(search("党建和黨建", "黨建"), "0+2:党建 3+2:黨建");
    assert_string_equal(search("召开会议。召開會議。", "会议"), "2+2:会议 7+2:會議");
    assert_string_equal(search("召开会议。召開會議。", "會議"), "2+2:会议 7+2:會議");
    assert_string_equal(search("里、裡、裏", "里"), "0+1:里 2+1:裡 4+1:裏");
    assert_string_equal(search("里、裡、裏", "裏"), "0+1:里 2+1:裡 4+1:裏");
    assert_string_equal(search("里、裡、裏", "裡"), "0+1:里 2+1:裡 4+1:裏");
}

static void test_width_and_case_fold(void **state)
{
    (void)state;
    assert_string_equal(search("一，二,三", "，"), "1+1:， 3+1:,");
    assert_string_equal(search("一，二,三", ","), "1+1:， 3+1:,");
    /* a lower-case pattern folds case and width: Ａ ⇄ a */
    assert_string_equal(search("Ａ a A ａ", "a"), "0+1:Ａ 2+1:a 4+1:A 6+1:ａ");
    assert_string_equal(search("Ａ a A ａ", "ａ"), "0+1:Ａ 2+1:a 4+1:A 6+1:ａ");
    /* with case folding forced, an upper-case pattern too */
    assert_string_equal(search_with("Ａ a A ａ", "Ａ", LITERAL, YD_FOLD_CASE | YD_FOLD_WIDTH),
                        "0+1:Ａ 2+1:a 4+1:A 6+1:ａ");
    /* full-width brackets and digits fold to ASCII ones */
    assert_string_equal(search("(一) （一） 第２０２６号", "（一）"), "0+3:(一) 4+3:（一）");
    assert_string_equal(search("第２０２６号 第2026号", "2026"), "1+4:２０２６ 8+4:2026");
}

static void test_smart_case(void **state)
{
    (void)state;
    /* Upper case in the pattern: case matters (width still folds). */
    assert_string_equal(search("Reading reading ＲＥＡＤＩＮＧ", "Reading"), "0+7:Reading");
    assert_string_equal(search("Reading reading ＲＥＡＤＩＮＧ", "READING"), "16+7:ＲＥＡＤＩＮＧ");
    assert_string_equal(search("Reading reading ＲＥＡＤＩＮＧ", "reading"),
                        "0+7:Reading 8+7:reading 16+7:ＲＥＡＤＩＮＧ");
    /* Regex: only literal characters count, not \D \W \S escapes. */
    assert_string_equal(rsearch("Ab ab", "a\\S"), "0+2:Ab 3+2:ab");
    assert_string_equal(rsearch("Ab ab", "A\\S"), "0+2:Ab");
}

static void test_each_fold_off(void **state)
{
    (void)state;
    const char *text = "黨建 党建 ，, Aa";
    unsigned no_script = YD_FOLD_CASE | YD_FOLD_WIDTH, no_width = YD_FOLD_CASE | YD_FOLD_SCRIPT,
             no_case = YD_FOLD_WIDTH | YD_FOLD_SCRIPT;
    assert_string_equal(search_with(text, "党建", LITERAL, no_script), "3+2:党建");
    assert_string_equal(search_with(text, "党建", LITERAL, no_width), "0+2:黨建 3+2:党建");
    assert_string_equal(search_with(text, ",", LITERAL, no_width), "7+1:,");
    assert_string_equal(search_with(text, ",", LITERAL, no_script), "6+1:， 7+1:,");
    assert_string_equal(search_with(text, "a", LITERAL, no_case), "10+1:a");
    assert_string_equal(search_with(text, "a", LITERAL, no_width), "9+1:A 10+1:a");
    assert_string_equal(search_with(text, "黨建", LITERAL, YD_FOLD_NONE), "0+2:黨建");
    assert_string_equal(search_with(text, "党建", REGEX, no_script), "3+2:党建");
}

static void test_offsets_in_original(void **state)
{
    (void)state;
    /* A character outside the BMP takes two code units: the offset counts
     * units, the column counts characters. */
    yd_document d;
    load(&d, "第一行\nＡＢＣ，𠀀黨建在後\n");
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "党建", &o, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
    assert_int_equal(hits.count, 1);
    assert_int_equal(hits.items[0].offset, 4 + 4 + 2);
    assert_int_equal(hits.items[0].length, 2);
    int32_t line, column;
    yd_text_position(&d, hits.items[0].offset, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 6);
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(q);
    yd_document_free(&d);

    /* Full-width letters are 3 bytes in UTF-8 and 1 unit in UTF-16; the
     * hit is reported on the original, full-width text. */
    assert_string_equal(search("版本Ｖ２．０发布", "v2.0"), "2+4:Ｖ２．０");
    /* A ligature would fold to two letters: left alone (see SEARCH.md). */
    assert_string_equal(search("ﬁle file", "file"), "4+4:file");
    assert_string_equal(search("ﬁle file", "ﬁle"), "0+3:ﬁle");
}

static void test_regex(void **state)
{
    (void)state;
    const char *text = "第一章 党建\n第二章 黨建工作\n附：會議紀要\n";
    /* classes, with the literal characters inside folded */
    assert_string_equal(rsearch(text, "[党]建"), "4+2:党建 11+2:黨建");
    assert_string_equal(rsearch(text, "第[一二]章"), "0+3:第一章 7+3:第二章");
    /* anchors are per line */
    assert_string_equal(rsearch(text, "^第.章"), "0+3:第一章 7+3:第二章");
    assert_string_equal(rsearch(text, "建$"), "5+1:建");
    assert_string_equal(rsearch(text, "^附"), "16+1:附");
    /* alternation with Chinese, across scripts */
    assert_string_equal(rsearch(text, "会议|党建"), "4+2:党建 11+2:黨建 18+2:會議");
    assert_string_equal(rsearch(text, "黨建(工作)?"), "4+2:党建 11+4:黨建工作");
    /* escapes are syntax, never folded; \x{...} is a literal, folded */
    assert_string_equal(rsearch(text, "\\x{9EE8}建"), "4+2:党建 11+2:黨建");
    assert_string_equal(rsearch("版本２０２６和2026", "\\d+"), "2+4:２０２６ 7+4:2026");
    /* full-width punctuation folds to ASCII and is then escaped: （一） is a
     * literal, not a group */
    assert_string_equal(rsearch("(一) （一） 一", "（一）"), "0+3:(一) 4+3:（一）");
    assert_string_equal(rsearch("a.b a，b", "a，b"), "4+3:a，b");
    /* a range written in full-width letters folds to ASCII */
    assert_string_equal(rsearch("ABC ＡＢＣ abc", "[Ａ-Ｚ]+"), "0+3:ABC 4+3:ＡＢＣ");
    /* quoting, groups, intervals and flags keep their meaning */
    assert_string_equal(rsearch("a+b a＋b", "\\Qa+b\\E"), "0+3:a+b 4+3:a＋b");
    assert_string_equal(rsearch("建建建", "(?:建){2}"), "0+2:建建");
    assert_string_equal(rsearch("建建建建建建建建建建建", "建{10}"), "0+10:建建建建建建建建建建"); /* 0 is a digit */
    assert_string_equal(rsearch("建建建建", "建{0,2}"), "0+2:建建 2+2:建建");
    assert_string_equal(rsearch("建建", "(?<x>建)\\k<x>"), "0+2:建建");
    /* empty matches are not hits */
    assert_string_equal(rsearch("党建", "x*"), "");
}

/* Each kind of mistake ICU reports is said in words (regex_problem), not
 * as ICU's error name. */
static void test_regex_problems_said(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"\\x{110000}", "bad escape sequence"},
        {"[z-a]", "range out of order in [ ]"},
        {"(?i-q)", "unknown (?flag)"},
        {"(?<=a*)b", "look-behind without a bounded length"},
        {"a{99999999999}", "number too big"},
        {"(a)\\2", "reference to a group that does not exist"},
        {"(?<a-b>x)", "bad group name"},
        {NULL, NULL},
    };
    for (size_t i = 0; cases[i][0]; i++) {
        yd_query *q;
        yd_error err = {0};
        yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1};
        if (yd_query_compile_utf8(&q, fold, cases[i][0], &o, &err) != YD_EINVAL) {
            yd_query_free(q);
            fail_msg("%s: compiled", cases[i][0]);
        }
        char want[128];
        snprintf(want, sizeof want, "bad regular expression: %s", cases[i][1]);
        if (strncmp(err.message, want, strlen(want)) != 0)
            fail_msg("%s: \"%s\", want \"%s...\"", cases[i][0], err.message, want);
    }
}

/* Escapes, classes and groups are copied whole when the pattern's literal
 * text is folded: a hex digit or a class name is not a letter to fold. */
static void test_regex_escapes_kept(void **state)
{
    (void)state;
    const char *text = "ABC 中文 ab1 (x)";
    assert_string_equal(search_with(text, "\\x41", REGEX, YD_FOLD_DEFAULT), "0+1:A");
    assert_string_equal(search_with(text, "\\x{4E2D}", REGEX, YD_FOLD_DEFAULT), "4+1:中");
    assert_string_equal(search_with(text, "\\u6587", REGEX, YD_FOLD_DEFAULT), "5+1:文");
    assert_string_equal(search_with(text, "\\U00004E2D", REGEX, YD_FOLD_DEFAULT), "4+1:中");
    assert_string_equal(search_with(text, "[[:digit:]]", REGEX, YD_FOLD_DEFAULT), "9+1:1");
    assert_string_equal(search_with(text, "(?<=中)文", REGEX, YD_FOLD_DEFAULT), "5+1:文");
    assert_string_equal(search_with(text, "(?<!中)文|(?<w>b)1", REGEX, YD_FOLD_DEFAULT), "8+2:b1");
    assert_string_equal(search_with(text, "\\N{CJK UNIFIED IDEOGRAPH-4E2D}", REGEX, YD_FOLD_DEFAULT), "4+1:中");
    assert_string_equal(search_with(text, "\\(x\\)", REGEX, YD_FOLD_DEFAULT), "11+3:(x)");
}

static void test_bad_regex(void **state)
{
    (void)state;
    static const char *const bad[] = {"(党建", "[党建", "党建)", "*党", "a{2,1}", "\\p{Nonsense}", NULL};
    for (size_t i = 0; bad[i]; i++) {
        yd_query *q = (yd_query *)1;
        yd_error err = {0};
        yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1};
        assert_int_equal(yd_query_compile_utf8(&q, fold, bad[i], &o, &err), YD_EINVAL);
        assert_null(q);
        if (strncmp(err.message, "bad regular expression: ", 24) != 0)
            fail_msg("%s: %s", bad[i], err.message);
    }
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "党建(工作", &o, &err), YD_EINVAL);
    assert_string_equal(err.message, "bad regular expression: unbalanced parenthesis at character 6");
    assert_int_equal(yd_query_compile_utf8(&q, fold, "", &o, &err), YD_EINVAL);
    assert_string_equal(err.message, "empty pattern");
    o.regex = 0; /* literal: regex syntax is just text */
    assert_int_equal(yd_query_compile_utf8(&q, fold, "(党建", &o, &err), YD_OK);
    yd_query_free(q);
    assert_string_equal(search("（党建）", "(党建"), "0+3:（党建");
}

/* Catastrophic backtracking gives up with a message, not a hang; a clone
 * too (--search runs clones on worker threads). */
static void expect_gives_up(int through_clone)
{
    char text[200];
    memset(text, 'a', 60);
    text[60] = 0;
    yd_document d;
    load(&d, text);
    yd_query *q, *c = NULL;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1, .time_limit = 50};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "(a|aa)*c", &o, &err), YD_OK);
    if (through_clone)
        assert_int_equal(yd_query_clone(&c, q, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(c ? c : q, &d, &shadow, &hits, &err), YD_EINVAL);
    assert_string_equal(err.message, "regular expression too slow on this text: gave up");
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(c);
    yd_query_free(q);
    yd_document_free(&d);
}

static void test_regex_time_limit(void **state)
{
    (void)state;
    expect_gives_up(0);
}

static void test_regex_time_limit_in_clone(void **state)
{
    (void)state;
    expect_gives_up(1);
}

/* yd_query_set_cancel: the search stops when asked, with the hits found
 * so far, and runs to the end when not. */
static int cancel_calls, cancel_after;

static int cancel_when_told(void *context)
{
    assert_ptr_equal(context, &cancel_calls);
    return ++cancel_calls > cancel_after;
}

static void cancel_literal(int with_shadow)
{
    size_t n = 10000;
    char *text = malloc(n * 3 + 1);
    assert_non_null(text);
    for (size_t k = 0; k < n; k++)
        memcpy(text + 3 * k, "ab ", 3);
    text[3 * n] = 0;
    yd_document d;
    load(&d, text);
    free(text);
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "ab", &o, &err), YD_OK);
    assert_int_equal(yd_query_set_cancel(q, cancel_when_told, &cancel_calls, &err), YD_OK);
    yd_shadow shadow = {0};
    if (with_shadow)
        assert_non_null(yd_shadow_get(&shadow, fold, &d, yd_query_folds(q), &err));
    yd_hits hits = {0};
    cancel_calls = 0, cancel_after = 0; /* stop at the first question */
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_ECANCELED);
    assert_string_equal(err.message, "search cancelled");
    assert_int_equal(cancel_calls, 1);
    assert_true(hits.count > 0 && hits.count < n);
    cancel_calls = 0, cancel_after = 1000; /* never stop */
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
    assert_int_equal(hits.count, n);
    assert_true(cancel_calls >= 2); /* asked as it went, not once at the end */
    assert_int_equal(yd_query_set_cancel(q, NULL, NULL, &err), YD_OK);
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(q);
    yd_document_free(&d);
}

static void test_cancel_literal(void **state)
{
    (void)state;
    cancel_literal(0);
    cancel_literal(1);
}

/* A regular expression that backtracks for long (it would give up only
 * after its 60 s time limit) and one that tries a great many start
 * positions both stop when asked. */
static void cancel_regex(const char *text, const char *pattern)
{
    yd_document d;
    load(&d, text);
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1, .time_limit = 60000};
    assert_int_equal(yd_query_compile_utf8(&q, fold, pattern, &o, &err), YD_OK);
    assert_int_equal(yd_query_set_cancel(q, cancel_when_told, &cancel_calls, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    cancel_calls = 0, cancel_after = 2;
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_ECANCELED);
    assert_string_equal(err.message, "search cancelled");
    assert_int_equal(cancel_calls, 3);
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(q);
    yd_document_free(&d);
}

static void test_cancel_regex(void **state)
{
    (void)state;
    char text[100];
    memset(text, 'a', 90);
    text[90] = 0;
    cancel_regex(text, "(a|aa)*c");
    size_t n = 1000000;
    char *many = malloc(n + 1);
    assert_non_null(many);
    memset(many, 'a', n);
    many[n] = 0;
    cancel_regex(many, ".{3}c");
    free(many);
}

static void test_hit_across_lines(void **state)
{
    (void)state;
    const char *text = "一行末尾的党建\n工作跨到下一行。\n";
    assert_string_equal(rsearch(text, "党建\\s*工作"), "5+5:党建\n工作");
    assert_string_equal(search(text, "黨建\n工作"), "5+5:党建\n工作");
    yd_document d;
    load(&d, text);
    int32_t line, column;
    yd_text_position(&d, 5, &line, &column);
    assert_int_equal(line, 1);
    assert_int_equal(column, 6);
    yd_text_position(&d, 8, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 1);
    yd_document_free(&d);
}

static void test_next_and_previous(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "党建 黨建 党建 黨建");
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "党建", &o, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
    assert_int_equal(hits.count, 4); /* at 0 3 6 9 */
    assert_int_equal(yd_hits_next(&hits, 0), 0);
    assert_int_equal(yd_hits_next(&hits, 1), 1);
    assert_int_equal(yd_hits_next(&hits, 9), 3);
    assert_int_equal(yd_hits_next(&hits, 10), -1);
    assert_int_equal(yd_hits_prev(&hits, 0), -1);
    assert_int_equal(yd_hits_prev(&hits, 3), 0);
    assert_int_equal(yd_hits_prev(&hits, 4), 1);
    assert_int_equal(yd_hits_prev(&hits, 100), 3);

    yd_hit hit;
    int found;
    assert_int_equal(yd_search_from(q, &d, &shadow, 4, &hit, &found, &err), YD_OK);
    assert_true(found);
    assert_int_equal(hit.offset, 6);
    assert_int_equal(yd_search_from(q, &d, &shadow, 10, &hit, &found, &err), YD_OK);
    assert_false(found);
    yd_query_free(q);

    o.regex = 1;
    assert_int_equal(yd_query_compile_utf8(&q, fold, "黨建", &o, &err), YD_OK);
    assert_int_equal(yd_search_from(q, &d, &shadow, 1, &hit, &found, &err), YD_OK);
    assert_true(found);
    assert_int_equal(hit.offset, 3);
    assert_int_equal(hit.length, 2);
    /* a clone searches on its own */
    yd_query *c;
    assert_int_equal(yd_query_clone(&c, q, &err), YD_OK);
    assert_int_equal(yd_search_document(c, &d, &shadow, &hits, &err), YD_OK);
    assert_int_equal(hits.count, 4);
    yd_query_free(c);
    yd_query_free(q);
    yd_hits_free(&hits);
    yd_shadow_trim(&shadow, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    assert_non_null(shadow.folded[YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT]);
    yd_shadow_free(&shadow);
    assert_null(shadow.folded[YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT]);
    yd_document_free(&d);
}

/* The SIMD scans (with and without a shadow) against a plain reference on
 * random texts over a small alphabet of variants, at every length around
 * the 8- and 16-unit block edges. */
static void test_literal_matches_reference(void **state)
{
    (void)state;
    static const char *const alphabet[] = {"党", "黨", "建", "a", "A", "Ａ", "ａ", "，", ",", "\n", "𠀀", "b"};
    const size_t letters = sizeof alphabet / sizeof alphabet[0];
    const UChar *table = yd_fold_table(fold, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    srand(6);
    for (int round = 0; round < 400; round++) {
        char text[1024] = "", pattern[64] = "";
        int n = rand() % 48, m = 1 + rand() % 4;
        for (int k = 0; k < n; k++)
            strcat(text, alphabet[rand() % letters]);
        for (int k = 0; k < m; k++)
            strcat(pattern, alphabet[rand() % (letters - 1)]); /* b never matches: keeps misses */
        yd_document d;
        load(&d, text);
        UChar up[64], folded_text[1024], fp[64];
        int32_t pn = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8(up, 64, &pn, pattern, -1, &st);
        yd_fold_apply(table, up, fp, pn);
        yd_fold_apply(table, d.text, folded_text, d.length);
        /* reference: naive, non-overlapping */
        int32_t want[1024], wn = 0;
        for (int32_t i = 0; i + pn <= d.length;) {
            if (memcmp(folded_text + i, fp, (size_t)pn * sizeof *fp) == 0) {
                want[wn++] = i;
                i += pn;
            } else {
                i++;
            }
        }
        yd_query *q;
        yd_error err = {0};
        yd_query_options o = {.folds = YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT};
        assert_int_equal(yd_query_compile_utf8(&q, fold, pattern, &o, &err), YD_OK);
        yd_shadow shadow = {0};
        for (int pass = 0; pass < 2; pass++) { /* without, then with a shadow */
            yd_hits hits = {0};
            assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
            if ((int32_t)hits.count != wn)
                fail_msg("'%s' in '%s' (pass %d): %zu hits, want %d", pattern, text, pass, hits.count, (int)wn);
            for (int32_t k = 0; k < wn; k++)
                assert_int_equal(hits.items[k].offset, want[k]);
            yd_hits_free(&hits);
            assert_non_null(yd_shadow_get(&shadow, fold, &d, yd_query_folds(q), &err));
        }
        yd_shadow_free(&shadow);
        yd_query_free(q);
        yd_document_free(&d);
    }
}

static void test_step_across_documents(void **state)
{
    (void)state;
    yd_hit h0[] = {{5, 2}, {10, 2}}, h2[] = {{3, 2}};
    yd_hits docs[3] = {{h0, 2, 2}, {NULL, 0, 0}, {h2, 1, 1}};
    size_t doc = 0, index = 99, total, documents;
    int wrapped;
    assert_int_equal(yd_hits_step(docs, 3, 1, &doc, 5, &index, &wrapped), 1); /* n on the first hit */
    assert_int_equal(doc, 0);
    assert_int_equal(index, 1);
    assert_false(wrapped);
    assert_int_equal(yd_hits_step(docs, 3, 1, &doc, 10, &index, &wrapped), 1); /* skips doc 1 */
    assert_int_equal(doc, 2);
    assert_int_equal(index, 0);
    assert_false(wrapped);
    assert_int_equal(yd_hits_rank(docs, 3, doc, index, &total, &documents), 3);
    assert_int_equal(total, 3);
    assert_int_equal(documents, 2);
    assert_int_equal(yd_hits_step(docs, 3, 1, &doc, 3, &index, &wrapped), 1); /* wraps */
    assert_int_equal(doc, 0);
    assert_int_equal(index, 0);
    assert_true(wrapped);
    assert_int_equal(yd_hits_rank(docs, 3, doc, index, NULL, NULL), 1);
    assert_int_equal(yd_hits_step(docs, 3, 0, &doc, 5, &index, &wrapped), 1); /* N wraps back */
    assert_int_equal(doc, 2);
    assert_int_equal(index, 0);
    assert_true(wrapped);
    assert_int_equal(yd_hits_step(docs, 3, 0, &doc, 3, &index, &wrapped), 1);
    assert_int_equal(doc, 0);
    assert_int_equal(index, 1);
    assert_false(wrapped);
    doc = 0; /* from a reading position, including a hit right there */
    assert_int_equal(yd_hits_step(docs, 3, 1, &doc, 5 - 1, &index, &wrapped), 1);
    assert_int_equal(index, 0);
    doc = 1; /* from a document without hits */
    assert_int_equal(yd_hits_step(docs, 3, 0, &doc, 0, &index, &wrapped), 1);
    assert_int_equal(doc, 0);
    assert_int_equal(index, 1);
    /* one hit in one document: n comes back to it, wrapped */
    doc = 0;
    assert_int_equal(yd_hits_step(&docs[2], 1, 1, &doc, 3, &index, &wrapped), 1);
    assert_int_equal(index, 0);
    assert_true(wrapped);
    /* nothing anywhere */
    yd_hits none[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
    assert_int_equal(yd_hits_step(none, 2, 1, &doc, 0, &index, &wrapped), 0);
    assert_int_equal(yd_hits_step(none, 0, 1, &doc, 0, &index, &wrapped), 0);
}

static void test_shadow(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "黨建，ＡＢ\n裡");
    yd_shadow shadow = {0};
    yd_error err = {0};
    const UChar *s = yd_shadow_get(&shadow, fold, &d, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT, &err);
    assert_non_null(s);
    char *got = utf8_of(s, d.length);
    assert_string_equal(got, "党建,ab\n里");
    free(got);
    assert_int_equal(s[d.length], 0);
    /* cached */
    assert_ptr_equal(yd_shadow_get(&shadow, fold, &d, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT, &err), s);
    yd_shadow_free(&shadow);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_fold),     cmocka_unit_test(test_width_and_case_fold),
        cmocka_unit_test(test_smart_case),      cmocka_unit_test(test_each_fold_off),
        cmocka_unit_test(test_offsets_in_original), cmocka_unit_test(test_regex),
        cmocka_unit_test(test_bad_regex), cmocka_unit_test(test_regex_problems_said),
        cmocka_unit_test(test_regex_escapes_kept),       cmocka_unit_test(test_regex_time_limit),
        cmocka_unit_test(test_regex_time_limit_in_clone),
        cmocka_unit_test(test_cancel_literal), cmocka_unit_test(test_cancel_regex),
        cmocka_unit_test(test_hit_across_lines),
        cmocka_unit_test(test_next_and_previous), cmocka_unit_test(test_shadow),
        cmocka_unit_test(test_literal_matches_reference), cmocka_unit_test(test_step_across_documents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
