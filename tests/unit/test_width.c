/* Cell widths, the rendering policy and display sanitising. */
#include <locale.h>
#include <wchar.h>
#include <unicode/uchar.h>

#include "test_util.h"
#include "yuedu/width.h"

static yd_width_table *tables[3]; /* by ambiwidth */

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    if (yd_width_table_new(1, &tables[1], &err) != YD_OK || yd_width_table_new(2, &tables[2], &err) != YD_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    yd_width_table_free(tables[1]);
    yd_width_table_free(tables[2]);
    return 0;
}

static UChar *u16(const char *utf8, int32_t *length)
{
    static UChar buf[1024];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(buf, 1024, length, utf8, -1, &st);
    assert_false(U_FAILURE(st));
    return buf;
}

static int width_of(int ambiwidth, const char *utf8)
{
    int32_t n;
    UChar *s = u16(utf8, &n);
    return yd_width_of_text(tables[ambiwidth], s, n);
}

typedef struct width_case {
    const char *text;
    int w1, w2; /* ambiwidth 1, 2 */
} width_case;

static void test_width_table(void **state)
{
    (void)state;
    static const width_case cases[] = {
        {"中文", 4, 4},
        {"“”‘’", 4, 8},
        {"……", 2, 4},
        {"——", 2, 4},
        {"abc", 3, 3},
        {"ＡＢ", 4, 4},               /* full-width forms */
        {"ｱｲ", 2, 2},                 /* half-width katakana */
        {"😀", 2, 2},
        {"👨\u200D👩\u200D👧", 6, 6}, /* ZWJ sequence: its three parts */
        {"🇨🇳", 2, 2},                /* flag: "CN" */
        {"e\u0301", 1, 1},            /* combining acute */
        {"\u0301", 1, 1},             /* a mark alone sits on a space */
        {"\t", 4, 4},
        {"ab\t", 4, 4},
        {"abcd\t", 8, 8},
        {"\x1B", 2, 2},               /* ^[ */
        {"\x7F", 2, 2},               /* ^? */
        {"\xC2\x85", 4, 4},             /* <85> */
        {"\u202E", 6, 6},             /* bidi override: <202E> */
        {"\u200F", 6, 6},             /* right-to-left mark: <200F> */
        {"\u200B", 0, 0},             /* zero-width space: dropped */
        {"\u00AD", 0, 0},             /* soft hyphen: dropped */
        {"\u2028", 0, 0},             /* line separator: breaks, no cells */
        {"❤\uFE0F", 1, 1},            /* text-presentation base: VS16 dropped */
        {"👍🏽", 2, 2},               /* skin tone dropped */
        {"\u3000", 2, 2},             /* ideographic space */
        {"\uFFFD", 1, 2},             /* replacement character is ambiguous */
        {"\U00031350", 2, 2},         /* CJK Ext H: glibc cannot size it: 〓 */
        {"\U0001FAE8", 2, 2},         /* an emoji newer than glibc's data: 〓 */
        {"\U000E0041", 0, 0},         /* tag character */
        {"한국", 4, 4},
        {"\u1100\u1161\u11A8", 2, 2}, /* conjoining jamo: one syllable */
        {"·", 1, 2},
        {"○□§", 3, 6},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int a = width_of(1, cases[k].text), b = width_of(2, cases[k].text);
        if (a != cases[k].w1 || b != cases[k].w2)
            fail_msg("case %zu \"%s\": width %d/%d, want %d/%d", k, cases[k].text, a, b, cases[k].w1, cases[k].w2);
    }
}

/* The cells of one cluster, as a UTF-8 string of their characters. */
static char *cells_text(int ambiwidth, const char *utf8, int *count, int *width, int *flags)
{
    int32_t n;
    UChar *s = u16(utf8, &n);
    yd_cell cells[YD_CLUSTER_MAX_CELLS];
    *count = yd_cluster_cells(tables[ambiwidth], s, 0, n, 0, cells, width);
    static char out[256];
    size_t len = 0;
    *flags = 0;
    for (int k = 0; k < *count; k++) {
        *flags |= cells[k].flags;
        assert_true(cells[k].width == 1 || cells[k].width == 2);
        assert_int_equal(cells[k].start, 0);
        assert_int_equal(cells[k].length, n);
        for (int i = 0; i < YD_CELL_CHARS && cells[k].ch[i]; i++)
            len += wcrtomb(out + len, cells[k].ch[i], NULL);
        out[len++] = '|';
    }
    out[len] = 0;
    return out;
}

