/* Recognising numbering styles and title-like lines, one line at a time.
 *
 * Everything here looks at a single line and at most a few code units past
 * its start or before its end, apart from one scan for sentence punctuation,
 * so classifying a document is linear in its length. No allocation. */
#include "heading_style.h"

#include "yuedu/numeral.h"

#include <stddef.h>
#include <uchar.h>

/* Limits in code points. A plain line longer than PLAIN_MAX reads as prose;
 * a numbered line up to WHOLE_MAX without an inner sentence end is all
 * title; titles are cut at TITLE_CAP (ITEM_CAP for items). */
enum { PLAIN_MAX = 30, ARTICLE_MAX = 50, WHOLE_MAX = 40, TITLE_CAP = 60, ITEM_CAP = 40 };

int yd_outline_is_space(UChar c)
{
    return c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x3000 || c == 0xA0 || c == 0xFEFF ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

/* A Chinese numeral usable in numbering (两 never numbers headings). */
static int is_cn_digit(UChar c)
{
    switch (c) {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
    case 0x4E00: /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E09: /* 三 */
    case 0x56DB: /* 四 */
    case 0x4E94: /* 五 */
    case 0x516D: /* 六 */
    case 0x4E03: /* 七 */
    case 0x516B: /* 八 */
    case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */
    case 0x767E: /* 百 */
    case 0x5343: /* 千 */
    case 0x5EFF: /* 廿 */
    case 0x5345: /* 卅 */
    case 0x58F9: /* 壹 */
    case 0x8D30: /* 贰 */
    case 0x8CB3: /* 貳 */
    case 0x53C1: /* 叁 */
    case 0x53C3: /* 參 */
    case 0x8086: /* 肆 */
    case 0x4F0D: /* 伍 */
    case 0x9646: /* 陆 */
    case 0x9678: /* 陸 */
    case 0x67D2: /* 柒 */
    case 0x634C: /* 捌 */
    case 0x7396: /* 玖 */
    case 0x62FE: /* 拾 */
    case 0x4F70: /* 佰 */
        return 1;
    default:
        return 0;
    }
}

static int is_ar_digit(UChar c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

static int is_han(UChar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           U16_IS_SURROGATE(c);
}

/* Characters that sit among Chinese text: Han, CJK and full-width
 * punctuation, curly quotes. A single space between two of them is a gap. */
static int is_cjk_wide(UChar c)
{
    return is_han(c) || (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) || c == 0x201C ||
           c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x2026;
}

static int is_letter(UChar c) { return is_han(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F); }

/* Closing quotes and brackets, looked through when judging how a line ends. */
static int is_closer(UChar c)
{
    return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' || c == 0x3011 ||
           c == 0x300B || c == 0x3009 || c == '"' || c == '\'' || c == 0xFF02;
}

/* Ends a sentence inside a line: 。！？ and their ASCII forms. */
static int is_sentence_end(const UChar *t, int32_t i, int32_t end)
{
    UChar c = t[i];
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61)
        return 1;
    if (c == '!' || c == '?')
        return 1;
    /* An ASCII or full-width period ends a sentence when it follows no digit
     * and is followed by a space or the end of the line (not 1.5, yuedu.txt). */
    if ((c == '.' || c == 0xFF0E) && (i == 0 || !is_ar_digit(t[i - 1])))
        return i + 1 >= end || yd_outline_is_space(t[i + 1]) || c == 0xFF0E;
    return 0;
}

static int is_semicolon(UChar c) { return c == 0xFF1B || c == ';'; }
static int is_colon(UChar c) { return c == 0xFF1A || c == ':'; }
static int is_comma(UChar c) { return c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF64; }

/* Does a line ending in c end a sentence or clause (so that the next line
 * starts afresh)? */
static int is_terminal(UChar c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == '.' || c == 0xFF0E ||
           is_semicolon(c) || is_colon(c) || c == 0x2026 || is_closer(c);
}

/* Code points in [start, end). */
static int32_t count_cp(const UChar *t, int32_t start, int32_t end)
{
    int32_t n = 0;
    for (int32_t i = start; i < end; i++)
        n += !U16_IS_TRAIL(t[i]);
    return n;
}

/* Position after `cap` code points from start, or end. */
static int32_t advance_cp(const UChar *t, int32_t start, int32_t end, int32_t cap)
{
    int32_t i = start;
    while (i < end && cap > 0) {
        i++;
        if (i < end && U16_IS_TRAIL(t[i]) && U16_IS_LEAD(t[i - 1]))
            i++;
        cap--;
    }
    return i;
}

static int32_t skip_space(const UChar *t, int32_t i, int32_t end)
{
    while (i < end && yd_outline_is_space(t[i]))
        i++;
    return i;
}

/* A run of up to max Chinese numerals starting at i; returns its end (i
 * when there is none). */
static int32_t scan_cn(const UChar *t, int32_t i, int32_t end, int max)
{
    int32_t j = i;
    while (j < end && j - i < max && is_cn_digit(t[j]))
        j++;
    return j;
}

static int32_t scan_ar(const UChar *t, int32_t i, int32_t end, int max)
{
    int32_t j = i;
    while (j < end && j - i < max && is_ar_digit(t[j]))
        j++;
    if (j < end && is_ar_digit(t[j]))
        return i; /* too many digits: a year or an amount, not a number */
    return j;
}

/* Words that, right after 第一章 with no separator, show the line talks
 * about a chapter instead of being one (第三章的内容, 第二节课). */
static int is_prose_after_marker(UChar c)
{
    static const UChar words[] = {0x7684, 0x91CC, 0x88E1, 0x4E2D, 0x8BF4, 0x8AAA, 0x662F, 0x548C, 0x4E0E, 0x8207,
                                  0x4E5F, 0x90FD, 0x5C31, 0x8FD8, 0x9084, 0x53C8, 0x5728, 0x4EE5, 0x540E, 0x5F8C,
                                  0x672B, 0x524D, 0x8BFE, 0x8AB2, 0x5408, 0x6B21, 0x5C4A, 0x671F, 0x4E86, 0x8457,
                                  0x7740, 0x5DF2, 0x5C06, 0x5C07};
    /* 的 里 裡 中 说 說 是 和 与 與 也 都 就 还 還 又 在 以 后 後 末 前 课 課 合 次 届 期 了 著 着 已 将 將 */
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (words[k] == c)
            return 1;
    return 0;
}

/* Separators between a marker or number and its title. */
static int is_title_separator(UChar c)
{
    return yd_outline_is_space(c) || is_colon(c) || c == 0x3001 || c == '.' || c == 0xFF0E || c == 0x2014 ||
           c == '-' || c == 0x00B7 || c == 0x30FB || c == 0xFF0D;
}

/* Has [start, end) a sentence end or a semicolon anywhere? */
static int has_sentence_punct(const UChar *t, int32_t start, int32_t end)
{
    for (int32_t i = start; i < end; i++)
        if (is_sentence_end(t, i, end) || is_semicolon(t[i]))
            return 1;
    return 0;
}

/* Like has_sentence_punct, but a question or exclamation mark does not
 * count: chapter titles ask and exclaim (第九回 谁是凶手？). */
static int has_statement_end(const UChar *t, int32_t start, int32_t end)
{
    for (int32_t i = start; i < end; i++) {
        UChar c = t[i];
        if (c != '?' && c != '!' && c != 0xFF1F && c != 0xFF01 && (is_sentence_end(t, i, end) || is_semicolon(c)))
            return 1;
    }
    return 0;
}

/* The number after 第 (or Korean 제) at c, with the marks of an inserted
 * number (第 18-1 條, 第五章之一, 제4장의2) around its unit: returns the index
 * of the unit character, or -1 when there is no number. */
static int32_t numbered_unit(const UChar *t, int32_t c, int32_t q, int korean)
{
    int32_t v, sub;
    int32_t r = skip_space(t, c + 1, q);
    int32_t e = yd_numeral_parse(t, r, q, (korean ? YD_NUMERAL_ARABIC : YD_NUMERAL_ANY) | YD_NUMERAL_SPACES, &v);
    if (e == r)
        return -1;
    e = yd_numeral_insert(t, e, q, &sub);
    r = skip_space(t, e, q);
    return r < q ? r : -1;
}

/* Past the unit at u and the mark of an inserted division after it (之一, 의2). */
static int32_t past_unit(const UChar *t, int32_t u, int32_t q)
{
    int32_t sub;
    return yd_numeral_insert(t, u + 1, q, &sub);
}

/* A division 第N编 (分编 篇 部 部分 卷 章 节 款 目 回 讲) or Korean 제N편
 * (장 절): returns the index past the unit and sets *style, or -1. */
static int32_t division_unit(const UChar *t, int32_t c, int32_t q, int *style)
{
    int korean = t[c] == 0xC81C;
    int32_t r = numbered_unit(t, c, q, korean);
    if (r < 0)
        return -1;
    if (korean) {
        switch (t[r]) {
        case 0xD3B8: *style = YD_NUM_BIAN; break;  /* 편 */
        case 0xC7A5: *style = YD_NUM_ZHANG; break; /* 장 */
        case 0xC808: *style = YD_NUM_JIE; break;   /* 절 */
        default: return -1;
        }
        return past_unit(t, r, q);
    }
    switch (t[r]) {
    case 0x7BC7: *style = YD_NUM_PIAN; break;  /* 篇 */
    case 0x7F16:                                 /* 编 */
    case 0x7DE8: *style = YD_NUM_BIAN; break;  /* 編 */
    case 0x90E8: *style = YD_NUM_BU; break;    /* 部 (部分) */
    case 0x5377: *style = YD_NUM_JUAN; break;  /* 卷 */
    case 0x7AE0: *style = YD_NUM_ZHANG; break; /* 章 */
    case 0x8282:                                 /* 节 */
    case 0x7BC0: *style = YD_NUM_JIE; break;   /* 節 */
    case 0x6B3E: *style = YD_NUM_KUAN; break;  /* 款 */
    case 0x76EE: *style = YD_NUM_MU; break;    /* 目 */
    case 0x56DE: *style = YD_NUM_HUI; break;   /* 回 */
    case 0x8BB2:                                 /* 讲 */
    case 0x8B1B: *style = YD_NUM_JIANG; break; /* 講 */
    case 0x5206:                                 /* 分编 分編 */
        if (r + 1 < q && (t[r + 1] == 0x7F16 || t[r + 1] == 0x7DE8)) {
            *style = YD_NUM_FENBIAN;
            return past_unit(t, r + 1, q);
        }
        return -1;
    default: return -1;
    }
    if (*style == YD_NUM_BU && r + 1 < q && t[r + 1] == 0x5206 /* 分 */)
        return r + 2;
    return past_unit(t, r, q);
}

/* Characters that, right after 第十条, show that a sentence refers to the
 * article instead of being it: 第十条之规定, 第十条至第十五条, 第十条第二款,
 * 第十条的, 第十条中, 第十条、第十一条... */
static int continues_sentence(UChar c)
{
    static const char16_t words[] = u"之至规規的第中所和与與及或款项項以到列有也已在并並同等各前后後内內外上下但"
                                    u"修删刪增依按即就又亦均都被由对對";
    if (is_comma(c) || is_colon(c) || c == 0x3002)
        return 1;
    for (size_t k = 0; words[k]; k++)
        if (words[k] == c)
            return 1;
    return 0;
}

/* An article (a provision of a statute): 第N条, 第 N 條, 第 N-M 條,
 * 第N條之一, Korean 제N조, 제N조의2, starting the line and followed by a
 * blank, a bracket or nothing (第十條之規定… and 제8조제9호를… are
 * sentences). Returns the index past the article number, or -1. Older
 * texts run the article on (第一条为了…): *run_on is set for those when
 * the next character does not continue a sentence; the outline keeps them
 * only in a document that writes its articles that way. */
static int32_t match_provision(const UChar *t, int32_t c, int32_t q, int *run_on)
{
    if (t[c] != 0x7B2C && t[c] != 0xC81C)
        return -1;
    int korean = t[c] == 0xC81C;
    int32_t r = numbered_unit(t, c, q, korean);
    if (r < 0)
        return -1;
    if (korean ? t[r] != 0xC870 /* 조 */ : t[r] != 0x6761 /* 条 */ && t[r] != 0x689D /* 條 */)
        return -1;
    int32_t e = past_unit(t, r, q);
    *run_on = 0;
    if (e < q && !yd_outline_is_space(t[e]) && t[e] != 0xFF08 && t[e] != '(' && !is_colon(t[e])) {
        if (korean || continues_sentence(t[e]))
            return -1;
        *run_on = 1; /* 第一条为了…: the article's text right after its number */
    }
    return e;
}

/* Article markers: 第N篇 (编 部 部分 卷 章 节 回 讲), 篇N, 卷N, N: alone,
 * ...篇N at the end of a short title. Returns 1 and fills out, 0 when the
 * line is no marker, -1 when it mentions a chapter in a sentence. */
static int match_article(const UChar *t, int32_t c, int32_t q, int indented, yd_line_class *out)
{
    UChar f = t[c];
    if (f != 0x7B2C && f != 0xC81C && f != 0x7BC7 && f != 0x5377 && !is_cn_digit(f) && !is_cn_digit(t[q - 1]))
        return 0; /* the common case, decided without a scan */
    int32_t n = count_cp(t, c, q);
    if (n > ARTICLE_MAX || has_statement_end(t, c, q) || is_comma(t[q - 1]))
        return 0;
    int style = YD_NUM_NONE;
    int32_t w = -1; /* just past the marker */
    if (t[c] == 0x7B2C /* 第 */ || t[c] == 0xC81C /* 제 */) {
        int32_t unit = division_unit(t, c, q, &style);
        if (unit < 0)
            return 0;
        w = unit;
        if (w < q) {
            UChar a = t[w];
            if (is_comma(a) && a != 0x3001)
                return -1; /* 第一章，…: prose */
            if (!is_title_separator(a) && (indented || is_prose_after_marker(a) || style == YD_NUM_KUAN ||
                                           style == YD_NUM_MU || t[c] == 0xC81C))
                return -1; /* a mention of a chapter inside body text (第二款规定, 제3장에) */
        }
    } else if (t[c] == 0x7BC7 /* 篇 */ || t[c] == 0x5377 /* 卷 */) {
        int32_t e = scan_cn(t, c + 1, q, 3);
        if (e == c + 1 || (e < q && !is_title_separator(t[e])))
            return 0;
        style = t[c] == 0x7BC7 ? YD_NUM_PIAN : YD_NUM_JUAN;
        w = e;
    } else if (is_cn_digit(t[c])) {
        /* 一: or 一：alone on the line */
        int32_t e = scan_cn(t, c, q, 3);
        if (e < q && is_colon(t[e]) && skip_space(t, e + 1, q) == q) {
            style = YD_NUM_COLON;
            w = q;
        }
    }
    int can_be_bare = 1;
    if (style == YD_NUM_NONE && n >= 3 && n <= PLAIN_MAX) {
        /* A title ending in 篇一 (范文篇一): a part of a compilation. Not
         * 第一篇 (handled above), 上一篇/下一篇 (links), 每篇, 全篇, 本篇... */
        int32_t e = q;
        while (e > c && q - e < 2 && is_cn_digit(t[e - 1]))
            e--;
        if (e < q && e - 1 > c && t[e - 1] == 0x7BC7 /* 篇 */) {
            UChar b = t[e - 2];
            static const UChar not_before[] = {0x7B2C, 0x4E0A, 0x4E0B, 0x524D, 0x540E, 0x5F8C,
                                               0x8FD9, 0x9019, 0x672C, 0x6BCF, 0x5168};
            /* 第 上 下 前 后 後 这 這 本 每 全 */
            int ok = !is_cn_digit(b) && !is_ar_digit(b);
            for (size_t k = 0; ok && k < sizeof not_before / sizeof not_before[0]; k++)
                ok = b != not_before[k];
            if (ok) {
                style = YD_NUM_PIAN;
                w = q;
                can_be_bare = 0; /* the whole line is its title */
            }
        }
    }
    if (style == YD_NUM_NONE)
        return 0;
    out->kind = YD_LINE_ARTICLE;
    out->style = (uint8_t)style;
    out->title_start = c;
    out->title_end = q;
    /* Bare: nothing but perhaps a colon after the marker (第三回, 第一篇：). */
    int32_t rest = skip_space(t, w, q);
    if (rest < q && is_colon(t[rest]))
        rest = skip_space(t, rest + 1, q);
    if (can_be_bare && rest >= q)
        out->flags |= YD_LF_BARE;
    if (n > TITLE_CAP) {
        out->title_end = advance_cp(t, c, q, TITLE_CAP);
        out->flags |= YD_LF_TRUNCATED;
    }
    return 1;
}

/* Items: 第一，/第一、, 一是, 一要, 其一，, 首先，其次，再次，最后，.
 * *after is where the item's title may first be cut (after 第一条 ). */
static int match_item(const UChar *t, int32_t c, int32_t q, int32_t *after)
{
    *after = c;
    if (t[c] == 0x7B2C /* 第 */) {
        int32_t v;
        int32_t e = yd_numeral_parse(t, c + 1, q, YD_NUMERAL_ANY, &v);
        return e > c + 1 && e < q && is_comma(t[e]);
    }
    if (is_cn_digit(t[c])) {
        int32_t e = scan_cn(t, c, q, 2);
        return e < q && e + 1 < q && (t[e] == 0x662F /* 是 */ || t[e] == 0x8981 /* 要 */);
    }
    if (c + 2 < q) {
        UChar a = t[c], b = t[c + 1], s = t[c + 2];
        if (a == 0x5176 /* 其 */ && is_cn_digit(b) && (is_comma(s) || is_colon(s)))
            return 1;
        int word = (a == 0x9996 && b == 0x5148) ||                  /* 首先 */
                   (a == 0x5176 && b == 0x6B21) ||                  /* 其次 */
                   (a == 0x518D && b == 0x6B21) ||                  /* 再次 */
                   (a == 0x6700 && (b == 0x540E || b == 0x5F8C));   /* 最后 最後 */
        if (word && (is_comma(s) || is_colon(s)))
            return 1;
    }
    return 0;
}

/* Numbered headings. Returns the style and sets *after just past the
 * numbering, or YD_NUM_NONE. */
static int match_number(const UChar *t, int32_t c, int32_t q, int32_t *after)
{
    UChar a = t[c];
    if (a == 0xFF08 || a == '(') {
        int32_t r = skip_space(t, c + 1, q);
        int style = YD_NUM_PAREN_CN;
        int32_t e = scan_cn(t, r, q, 3);
        if (e == r) {
            e = scan_ar(t, r, q, 3);
            style = YD_NUM_PAREN_AR;
        }
        if (e == r)
            return YD_NUM_NONE;
        e = skip_space(t, e, q);
        if (e >= q || (t[e] != 0xFF09 && t[e] != ')'))
            return YD_NUM_NONE;
        *after = e + 1;
        return style;
    }
    if (a >= 0x2460 && a <= 0x2473) { /* ① */
        *after = c + 1;
        return YD_NUM_CIRCLED;
    }
    if (a >= 0x2474 && a <= 0x2487) { /* ⑴ */
        *after = c + 1;
        return YD_NUM_PAREN_AR;
    }
    if (a >= 0x2488 && a <= 0x249B) { /* ⒈ */
        *after = c + 1;
        return YD_NUM_AR;
    }
    int32_t e = scan_cn(t, c, q, 3);
    if (e > c) {
        if (e >= q)
            return YD_NUM_NONE;
        UChar s = t[e];
        if (s == 0x3001 /* 、 */ || ((s == '.' || s == 0xFF0E) && (e + 1 >= q || !is_ar_digit(t[e + 1])))) {
            *after = e + 1;
            return YD_NUM_CN;
        }
        if (s == 0xFF09 || s == ')') {
            *after = e + 1;
            return YD_NUM_CN_HALF;
        }
        return YD_NUM_NONE;
    }
    e = scan_ar(t, c, q, 3);
    if (e == c || e >= q)
        return YD_NUM_NONE;
    UChar s = t[e];
    if (s == 0x3001) {
        *after = e + 1;
        return YD_NUM_AR;
    }
    if (s == 0xFF09 || s == ')') {
        *after = e + 1;
        return YD_NUM_AR_HALF;
    }
    if (s == '.' || s == 0xFF0E) {
        if (e + 1 < q && is_ar_digit(t[e + 1])) {
            /* 1.2 or 1.2.3 followed by a space: decimal outline numbering.
             * Without the space it is a number (2.5亿). */
            int parts = 1;
            int32_t r = e;
            while (r < q && (t[r] == '.' || t[r] == 0xFF0E) && r + 1 < q && is_ar_digit(t[r + 1]) && parts < 4) {
                int32_t d = scan_ar(t, r + 1, q, 3);
                if (d == r + 1)
                    return YD_NUM_NONE;
                r = d;
                parts++;
            }
            if (r < q && (t[r] == '.' || t[r] == 0xFF0E))
                r++; /* 1.2. */
            if (r >= q || !yd_outline_is_space(t[r]) || parts > 3)
                return YD_NUM_NONE;
            *after = r;
            return parts == 2 ? YD_NUM_DOTTED2 : YD_NUM_DOTTED3;
        }
        if (e + 1 < q && (t[e + 1] == '%' || t[e + 1] == 0xFF05))
            return YD_NUM_NONE;
        *after = e + 1;
        return YD_NUM_AR;
    }
    return YD_NUM_NONE; /* 1纪律…: a continuation that starts with a digit */
}

/* Has [start, end) a hiragana or katakana letter (a line of Japanese)? */
static int has_kana(const UChar *t, int32_t start, int32_t end)
{
    for (int32_t i = start; i < end; i++)
        if (t[i] >= 0x3041 && t[i] <= 0x30FA)
            return 1;
    return 0;
}

/* After the numbering at c (ending at a), does another number follow that
 * belongs to a list inside a sentence: 一、二两类, 一、二、三级, 3、4月份,
 * 1、2号楼? (一、一般规定 and 四、四个全面 are headings.) */
static int listed_numbers(const UChar *t, int32_t c, int32_t a, int32_t q)
{
    if (a >= q)
        return 0;
    if (is_cn_digit(t[c]) && is_cn_digit(t[a])) {
        int32_t e = scan_cn(t, a, q, 2);
        if (e < q && (t[e] == 0x3001 || is_comma(t[e]) || t[e] == 0x4E24 /* 两 */ || t[e] == 0x7B49 /* 等 */))
            return 1;
        /* Japanese writes "two or three" as 二、三 (二、三日まえ, 十二、三の):
         * the next number, or its last digit, right after the first. */
        int32_t first, second;
        if (yd_numeral_parse(t, c, q, YD_NUMERAL_CHINESE, &first) > c &&
            yd_numeral_parse(t, a, q, YD_NUMERAL_CHINESE, &second) > a && has_kana(t, a, q))
            return second == first + 1 || (first >= 10 && second == (first + 1) % 10);
        return 0;
    }
    if (is_ar_digit(t[c]) && is_ar_digit(t[a])) {
        int32_t e = a;
        while (e < q && e - a < 3 && is_ar_digit(t[e]))
            e++;
        if (e - a > 2 || e >= q)
            return 0; /* 1、2023年工作回顾 */
        UChar u = t[e];
        return u == 0x3001 || is_comma(u) || u == 0x6708 /* 月 */ || u == 0x65E5 /* 日 */ || u == 0x53F7 /* 号 */ ||
               u == 0x4E24 /* 两 */ || u == 0x7B49 /* 等 */ || u == '-' || u == 0xFF5E || u == '~';
    }
    return 0;
}

/* Is there a gap at i: a full-width space, two or more blanks, or one blank
 * between two characters of Chinese text? Sets *gap_end. */
static int is_gap(const UChar *t, int32_t i, int32_t start, int32_t end)
{
    if (!yd_outline_is_space(t[i]))
        return 0;
    if (t[i] == 0x3000)
        return 1;
    int32_t j = skip_space(t, i, end);
    if (j - i >= 2)
        return 1;
    return i > start && j < end && is_cjk_wide(t[i - 1]) && is_cjk_wide(t[j]);
}

/* Drop trailing terminal punctuation (。；：，) from a title. */
static int32_t trim_title_end(const UChar *t, int32_t start, int32_t end)
{
    while (end > start && (yd_outline_is_space(t[end - 1]) || t[end - 1] == 0x3002 || is_semicolon(t[end - 1]) ||
                           is_colon(t[end - 1]) ||
                           is_comma(t[end - 1]) || t[end - 1] == 0xFF0E || (t[end - 1] == '.' && end - 1 > start)))
        end--;
    return end;
}

/* Title of a numbered heading or item starting at c, numbering ending at a:
 * the whole line when it is short and holds no inner sentence end, else
 * (a run-in heading) up to the first sentence end, colon or gap. */
static void run_in_title(const UChar *t, int32_t c, int32_t a, int32_t q, int whole_max, int cap, int item,
                         yd_line_class *out)
{
    int32_t stop = -1;
    int32_t from = skip_space(t, a, q);
    for (int32_t i = from; i < q; i++) {
        if (is_sentence_end(t, i, q) || is_semicolon(t[i]) || (is_colon(t[i]) && i + 1 < q) || is_gap(t, i, from, q)) {
            stop = i;
            break;
        }
    }
    int32_t n = count_cp(t, c, q);
    int32_t e;
    if (!item && n <= whole_max && (stop < 0 || trim_title_end(t, stop, q) == stop ||
                                    (is_gap(t, stop, from, q) && !has_sentence_punct(t, stop, q))))
        e = trim_title_end(t, c, q); /* the whole line is the title */
    else
        e = trim_title_end(t, c, stop < 0 ? q : stop);
    if (e <= from)
        e = trim_title_end(t, c, q);
    if (e < a)
        e = a; /* never cut into the numbering: 一、 alone stays 一、 */
    out->title_start = c;
    out->title_end = e;
    if (count_cp(t, c, e) > cap) {
        out->title_end = advance_cp(t, c, e, cap);
        out->flags |= YD_LF_TRUNCATED;
    }
}

int32_t yd_outline_columns(const UChar *t, int32_t start, int32_t end)
{
    int32_t w = 0;
    for (int32_t i = start; i < end; i++) {
        UChar c = t[i];
        if (U16_IS_TRAIL(c))
            continue;
        w += (c >= 0x1100 && (c <= 0x115F || c >= 0x2E80) && !(c >= 0xD800 && c < 0xE000) &&
              !(c >= 0xFF61 && c <= 0xFFDC)) || U16_IS_LEAD(c)
                 ? 2
                 : 1;
    }
    return w;
}

int yd_line_opens_attachments(const UChar *t, int32_t start, int32_t end)
{
    int32_t p = skip_space(t, start, end);
    return end - p >= 3 && t[p] == 0x9644 /* 附 */ && t[p + 1] == 0x4EF6 /* 件 */ && is_colon(t[p + 2]);
}

int yd_line_is_rule(const UChar *t, int32_t start, int32_t end)
{
    int32_t p = skip_space(t, start, end), n = 0;
    for (; p < end && !yd_outline_is_space(t[p]); p++, n++) {
        UChar c = t[p];
        if (c != '-' && c != 0xFF0D && c != '=' && c != 0xFF1D && c != 0x2014 && c != 0x2500 && c != 0x2501 &&
            c != '*' && c != 0xFF0A && c != '_')
            return 0;
    }
    return n >= 10 && skip_space(t, p, end) == end;
}

int yd_line_is_fence(const UChar *t, int32_t start, int32_t end)
{
    int32_t i = start;
    while (i < end && i - start < 3 && t[i] == ' ')
        i++;
    return end - i >= 3 && ((t[i] == '`' && t[i + 1] == '`' && t[i + 2] == '`') ||
                            (t[i] == '~' && t[i + 1] == '~' && t[i + 2] == '~'));
}

/* Front and back matter: 前言, 后记... alone on a line (spaced out or not:
 * 前　言), or as the first word before a title (楔子 风雪夜归人). Returns
 * YD_NUM_FRONT, YD_NUM_BACK or YD_NUM_NONE. */
static int matter_word(const UChar *t, int32_t c, int32_t q);
static int matter_style(const UChar *t, int32_t c, int32_t q)
{
    int style = matter_word(t, c, q);
    if (style != YD_NUM_NONE)
        return style;
    int32_t w = c;
    while (w < q && !yd_outline_is_space(t[w]))
        w++;
    if (w - c < 2 || skip_space(t, w, q) >= q)
        return YD_NUM_NONE;
    return matter_word(t, c, w);
}

static int matter_word(const UChar *t, int32_t c, int32_t q)
{
    static const struct {
        char16_t word[5];
        uint8_t style;
    } words[] = {
        {u"前言", YD_NUM_FRONT},   {u"序言", YD_NUM_FRONT},     {u"序", YD_NUM_FRONT},
        {u"自序", YD_NUM_FRONT},   {u"引言", YD_NUM_FRONT},     {u"导言", YD_NUM_FRONT},
        {u"導言", YD_NUM_FRONT},   {u"绪论", YD_NUM_FRONT},     {u"緒論", YD_NUM_FRONT},
        {u"引子", YD_NUM_FRONT},   {u"楔子", YD_NUM_FRONT},     {u"摘要", YD_NUM_FRONT},
        {u"内容提要", YD_NUM_FRONT}, {u"內容提要", YD_NUM_FRONT}, {u"目录", YD_NUM_FRONT},
        {u"目錄", YD_NUM_FRONT},   {u"凡例", YD_NUM_FRONT},     {u"题记", YD_NUM_FRONT},
        {u"題記", YD_NUM_FRONT},   {u"结语", YD_NUM_BACK},      {u"結語", YD_NUM_BACK},
        {u"结束语", YD_NUM_BACK},  {u"結束語", YD_NUM_BACK},    {u"后记", YD_NUM_BACK},
        {u"後記", YD_NUM_BACK},    {u"跋", YD_NUM_BACK},        {u"附录", YD_NUM_BACK},
        {u"附錄", YD_NUM_BACK},    {u"参考文献", YD_NUM_BACK},  {u"參考文獻", YD_NUM_BACK},
        {u"致谢", YD_NUM_BACK},    {u"致謝", YD_NUM_BACK},      {u"尾声", YD_NUM_BACK},
        {u"尾聲", YD_NUM_BACK},    {u"附记", YD_NUM_BACK},      {u"附記", YD_NUM_BACK},
        {u"序章", YD_NUM_FRONT},   {u"전문", YD_NUM_FRONT},     {u"番外", YD_NUM_BACK},
        {u"终章", YD_NUM_BACK},    {u"終章", YD_NUM_BACK},
    };
    UChar w[4];
    int n = 0;
    for (int32_t i = c; i < q; i++) {
        if (yd_outline_is_space(t[i]))
            continue;
        if (n == 4)
            return YD_NUM_NONE; /* no word in the list is longer */
        w[n++] = t[i];
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        int m = 0;
        while (m < n && words[k].word[m] == w[m])
            m++;
        if (m == n && words[k].word[n] == 0)
            return words[k].style;
    }
    return YD_NUM_NONE;
}

/* The parts of a statute that no number marks: 总则 and 分则 alone, 附则 alone, 附件 / 附表 / 附录 with an
 * optional number and title (附件一, 附表2 收费标准), Korean 부칙 alone or
 * with its act and date (부칙(도로법) <제12248호,2014.1.14>). 附件： with a
 * colon opens a list of attachments instead (see yd_line_opens_attachments). */
static int is_annex(const UChar *t, int32_t c, int32_t q)
{
    if (q - c < 2)
        return 0;
    UChar a = t[c], b = t[c + 1];
    int32_t e = c + 2;
    if (a == 0xBD80 && b == 0xCE59) /* 부칙 */
        return e == q || yd_outline_is_space(t[e]) || t[e] == '(' || t[e] == '<' || t[e] == 0xFF08;
    /* 总则 總則 分则 分則 附则 附則 alone on a line, spaced out or not (总　则). */
    int32_t second = skip_space(t, c + 1, q);
    if ((a == 0x603B || a == 0x7E3D || a == 0x5206 || a == 0x9644) && second < q &&
        (t[second] == 0x5219 || t[second] == 0x5247))
        return skip_space(t, second + 1, q) == q;
    if (a != 0x9644 /* 附 */)
        return 0;
    if (b != 0x4EF6 && b != 0x8868 && b != 0x5F55 && b != 0x9304) /* 件 表 录 錄 */
        return 0;
    int32_t v;
    int32_t d = yd_numeral_parse(t, e, q, YD_NUMERAL_ANY, &v);
    if (d == e && e < q && ((t[e] >= 'A' && t[e] <= 'Z') || (t[e] >= 0xFF21 && t[e] <= 0xFF3A)))
        d = e + 1; /* 附录A */
    if (d < q && !yd_outline_is_space(t[d]) && t[d] != 0x2014 && t[d] != '-')
        return 0; /* 附件：… (the list of attachments), 附录只有一行 (a sentence) */
    return count_cp(t, c, q) <= PLAIN_MAX && !has_sentence_punct(t, c, q);
}

int yd_line_names_rule(const UChar *t, int32_t start, int32_t end)
{
    /* The genres of rules and judicial interpretations, and the courts and
     * procuratorates that issue the latter (最高人民法院关于…的意见). Not
     * 决定, 意见 or 章程 alone (reports and charters use those titles with
     * headings of their own), nor a title ending in 法 (方法, 做法): a law
     * has articles, and articles make it a statute without its title. */
    static const char16_t words[][3] = {u"规定", u"規定", u"解释", u"解釋", u"办法", u"辦法", u"条例", u"條例",
                                        u"细则", u"細則", u"规则", u"規則", u"批复", u"批復", u"答复", u"答覆",
                                        u"准则", u"準則", u"法院", u"察院"}; /* 察院: 检察院 檢察院 */
    for (int32_t i = start; i + 1 < end; i++)
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (t[i] == words[k][0] && t[i + 1] == words[k][1])
                return 1;
    return 0;
}

/* Aozora Bunko marks headings with an annotation at the end of the line:
 * ［＃７字下げ］一［＃「一」は中見出し］ (大見出し > 中見出し > 小見出し). Returns
 * the style, YD_NUM_NONE when the line carries no heading annotation. The
 * title is the text between the leading annotations and the next one. */
static int match_aozora(const UChar *t, int32_t c, int32_t q, yd_line_class *out)
{
    if (q - c < 6 || t[q - 1] != 0xFF3D /* ］ */)
        return YD_NUM_NONE;
    int32_t o = q - 1;
    while (o > c && !(t[o] == 0xFF03 && t[o - 1] == 0xFF3B)) /* ［＃ */
        o--;
    int32_t m = q - 4; /* 見出し］ */
    if (o <= c || m <= o || t[m] != 0x898B || t[m + 1] != 0x51FA || t[m + 2] != 0x3057)
        return YD_NUM_NONE;
    int style = t[m - 1] == 0x5927 ? YD_NUM_AOZORA_L : t[m - 1] == 0x4E2D ? YD_NUM_AOZORA_M
              : t[m - 1] == 0x5C0F ? YD_NUM_AOZORA_S : YD_NUM_NONE;
    if (style == YD_NUM_NONE)
        return YD_NUM_NONE;
    int32_t s = c;
    while (s + 1 < q && t[s] == 0xFF3B && t[s + 1] == 0xFF03) { /* leading ［＃…］ */
        while (s < q && t[s] != 0xFF3D)
            s++;
        s = skip_space(t, s + 1, q);
    }
    int32_t e = s;
    while (e + 1 < q && !(t[e] == 0xFF3B && t[e + 1] == 0xFF03))
        e++;
    if (e <= s)
        return YD_NUM_NONE;
    out->kind = YD_LINE_ARTICLE;
    out->style = (uint8_t)style;
    out->title_start = s;
    out->title_end = advance_cp(t, s, e, TITLE_CAP);
    if (out->title_end < e)
        out->flags |= YD_LF_TRUNCATED;
    return style;
}

/* The parts of a novel in three: 上, 中, 下 alone on a line or before a
 * title after a wide space (上　先生と私). */
static int match_part(const UChar *t, int32_t c, int32_t q, yd_line_class *out)
{
    UChar a = t[c];
    if (a != 0x4E0A && a != 0x4E2D && a != 0x4E0B)
        return 0;
    if (c + 1 < q && (t[c + 1] != 0x3000 || count_cp(t, c, q) > PLAIN_MAX || has_sentence_punct(t, c, q)))
        return 0;
    out->kind = YD_LINE_ARTICLE;
    out->style = YD_NUM_BU;
    out->title_start = c;
    out->title_end = q;
    return 1;
}

/* A table of contents entry: text, a leader (…… ... ·· or spaces), then a
 * page number at the end of the line. */
static int is_toc_entry(const UChar *t, int32_t c, int32_t q)
{
    int32_t e = q;
    while (e > c && is_ar_digit(t[e - 1]))
        e--;
    if (e == q || e == c)
        return 0;
    int32_t l = e;
    while (l > c && (t[l - 1] == 0x2026 || t[l - 1] == '.' || t[l - 1] == 0x00B7 || t[l - 1] == 0x30FB ||
                     t[l - 1] == 0xFF0E || t[l - 1] == 0x22EF))
        l--;
    return e - l >= 2 && l > c;
}

/* Does the line open with a tag in brackets: [清]刘鹗 or 〔宋〕… (a dynasty
 * before an author's name, in square or tortoise-shell brackets), or is it
 * all one bracketed group (【打击盗版】)? 【齿乞】石 is a title that spells a
 * rare character, and stays one. */
static int bracketed_tag(const UChar *t, int32_t c, int32_t q)
{
    UChar open = t[c], close;
    switch (open) {
    case '[': close = ']'; break;
    case 0xFF3B: close = 0xFF3D; break; /* ［］ */
    case 0x3014: close = 0x3015; break; /* 〔〕 */
    case 0x3010: close = 0x3011; break; /* 【】 */
    default: return 0;
    }
    int32_t e = c + 1;
    while (e < q && t[e] != close)
        e++;
    if (e >= q)
        return 0;
    return e == q - 1 || open != 0x3010;
}

/* How a line without numbering reads: title, lead-in, prose or other. */
static void classify_plain(const UChar *t, int32_t c, int32_t q, yd_line_class *out)
{
    int32_t n = count_cp(t, c, q);
    UChar first = t[c];
    /* Last character, looking through closing quotes and brackets. */
    int32_t l = q - 1;
    while (l > c && is_closer(t[l]))
        l--;
    UChar last = t[l];
    UChar very_last = t[q - 1];
    if (!is_terminal(very_last))
        out->flags |= YD_LF_OPEN_END;
    if (last == 0x3002 || (last == '.' && l > c && !is_ar_digit(t[l - 1])))
        out->flags |= YD_LF_FULL_STOP;

    out->kind = YD_LINE_BODY;
    if (first == 0x300C || first == 0x300E || (first == 0x201C && very_last == 0x201D)) { /* 「 『 “…” */
        out->flags |= YD_LF_DIALOGUE;
        out->why = YD_WHY_DIALOGUE;
        return; /* a line of dialogue, however short */
    }
    if (bracketed_tag(t, c, q)) {
        out->kind = YD_LINE_OTHER;
        return; /* [清]刘鹗, 【打击盗版】, [link](…): an author tag or site matter */
    }
    /* Bullets and quotes are list entries, not titles. */
    if (((first == '-' || first == '*' || first == '+' || first == '>') && c + 1 < q && t[c + 1] == ' ') ||
        first == 0x2022 || first == 0x25E6 || first == 0x25AA || first == 0x25CF || first == 0x25A0 || first == 0x25C6 ||
        first == '|') {
        out->kind = YD_LINE_OTHER;
        return;
    }
    if (n > PLAIN_MAX)
        return;
    if (is_colon(last) && l == q - 1) {
        out->kind = YD_LINE_COLON; /* 同志们： 下面，我讲三点意见： */
        return;
    }
    if (is_terminal(last) || is_comma(last) || last == 0x2014 || last == 0xFF5E || last == '~')
        return;
    int letters = 0, digits = 0;
    for (int32_t i = c; i < q; i++) {
        UChar ch = t[i];
        if ((ch == 0x5E74 /* 年 */ || ch == 0x6708 /* 月 */) && i > c && is_ar_digit(t[i - 1]) && i + 1 < q &&
            is_ar_digit(t[i + 1])) {
            out->flags |= YD_LF_DATE;
            goto other; /* a dateline: 2024年11月24日 */
        }
        if (is_sentence_end(t, i, q) || is_semicolon(ch))
            return; /* a sentence ends inside: prose */
        if (is_colon(ch) || ch == '@' || ch == '/' || ch == '=' || ch == '>' || ch == 0xBB || ch == 0x203A ||
            ch == '|')
            goto other; /* label: value, a byline, an address, a breadcrumb */
        if (is_letter(ch) && !U16_IS_TRAIL(ch))
            letters++;
        else if (is_ar_digit(ch))
            digits++;
    }
    if (letters < 2 && !(letters == 1 && n == 1 && is_han(first)))
        goto other;
    if (digits >= letters)
        goto other; /* a date, a number */
    out->kind = YD_LINE_TITLE;
    out->title_start = c;
    out->title_end = q;
    if (first == 0x300A && very_last == 0x300B) /* 《银鼠谚》: the outline takes it for no heading */
        out->why = YD_WHY_NAMED_WORK; /* but it may name the document, or end a run */
    return;
other:
    out->kind = YD_LINE_OTHER;
}

/* level > 0: the line is a heading of that level by its markup (a
 * rendered Markdown heading), as if it had that many #. */
static void classify(const UChar *t, int32_t start, int32_t end, int markdown, int level, yd_line_class *out)
{
    out->kind = YD_LINE_BLANK;
    out->style = YD_NUM_NONE;
    out->hashes = 0;
    out->flags = 0;
    out->level = 0;
    out->why = YD_WHY_PROSE;
    out->title_start = out->title_end = start;

    int32_t p = start, indent = 0, wide_indent = 0;
    while (p < end && yd_outline_is_space(t[p])) {
        indent += t[p] == 0x3000 ? 2 : t[p] == '\t' ? 4 : 1;
        wide_indent |= t[p] == 0x3000;
        p++;
    }
    int32_t q = end;
    while (q > p && yd_outline_is_space(t[q - 1]))
        q--;
    if (p >= q)
        return;

    int32_t c = p;
    if (level > 0) {
        out->hashes = (uint8_t)(level < 6 ? level : 6);
    } else if (t[p] == '#') {
        int32_t h = p;
        while (h < q && t[h] == '#')
            h++;
        if (h - p <= 6 && (h == q || yd_outline_is_space(t[h]))) {
            out->hashes = (uint8_t)(h - p);
            c = skip_space(t, h, q);
            /* closing hashes: ## title ## */
            int32_t z = q;
            while (z > c && t[z - 1] == '#')
                z--;
            if (z < q && (z == c || yd_outline_is_space(t[z - 1]))) {
                q = z;
                while (q > c && yd_outline_is_space(t[q - 1]))
                    q--;
            }
            if (c >= q) {
                out->kind = YD_LINE_OTHER; /* a bare # */
                out->hashes = 0;
                return;
            }
        }
    }
    int indented = indent >= 2;
    if (!out->hashes && q - c > 3 && t[c] == 0x6B63 && t[c + 1] == 0x6587 && yd_outline_is_space(t[c + 2]))
        c = skip_space(t, c + 2, q); /* 正文 第一回: a download site's label for the main text */
    if (!out->hashes && is_toc_entry(t, c, q)) {
        out->kind = YD_LINE_OTHER; /* 第一章 总则……1: the contents, not the chapter */
        return;
    }

    if (is_annex(t, c, q)) {
        out->kind = YD_LINE_TITLE;
        out->style = YD_NUM_ANNEX;
        out->title_start = c;
        out->title_end = advance_cp(t, c, q, TITLE_CAP);
        if (out->title_end < q)
            out->flags |= YD_LF_TRUNCATED;
        return;
    }
    int run_on = 0;
    int32_t past = match_provision(t, c, q, &run_on);
    if (past >= 0) {
        out->kind = YD_LINE_ITEM;
        out->style = YD_NUM_ITEM;
        out->hashes = 0; /* ##### 제1조: an article, whatever its markup */
        out->flags |= YD_LF_PROVISION | (run_on ? YD_LF_RUN_ON : 0);
        run_in_title(t, c, past, q, 0, ITEM_CAP, 1, out);
        return;
    }
    if (match_aozora(t, c, q, out) != YD_NUM_NONE || match_part(t, c, q, out))
        return;
    int article = match_article(t, c, q, indented && !out->hashes, out);
    if (article > 0)
        return;
    if (article < 0) {
        classify_plain(t, c, q, out);
        if (out->kind == YD_LINE_TITLE)
            out->kind = YD_LINE_BODY; /* 第一回里说到的…: prose, however short */
        out->why = YD_WHY_MENTION;
        return;
    }
    int32_t after = c;
    if (!out->hashes && match_item(t, c, q, &after)) {
        out->kind = YD_LINE_ITEM;
        out->style = YD_NUM_ITEM;
        run_in_title(t, c, after, q, 0, ITEM_CAP, 1, out);
        return;
    }
    after = c;
    int style = match_number(t, c, q, &after);
    int listed = style != YD_NUM_NONE && listed_numbers(t, c, after, q);
    if (listed)
        style = YD_NUM_NONE; /* 一、二两类, 3、4月: numbers listed in a sentence */
    if (markdown && !out->hashes && (style == YD_NUM_AR || style == YD_NUM_AR_HALF) && after < q &&
        (t[after - 1] == '.' || t[after - 1] == ')') && t[after] == ' ') {
        out->kind = YD_LINE_OTHER; /* "1. " in Markdown: an ordered list entry */
        out->style = (uint8_t)style; /* (or a rule's provision: see outline.c) */
        run_in_title(t, c, after, q, 0, ITEM_CAP, 1, out);
        return;
    }
    if (style != YD_NUM_NONE) {
        out->kind = YD_LINE_HEADING;
        out->style = (uint8_t)style;
        run_in_title(t, c, after, q, WHOLE_MAX, TITLE_CAP, 0, out);
        if (!out->hashes && is_semicolon(t[q - 1]))
            out->kind = YD_LINE_CLAUSE;
        if (t[q - 1] == 0x3002)
            out->flags |= YD_LF_FULL_STOP;
        return;
    }
    if (out->hashes) {
        out->kind = YD_LINE_HEADING;
        out->style = YD_NUM_MARKDOWN;
        out->title_start = c;
        out->title_end = q;
        if (count_cp(t, c, q) > TITLE_CAP) {
            out->title_end = advance_cp(t, c, q, TITLE_CAP);
            out->flags |= YD_LF_TRUNCATED;
        }
        return;
    }
    classify_plain(t, c, q, out);
    if (out->kind == YD_LINE_TITLE)
        out->style = (uint8_t)matter_style(t, c, q);
    if (out->kind == YD_LINE_TITLE && wide_indent && out->style == YD_NUM_NONE) {
        out->kind = YD_LINE_BODY; /* 　　三天以后: indented like a paragraph, it is one */
        out->why = YD_WHY_INDENTED;
    }
    if (listed && (out->kind == YD_LINE_BODY || out->kind == YD_LINE_TITLE)) {
        out->kind = YD_LINE_BODY;
        out->why = YD_WHY_LISTED_NUMBERS;
    }
}

void yd_classify_line(const UChar *t, int32_t start, int32_t end, int markdown, yd_line_class *out)
{
    classify(t, start, end, markdown, 0, out);
}

void yd_classify_heading(const UChar *t, int32_t start, int32_t end, int level, yd_line_class *out)
{
    classify(t, start, end, 0, level < 1 ? 1 : level, out);
}
