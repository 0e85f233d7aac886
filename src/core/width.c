/* Cell widths: Unicode data through ICU, reconciled with glibc's wcwidth()
 * (which is what ncursesw and tmux count with). See width.h and
 * docs/LAYOUT.md for the policy. */
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <wchar.h>

#include "yuedu/width.h"

/* Code points below this are looked up in the table; the rest (planes 4 to
 * 16: unassigned, tags, variation selectors, private use) are classified
 * when asked, which is rare. */
#define TABLE_LIMIT YD_WIDTH_TABLE_LIMIT

/* Entries are classified a small block at a time (YD_WIDTH_BLOCK_BITS),
 * when a code point of the block is first asked for: classifying all 256K
 * code points takes 6-15 ms of ICU and glibc lookups, which would delay
 * the first screen. Blocks are small because Chinese text is spread thin
 * over the 21 000 ideographs: a first screen of a statute touches some 60
 * of their 256-point blocks (0.4 ms to classify, most of drawing it), but
 * only a few hundred of their 4-point ones (0.1 ms). A block is filled
 * under the lock and then published through its ready flag (release), so
 * readers on any thread see a complete block or none. */
#define BLOCK_BITS YD_WIDTH_BLOCK_BITS
#define BLOCKS (TABLE_LIMIT >> BLOCK_BITS)

struct yd_width_table {
    int ambiwidth;
    pthread_mutex_t lock;
    atomic_uchar ready[BLOCKS];
    yd_width_info info[TABLE_LIMIT];
};

/* ---- glibc's view ------------------------------------------------------ */

static pthread_once_t glibc_once = PTHREAD_ONCE_INIT;
static locale_t glibc_locale;

static void glibc_locale_init(void)
{
    glibc_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!glibc_locale)
        glibc_locale = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
}

/* wcswidth() rather than wcwidth(): glibc's wcswidth uses its internal
 * table directly, so an executable that defines its own wcwidth() (for
 * ncursesw, see src/tui/term_width.c) does not change what we read here. */
static int glibc_width_in_locale(UChar32 c)
{
    wchar_t w[2] = {(wchar_t)c, 0};
    return wcswidth(w, 1);
}

int yd_width_glibc(UChar32 c)
{
    if (c < 0 || c > 0x10FFFF || U_IS_SURROGATE(c))
        return -1;
    if (c == 0)
        return 0;
    pthread_once(&glibc_once, glibc_locale_init);
    if (!glibc_locale)
        return -1;
    locale_t old = uselocale(glibc_locale);
    int w = glibc_width_in_locale(c);
    uselocale(old);
    return w;
}

/* ---- Chinese line-breaking classes ------------------------------------ */

/* Closing punctuation and the like: never at the start of a row. */
static const UChar32 no_start[] = {
    0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D, 0x00A2, 0x00B0, 0x00B7,
    0x00BB, 0x2019, 0x201D, 0x2025, 0x2026, 0x2027, 0x2030, 0x2032, 0x2033, 0x203A, 0x203C, 0x2047, 0x2048,
    0x2049, 0x2103, 0x2109, 0x22EF, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
    0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0x303B, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083,
    0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x309D, 0x309E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
    0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFE50, 0xFE51, 0xFE52,
    0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E, 0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A,
    0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0xFF65, 0xFFE0,
};

/* Opening punctuation: never at the end of a row. */
static const UChar32 no_end[] = {
    0x0028, 0x005B, 0x007B, 0x00AB, 0x2018, 0x201C, 0x2039, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
    0x3016, 0x3018, 0x301A, 0x301D, 0xFE59, 0xFE5B, 0xFE5D, 0xFF04, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
    0xFFE1, 0xFFE5,
};

/* Ellipses and dashes written doubled (…… ——): never split. */
static const UChar32 inseparable[] = {0x2014, 0x2015, 0x2025, 0x2026, 0x22EF, 0x2E3A, 0x2E3B};

/* Classes from East Asian Width alone; the lists are applied on top by
 * mark_lists() once the table is built (they all lie in the table). */
static uint8_t lb_class(UChar32 c, int ea)
{
    uint8_t lb = 0;
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        lb |= YD_LB_CJK;
    if (c == 0x20 || c == '\t')
        lb |= YD_LB_SPACE;
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        lb |= YD_LB_WORD;
    if (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '}')
        lb |= YD_LB_ASCII_CLOSE;
    return lb;
}