static void test_cells(void **state)
{
    (void)state;
    int count, width, flags;
    assert_string_equal(cells_text(1, "\x1B", &count, &width, &flags), "^|[|");
    assert_int_equal(flags, YD_CELL_PLACEHOLDER);
    assert_string_equal(cells_text(1, "\xC2\x9B", &count, &width, &flags), "<|9|B|>|");
    assert_string_equal(cells_text(1, "\x01", &count, &width, &flags), "^|A|");
    assert_string_equal(cells_text(1, "\u2067", &count, &width, &flags), "<|2|0|6|7|>|");
    assert_string_equal(cells_text(1, "🇨🇳", &count, &width, &flags), "C|N|");
    assert_string_equal(cells_text(1, "👨\u200D👩\u200D👧", &count, &width, &flags), "👨|👩|👧|");
    assert_int_equal(flags, 0);
    assert_string_equal(cells_text(1, "e\u0301", &count, &width, &flags), "e\u0301|");
    assert_int_equal(count, 1);
    assert_string_equal(cells_text(1, "\u0301", &count, &width, &flags), " \u0301|");
    assert_string_equal(cells_text(1, "👍🏽", &count, &width, &flags), "👍|");
    assert_string_equal(cells_text(1, "❤\uFE0F", &count, &width, &flags), "❤|");
    assert_string_equal(cells_text(1, "\U00031350", &count, &width, &flags), "〓|");
    assert_int_equal(flags, YD_CELL_PLACEHOLDER);
    assert_string_equal(cells_text(1, "\t", &count, &width, &flags), " | | | |");
    assert_int_equal(flags, YD_CELL_BLANK);
    /* zalgo: a base keeps at most four marks, so a cell fits in a cchar_t */
    cells_text(1, "a\u0300\u0301\u0302\u0303\u0304\u0305\u0306", &count, &width, &flags);
    assert_int_equal(count, 1);
    assert_int_equal(width, 1);
}

/* The policy itself: every code point the layout sends has, in glibc, the
 * width the layout gives it (or is ambiguous under ambiwidth 2, where the
 * wcwidth override makes curses agree); everything else is replaced. */
static void test_policy_matches_glibc(void **state)
{
    (void)state;
    if (yd_width_glibc(0x4E2D) != 2)
        skip_missing("the C.UTF-8 locale: nothing to compare with");
    long drawn = 0;
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        if (U_IS_SURROGATE(c))
            continue;
        for (int a = 1; a <= 2; a++) {
            yd_width_info in = yd_width_info_of(tables[a], c);
            if (in.kind != YD_CHAR_DRAW)
                continue;
            drawn++;
            int g = yd_width_glibc(c);
            int want = in.width;
            if (a == 2 && want == 2 && g == 1 && u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS)
                continue;
            if (g != want)
                fail_msg("U+%04X drawn with width %d but glibc says %d (ambiwidth %d)", (unsigned)c, want, g, a);
            assert_true(c >= 0x20 && !(c >= 0x7F && c < 0xA0));
        }
    }
    assert_true(drawn > 200000);
}

static void test_classes(void **state)
{
    (void)state;
    const yd_width_table *t = tables[1];
    const char *closing = "，。、；：？！”’）》」』】…·";
    const char *opening = "“‘（《「『【";
    int32_t n;
    UChar *s = u16(closing, &n);
    for (int32_t i = 0; i < n; i++)
        assert_true(yd_width_info_of(t, s[i]).lb & YD_LB_NO_START);
    s = u16(opening, &n);
    for (int32_t i = 0; i < n; i++)
        assert_true(yd_width_info_of(t, s[i]).lb & YD_LB_NO_END);
    assert_true(yd_width_info_of(t, 0x2026).lb & YD_LB_INSEPARABLE);
    assert_true(yd_width_info_of(t, 0x2014).lb & YD_LB_INSEPARABLE);
    assert_false(yd_width_info_of(t, 0x4E2D).lb & (YD_LB_NO_START | YD_LB_NO_END));
    assert_true(yd_width_info_of(t, 0x4E2D).lb & YD_LB_CJK);
    assert_int_equal(yd_width_terminal(t, 0x1B), -1);
    assert_int_equal(yd_width_terminal(t, 0x4E2D), 2);
    assert_int_equal(yd_width_terminal(tables[2], 0x201C), 2);
    assert_int_equal(yd_width_terminal(t, 0x201C), 1);
    assert_int_equal(yd_width_terminal(t, 0x202E), -1);
    assert_int_equal(yd_width_info_of(t, 0x110000).kind, YD_CHAR_PLACEHOLDER);
    /* Fullwidth forms break like Han (East Asian Width F, not only W). */
    assert_true(yd_width_info_of(t, 0xFF21).lb & YD_LB_CJK); /* Ａ */
    /* Placeholders: a C1 control as <85> (4 cells), every bidi control to
     * U+2069 as <2069> (6). */
    assert_int_equal(yd_width_info_of(t, 0x85).kind, YD_CHAR_CONTROL);
    assert_int_equal(yd_width_info_of(t, 0x85).width, 4);
    assert_int_equal(yd_width_info_of(t, 0x2069).kind, YD_CHAR_CONTROL);
    assert_int_equal(yd_width_info_of(t, 0x2069).width, 6);
}