/* Mark the members of list that fall in [first, last]. */
static void mark_list(yd_width_info *info, const UChar32 *list, size_t n, uint8_t bit, UChar32 first, UChar32 last)
{
    for (size_t k = 0; k < n; k++) {
        if (list[k] < first || list[k] > last)
            continue;
        info[list[k]].lb |= bit;
        if (list[k] >= 0x80)
            info[list[k]].lb |= YD_LB_CJK;
    }
}

static void mark_lists(yd_width_info *info, UChar32 first, UChar32 last)
{
    mark_list(info, no_start, sizeof no_start / sizeof no_start[0], YD_LB_NO_START, first, last);
    mark_list(info, no_end, sizeof no_end / sizeof no_end[0], YD_LB_NO_END, first, last);
    mark_list(info, inseparable, sizeof inseparable / sizeof inseparable[0], YD_LB_INSEPARABLE, first, last);
}

/* ---- classification ------------------------------------------------------ */

/* Width by Unicode data: 0, 1 or 2 (ambiguous: ambiwidth). */
static int unicode_width(UChar32 c, int ea, int ambiwidth)
{
    int gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK)
        return 0;
    int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
        return 0;
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH || u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
        return 2;
    if (ea == U_EA_AMBIGUOUS)
        return ambiwidth;
    return 1;
}

/* glibc must already be the thread's LC_CTYPE (glibc_ok) for speed. */
static yd_width_info classify(UChar32 c, int ambiwidth, bool glibc_ok)
{
    yd_width_info in = {.kind = YD_CHAR_PLACEHOLDER, .width = 1, .lb = 0, .plain = 1};
    if (c < 0 || c > 0x10FFFF)
        return in;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    int gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    in.plain = gcb == U_GCB_OTHER || gcb == U_GCB_CONTROL || gcb == U_GCB_CR || gcb == U_GCB_LF;
    in.lb = lb_class(c, ea);
    if (c == '\t') {
        in.kind = YD_CHAR_TAB;
        in.width = 4;
    } else if (c < 0x20 || c == 0x7F) {
        in.kind = YD_CHAR_CONTROL;
        in.width = 2; /* ^X */
    } else if (c >= 0x80 && c < 0xA0) {
        in.kind = YD_CHAR_CONTROL;
        in.width = 4; /* <XX> */
    } else if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2066 && c <= 0x2069)) {
        in.kind = YD_CHAR_CONTROL; /* bidi controls: shown (SPEC §3), never obeyed */
        in.width = 6;              /* <202E> */
    } else if (c == 0x2028 || c == 0x2029) {
        in.kind = YD_CHAR_BREAK;
        in.width = 0;
    } else if (c >= 0x1F1E6 && c <= 0x1F1FF) {
        in.kind = YD_CHAR_REGIONAL;
        in.width = 1;
    } else if (U_IS_SURROGATE(c)) {
        in.kind = YD_CHAR_PLACEHOLDER;
        in.width = 1;
    } else if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        in.kind = YD_CHAR_DROP;
        in.width = 0;
    } else {
        int u = unicode_width(c, ea, ambiwidth);
        int g = -1;
        if (glibc_ok)
            g = glibc_width_in_locale(c);
        else
            g = yd_width_glibc(c);
        if (u_charType(c) == U_UNASSIGNED || g < 0) {
            in.kind = u == 0 ? YD_CHAR_DROP : YD_CHAR_PLACEHOLDER;
            in.width = (uint8_t)u;
        } else if (g == u) {
            in.kind = YD_CHAR_DRAW;
            in.width = (uint8_t)u;
        } else if (ea == U_EA_AMBIGUOUS && g == 1 && ambiwidth == 2) {
            in.kind = YD_CHAR_DRAW; /* curses agrees through the wcwidth override */
            in.width = 2;
        } else {
            in.kind = u == 0 ? YD_CHAR_DROP : YD_CHAR_PLACEHOLDER;
            in.width = (uint8_t)u;
        }
    }
    return in;
}