static void test_bad_ambiwidth(void **state)
{
    (void)state;
    yd_width_table *t;
    yd_error err = {0};
    assert_int_equal(yd_width_table_new(3, &t, &err), YD_EINVAL);
    assert_null(t);
}

/* Every code point against ICU's own data, at both ambiwidths: a drawn
 * character is as wide as East Asian Width and the general category say
 * (W, F and emoji presentation 2; A the ambiwidth; Mn, Me and the vowel and
 * trailing jamo 0; the rest 1), and so is the placeholder of one the
 * terminal cannot size (dropped when 0 cells). The documented exceptions
 * (include/yuedu/width.h, docs/LAYOUT.md) come first: Tab, C0, DEL and C1
 * as ^X and <XX>, bidi controls as <XXXX>, the line and paragraph
 * separators, regional indicators as a letter, default ignorables dropped.
 * The rule is written here from the documentation, not from width.c. */
static int icu_width(UChar32 c, int ambiwidth)
{
    int gc = u_charType(c);
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
        return 0;
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH || u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
        return 2;
    return ea == U_EA_AMBIGUOUS ? ambiwidth : 1;
}

static int is_bidi_control(UChar32 c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static void test_widths_match_icu(void **state)
{
    (void)state;
    long counted[2] = {0, 0}; /* drawn, placeholders */
    for (int a = 1; a <= 2; a++)
        for (UChar32 c = 0; c <= 0x10FFFF; c++) {
            yd_width_info in = yd_width_info_of(tables[a], c);
            int kind, width;
            if (c == '\t')
                kind = YD_CHAR_TAB, width = 4;
            else if (c < 0x20 || c == 0x7F)
                kind = YD_CHAR_CONTROL, width = 2;
            else if (c >= 0x80 && c < 0xA0)
                kind = YD_CHAR_CONTROL, width = 4;
            else if (is_bidi_control(c))
                kind = YD_CHAR_CONTROL, width = 6;
            else if (c == 0x2028 || c == 0x2029)
                kind = YD_CHAR_BREAK, width = 0;
            else if (c >= 0x1F1E6 && c <= 0x1F1FF)
                kind = YD_CHAR_REGIONAL, width = 1;
            else if (U_IS_SURROGATE(c))
                kind = YD_CHAR_PLACEHOLDER, width = 1;
            else if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
                kind = YD_CHAR_DROP, width = 0;
            else {
                width = icu_width(c, a);
                /* Drawn or not is glibc's say (test_policy_matches_glibc);
                 * the width is ICU's either way. */
                kind = in.kind == YD_CHAR_DRAW ? YD_CHAR_DRAW : width == 0 ? YD_CHAR_DROP : YD_CHAR_PLACEHOLDER;
                counted[in.kind != YD_CHAR_DRAW]++;
                if (in.kind == YD_CHAR_DRAW && u_charType(c) == U_UNASSIGNED)
                    fail_msg("U+%04X is unassigned but drawn (ambiwidth %d)", (unsigned)c, a);
            }
            if (in.kind != kind || in.width != width)
                fail_msg("U+%04X (ambiwidth %d): kind %d width %d; ICU and the exceptions say kind %d width %d",
                         (unsigned)c, a, in.kind, in.width, kind, width);
        }
    printf("# %ld drawn, %ld not (both ambiwidths)\n", counted[0], counted[1]);
    assert_true(counted[0] > 200000); /* most assigned characters are drawn */
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_table),       cmocka_unit_test(test_cells),
        cmocka_unit_test(test_policy_matches_glibc), cmocka_unit_test(test_classes),
        cmocka_unit_test(test_bad_ambiwidth),     cmocka_unit_test(test_widths_match_icu),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