yd_status yd_width_table_new(int ambiwidth, yd_width_table **out, yd_error *err)
{
    *out = NULL;
    if (ambiwidth != 1 && ambiwidth != 2)
        return yd_error_set(err, YD_EINVAL, "ambiwidth must be 1 or 2, not %d", ambiwidth);
    /* calloc: every ready flag starts clear (zero) without touching the
     * table's pages, which stay unmapped until a block is filled. */
    yd_width_table *t = calloc(1, sizeof *t);
    if (!t)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    t->ambiwidth = ambiwidth;
    if (pthread_mutex_init(&t->lock, NULL) != 0) {
        free(t);
        return yd_error_set(err, YD_ENOMEM, "cannot create a lock");
    }
    pthread_once(&glibc_once, glibc_locale_init);
    *out = t;
    return YD_OK;
}

/* Classify the block holding c, unless another thread just did. */
static void fill_block(yd_width_table *t, UChar32 c)
{
    size_t b = (size_t)c >> BLOCK_BITS;
    pthread_mutex_lock(&t->lock);
    if (!atomic_load_explicit(&t->ready[b], memory_order_relaxed)) {
        UChar32 first = (UChar32)(b << BLOCK_BITS), last = first + (1 << BLOCK_BITS) - 1;
        locale_t old = glibc_locale ? uselocale(glibc_locale) : (locale_t)0;
        for (UChar32 k = first; k <= last; k++)
            t->info[k] = classify(k, t->ambiwidth, glibc_locale != (locale_t)0);
        if (glibc_locale)
            uselocale(old);
        mark_lists(t->info, first, last);
        atomic_store_explicit(&t->ready[b], 1, memory_order_release);
    }
    pthread_mutex_unlock(&t->lock);
}

void yd_width_table_free(yd_width_table *table)
{
    if (!table)
        return;
    pthread_mutex_destroy(&table->lock);
    free(table);
}

int yd_width_ambiwidth(const yd_width_table *table) { return table->ambiwidth; }

const yd_width_info *yd_width_table_data(const yd_width_table *table) { return table->info; }

const atomic_uchar *yd_width_table_ready(const yd_width_table *table) { return table->ready; }

yd_width_info yd_width_info_of(const yd_width_table *table, UChar32 c)
{
    if (c >= 0 && c < TABLE_LIMIT) {
        if (!atomic_load_explicit(&table->ready[c >> BLOCK_BITS], memory_order_acquire))
            fill_block((yd_width_table *)table, c); /* logically const: a cache */
        return table->info[c];
    }
    return classify(c, table->ambiwidth, false);
}

int yd_width_terminal(const yd_width_table *table, UChar32 c)
{
    yd_width_info in = yd_width_info_of(table, c);
    return in.kind == YD_CHAR_DRAW ? in.width : -1;
}

UChar32 yd_width_safe_char(const yd_width_table *table, UChar32 c, int *width)
{
    yd_width_info in = yd_width_info_of(table, c);
    UChar32 shown;
    switch (in.kind) {
    case YD_CHAR_DRAW: shown = in.width > 0 ? c : 0; break;
    case YD_CHAR_DROP: shown = 0; break;
    case YD_CHAR_TAB: case YD_CHAR_BREAK: shown = ' '; break;
    default: shown = '?'; break;
    }
    if (width)
        *width = shown == 0 ? 0 : shown == c ? in.width : 1;
    return shown;
}

/* ---- cells of a cluster ---------------------------------------------------- */

typedef struct cell_sink {
    yd_cell *out;   /* may be NULL */
    int count;
    int width;
    int32_t start, length;
} cell_sink;

/* Append a cell; returns its index or -1 when the cluster is full. */
static int sink_put(cell_sink *s, wchar_t ch, int width, int flags)
{
    if (s->count >= YD_CLUSTER_MAX_CELLS)
        return -1;
    if (s->out) {
        yd_cell *c = &s->out[s->count];
        memset(c, 0, sizeof *c);
        c->start = s->start;
        c->length = s->length;
        c->width = (uint8_t)width;
        c->flags = (uint8_t)flags;
        c->ch[0] = ch;
    }
    s->width += width;
    return s->count++;
}

static void sink_ascii(cell_sink *s, const char *text)
{
    for (const char *p = text; *p; p++)
        sink_put(s, (wchar_t)(unsigned char)*p, 1, YD_CELL_PLACEHOLDER);
}

/* Add a zero-width character to cell k; false when it is full. */
static void sink_combine(cell_sink *s, int k, UChar32 c)
{
    if (!s->out)
        return;
    yd_cell *cell = &s->out[k];
    size_t n = wcslen(cell->ch);
    if (n < YD_CELL_CHARS)
        cell->ch[n] = (wchar_t)c;
}

static bool is_emoji_modifier(UChar32 c) { return c >= 0x1F3FB && c <= 0x1F3FF; }

int yd_cluster_cells(const yd_width_table *table, const UChar *text, int32_t start, int32_t end, int col,
                     yd_cell *out, int *width)
{
    cell_sink s = {.out = out, .count = 0, .width = 0, .start = start, .length = end - start};
    int32_t i = start;
    UChar32 c;
    U16_NEXT(text, i, end, c);
    yd_width_info in = yd_width_info_of(table, c);
    char buf[8];
    switch (in.kind) {
    case YD_CHAR_CONTROL:
        if (c == 0x7F)
            sink_ascii(&s, "^?");
        else if (c < 0x20) {
            buf[0] = '^';
            buf[1] = (char)(c + 0x40);
            buf[2] = 0;
            sink_ascii(&s, buf);
        } else {
            static const char hex[] = "0123456789ABCDEF";
            int n = 0;
            buf[n++] = '<';
            if (c > 0xFF) {
                buf[n++] = hex[(c >> 12) & 15];
                buf[n++] = hex[(c >> 8) & 15];
            }
            buf[n++] = hex[(c >> 4) & 15];
            buf[n++] = hex[c & 15];
            buf[n++] = '>';
            buf[n] = 0;
            sink_ascii(&s, buf);
        }
        goto done;
    case YD_CHAR_TAB: {
        int w = 4 - (col % 4 + 4) % 4;
        for (int k = 0; k < w; k++)
            sink_put(&s, L' ', 1, YD_CELL_BLANK);
        goto done;
    }
    case YD_CHAR_BREAK:
        goto done;
    case YD_CHAR_REGIONAL:
        /* A flag: its region code in ASCII letters (CN), which every
         * terminal sizes alike; a lone indicator is one letter. */
        for (i = start; i < end;) {
            U16_NEXT(text, i, end, c);
            if (c >= 0x1F1E6 && c <= 0x1F1FF)
                sink_put(&s, (wchar_t)('A' + (c - 0x1F1E6)), 1, YD_CELL_PLACEHOLDER);
        }
        goto done;
    default:
        break;
    }

    /* Everything else: each spacing character its own cell, zero-width
     * marks combined into the cell before them, ZWJ sequences shown as
     * their parts, modifiers and selectors dropped. */
    int base = -1; /* cell taking combining marks; -2: swallow them */
    bool first = true;
    for (i = start; i < end; first = false) {
        U16_NEXT(text, i, end, c);
        in = yd_width_info_of(table, c);
        if (c == 0x200D) {
            base = -1;
            continue;
        }
        if (!first && is_emoji_modifier(c))
            continue;
        switch (in.kind) {
        case YD_CHAR_DROP:
        case YD_CHAR_BREAK:
            break;
        case YD_CHAR_DRAW:
            if (in.width == 0) {
                if (base >= 0)
                    sink_combine(&s, base, c);
                else if (base == -1) {
                    base = sink_put(&s, L' ', 1, 0); /* a mark with nothing to sit on */
                    if (base >= 0)
                        sink_combine(&s, base, c);
                }
            } else {
                base = sink_put(&s, (wchar_t)c, in.width, 0);
                if (base < 0)
                    base = -2;
            }
            break;
        case YD_CHAR_PLACEHOLDER:
            if (in.width == 2)
                sink_put(&s, 0x3013, 2, YD_CELL_PLACEHOLDER); /* 〓 */
            else if (in.width == 1)
                sink_put(&s, L'?', 1, YD_CELL_PLACEHOLDER);
            base = -2;
            break;
        default: /* a control inside a cluster: never expected */
            sink_put(&s, L'?', 1, YD_CELL_PLACEHOLDER);
            base = -2;
            break;
        }
    }
done:
    if (width)
        *width = s.width;
    return s.count;
}

int yd_width_of_text(const yd_width_table *table, const UChar *text, int32_t length)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "zh", text, length, &st);
    if (U_FAILURE(st))
        return -1;
    int col = 0;
    int32_t a = ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
        int w = 0;
        yd_cluster_cells(table, text, a, b, col, NULL, &w);
        col += w;
    }
    ubrk_close(bi);
    return col;
}
