/* Layout: paragraphs to rows. See layout.h and docs/LAYOUT.md. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "yuedu/layout.h"
#include "yuedu/markup.h"

#define CACHED_WIDTHS 5

typedef struct para_rows {
    yd_row *rows;
    int32_t count; /* -1: not laid out yet */
} para_rows;

typedef struct width_cache {
    int width;          /* options.width it was made for; 0: unused */
    uint64_t used;      /* for eviction */
    para_rows *paras;
} width_cache;

/* ICU grapheme iterator over a range of the text, set lazily. */
typedef struct graphemes {
    UBreakIterator *bi;
    int32_t base, length; /* the range it was given; length -1: none */
} graphemes;

struct yd_layout {
    const yd_document *doc;
    const yd_width_table *widths;
    const yd_width_info *info; /* widths' table, for the hot loops */
    const atomic_uchar *ready; /* which blocks of it are filled */
    yd_layout_options options;
    int text_width, margin;
    width_cache caches[CACHED_WIDTHS];
    width_cache *cache;  /* the current width's */
    uint64_t clock;
    UBreakIterator *lines;
    graphemes gr;
    struct boundary *bounds; /* scratch: boundaries of the row being filled */
    int32_t bounds_cap;
    yd_row *scratch;     /* rows of the paragraph being laid out */
    int32_t scratch_cap;
    yd_layout_stats stats;
    int usual_lead;      /* cells of the document's ordinary paragraph indent */
};

void yd_layout_options_default(yd_layout_options *options)
{
    options->width = 80;
    options->max_text_width = 0;
    options->indent = 4;
    options->blank_between = false;
    options->paragraph_indent = NULL;
    options->context = NULL;
    options->hidden = NULL;
}

/* What a rendered document says of paragraph para; NULL for plain text. */
static const yd_line_info *markup_line(const yd_layout *l, int32_t para)
{
    const yd_markup *m = l->doc->markup;
    return m && para >= 0 && para < m->line_count ? &m->lines[para] : NULL;
}

/* "#", "##"... then a space: a Markdown heading, not indented. */
static bool markdown_heading(const UChar *t, int32_t s, int32_t e)
{
    int32_t i = s;
    while (i < e && i - s < 6 && t[i] == '#')
        i++;
    return i > s && i < e && (t[i] == ' ' || t[i] == '\t');
}

/* The first-row indent of a paragraph; *body: it is the configured one (a
 * body paragraph, not a heading or the title line). */
static int first_indent(const yd_layout *l, int32_t para, int32_t ds, int32_t le, bool *body)
{
    int indent = -1;
    *body = false;
    const yd_line_info *mi = markup_line(l, para);
    if (mi && mi->indent != YD_INDENT_DEFAULT) /* a rendered block says where it starts */
        return mi->indent < l->text_width ? mi->indent : 0;
    if (l->options.paragraph_indent)
        indent = l->options.paragraph_indent(l->options.context, para);
    if (indent < 0) {
        *body = !(l->doc->format == YD_FORMAT_MARKDOWN && markdown_heading(l->doc->text, ds, le));
        indent = *body ? l->options.indent : 0;
    }
    return indent < l->text_width ? indent : 0;
}

/* Leading white space that means something. A document indents its
 * paragraphs one way (two U+3000, four spaces, a tab, or not at all) and
 * that indent is replaced by the configured one; but a line indented more
 * than that by two full-width characters or more is verse, a quotation or a
 * signature and date block pushed to the right, and keeps what it has beyond
 * the ordinary indent (docs/LAYOUT.md, "Leading white space"). */
enum {
    LEAD_MEANINGFUL = 4, /* cells beyond the ordinary indent that are kept */
    LEAD_PUSHED = 16,    /* a lead this long pushes the line flush right */
    LEAD_SAMPLE = 4096,  /* lines looked at to find the ordinary indent */
    LEAD_MAX = 255
};

static bool is_lead_space(UChar c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

/* Cells of the white space that starts [s, e): U+3000 two, a tab four. */
static int lead_cells(const UChar *t, int32_t s, int32_t e)
{
    int cells = 0;
    for (int32_t i = s; i < e && is_lead_space(t[i]) && cells < LEAD_MAX; i++)
        cells += t[i] == 0x3000 ? 2 : t[i] == '\t' ? 4 : 1;
    return cells < LEAD_MAX ? cells : LEAD_MAX;
}

/* The ordinary paragraph indent of d: the most common lead of its non-blank
 * lines, from up to LEAD_SAMPLE lines spread evenly over it (a 100 MB
 * document costs no more than a short one). Ties go to the smaller. */
static int usual_lead(const yd_document *d)
{
    int32_t n = d->line_count, step = n > LEAD_SAMPLE ? n / LEAD_SAMPLE : 1;
    uint32_t count[LEAD_MAX + 1] = {0};
    for (int32_t k = 0; k < n; k += step) {
        int32_t s = d->line_starts[k], e = k + 1 < n ? d->line_starts[k + 1] : d->length;
        int lead = lead_cells(d->text, s, e);
        int32_t after = s;
        while (after < e && is_lead_space(d->text[after]))
            after++;
        if (after < e && d->text[after] != '\n' && d->text[after] != '\r')
            count[lead]++;
    }
    int best = 0;
    for (int c = 1; c <= LEAD_MAX; c++)
        if (count[c] > count[best])
            best = c;
    return best;
}

static void compute_geometry(yd_layout *l)
{
    int w = l->options.width < 2 ? 2 : l->options.width;
    int t = w;
    if (l->options.max_text_width > 0 && l->options.max_text_width < t)
        t = l->options.max_text_width < 2 ? 2 : l->options.max_text_width;
    l->text_width = t;
    l->margin = (w - t) / 2;
}

static void cache_clear(width_cache *c, int32_t paras)
{
    if (c->paras) {
        for (int32_t k = 0; k < paras; k++)
            free(c->paras[k].rows);
        free(c->paras);
    }
    c->paras = NULL;
    c->width = 0;
}

static yd_status select_cache(yd_layout *l, yd_error *err)
{
    int32_t n = l->doc->line_count;
    width_cache *victim = &l->caches[0];
    for (int k = 0; k < CACHED_WIDTHS; k++) {
        width_cache *c = &l->caches[k];
        if (c->width == l->options.width) {
            c->used = ++l->clock;
            l->cache = c;
            return YD_OK;
        }
        if (c->width == 0 || (victim->width != 0 && c->used < victim->used))
            victim = c;
    }
    cache_clear(victim, n);
    victim->paras = malloc((size_t)(n > 0 ? n : 1) * sizeof *victim->paras);
    if (!victim->paras)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    for (int32_t k = 0; k < n; k++)
        victim->paras[k] = (para_rows){NULL, -1};
    victim->width = l->options.width;
    victim->used = ++l->clock;
    l->cache = victim;
    return YD_OK;
}

yd_status yd_layout_new(const yd_document *doc, const yd_width_table *widths, const yd_layout_options *options,
                        yd_layout **out, yd_error *err)
{
    *out = NULL;
    if (options->width < 2 || options->width > YD_LAYOUT_MAX_WIDTH)
        return yd_error_set(err, YD_EINVAL, "layout width must be 2 to %d, not %d", YD_LAYOUT_MAX_WIDTH, options->width);
    yd_layout *l = calloc(1, sizeof *l);
    if (!l)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    l->doc = doc;
    l->widths = widths;
    l->info = yd_width_table_data(widths);
    l->ready = yd_width_table_ready(widths);
    l->options = *options;
    if (l->options.indent < 0)
        l->options.indent = 0;
    compute_geometry(l);
    /* Two U+3000 are the paragraph indent of Chinese typesetting, whatever
     * the rest of the document does: never more than ordinary. */
    l->usual_lead = usual_lead(doc);
    if (l->usual_lead < 4)
        l->usual_lead = 4;
    UErrorCode st = U_ZERO_ERROR;
    l->lines = ubrk_open(UBRK_LINE, "zh", NULL, 0, &st);
    l->gr.bi = ubrk_open(UBRK_CHARACTER, "zh", NULL, 0, &st);
    l->gr.length = -1;
    if (U_FAILURE(st)) {
        yd_layout_free(l);
        return yd_error_set(err, YD_ENOMEM, "cannot open ICU break iterators: %s", u_errorName(st));
    }
    yd_status s = select_cache(l, err);
    if (s != YD_OK) {
        yd_layout_free(l);
        return s;
    }
    *out = l;
    return YD_OK;
}

void yd_layout_free(yd_layout *l)
{
    if (!l)
        return;
    for (int k = 0; k < CACHED_WIDTHS; k++)
        cache_clear(&l->caches[k], l->doc->line_count);
    if (l->lines)
        ubrk_close(l->lines);
    if (l->gr.bi)
        ubrk_close(l->gr.bi);
    free(l->scratch);
    free(l->bounds);
    free(l);
}

yd_status yd_layout_set_width(yd_layout *l, int width, yd_error *err)
{
    if (width < 2 || width > YD_LAYOUT_MAX_WIDTH)
        return yd_error_set(err, YD_EINVAL, "layout width must be 2 to %d, not %d", YD_LAYOUT_MAX_WIDTH, width);
    l->options.width = width;
    compute_geometry(l);
    return select_cache(l, err);
}

yd_status yd_layout_invalidate(yd_layout *l, yd_error *err)
{
    for (int k = 0; k < CACHED_WIDTHS; k++)
        cache_clear(&l->caches[k], l->doc->line_count);
    l->cache = NULL;
    return select_cache(l, err);
}

yd_status yd_layout_set_options(yd_layout *l, const yd_layout_options *options, yd_error *err)
{
    if (options->width < 2 || options->width > YD_LAYOUT_MAX_WIDTH)
        return yd_error_set(err, YD_EINVAL, "layout width must be 2 to %d, not %d", YD_LAYOUT_MAX_WIDTH,
                            options->width);
    l->options = *options;
    if (l->options.indent < 0)
        l->options.indent = 0;
    compute_geometry(l);
    return yd_layout_invalidate(l, err);
}

int yd_layout_text_width(const yd_layout *l) { return l->text_width; }
int yd_layout_margin(const yd_layout *l) { return l->margin; }
int32_t yd_layout_paragraph_count(const yd_layout *l) { return l->doc->line_count; }
const yd_document *yd_layout_document(const yd_layout *l) { return l->doc; }
yd_layout_stats yd_layout_get_stats(const yd_layout *l) { return l->stats; }

/* ---- grapheme clusters --------------------------------------------------- */

static inline yd_width_info winfo(const yd_layout *l, UChar32 c)
{
    if ((uint32_t)c < YD_WIDTH_TABLE_LIMIT && atomic_load_explicit(&l->ready[c >> YD_WIDTH_BLOCK_BITS], memory_order_acquire))
        return l->info[c];
    return yd_width_info_of(l->widths, c); /* fills the block on first use */
}

/* End of the grapheme cluster starting at pos, when ICU must say. */
static int32_t cluster_end_icu(yd_layout *l, int32_t base, int32_t pos, int32_t end)
{
    const UChar *t = l->doc->text;
    if (l->gr.base != base || l->gr.length != end - base) {
        UErrorCode st = U_ZERO_ERROR;
        ubrk_setText(l->gr.bi, t + base, end - base, &st);
        if (U_FAILURE(st)) { /* cannot happen for a valid range: a code point at a time */
            int32_t j = pos;
            U16_FWD_1(t, j, end);
            return j;
        }
        l->gr.base = base;
        l->gr.length = end - base;
    }
    int32_t b = ubrk_following(l->gr.bi, pos - base);
    return b == UBRK_DONE ? end : b + base;
}

/* End of the grapheme cluster starting at pos (a cluster boundary) in
 * text[.., end), whose first code point ends at j and has info in. Two
 * "plain" code points always have a boundary between them; anything else
 * asks ICU, over the range [base, end). */
static inline int32_t cluster_end_at(yd_layout *l, int32_t base, int32_t pos, int32_t j, yd_width_info in, int32_t end)
{
    if (j >= end)
        return end;
    if (in.plain) {
        const UChar *t = l->doc->text;
        UChar32 d;
        U16_GET(t, j, j, end, d);
        if (winfo(l, d).plain)
            return j;
    }
    return cluster_end_icu(l, base, pos, end);
}

/* ---- one paragraph ------------------------------------------------------ */

static bool is_blank_space(UChar32 c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

static bool line_is_blank(const yd_document *d, int32_t s, int32_t e)
{
    for (int32_t i = s; i < e;) {
        UChar32 c;
        U16_NEXT(d->text, i, e, c);
        if (!is_blank_space(c))
            return false;
    }
    return true;
}

static int push_row(yd_layout *l, int32_t *count, const yd_row *r)
{
    if (*count == l->scratch_cap) {
        int32_t cap = l->scratch_cap ? l->scratch_cap * 2 : 64;
        yd_row *p = realloc(l->scratch, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        l->scratch = p;
        l->scratch_cap = cap;
    }
    l->scratch[(*count)++] = *r;
    return 0;
}

/* ICU's line break iterator over text[s, e), the drawn part of a
 * paragraph; choose_break asks it only what nothing else decides. */
static yd_status set_line_text(yd_layout *l, int32_t s, int32_t e, yd_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(l->lines, l->doc->text + s, e - s, &st);
    if (U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "line breaking failed: %s", u_errorName(st));
    return YD_OK;
}

/* May a row break between a character of class a and one of class b (the
 * Chinese rules being kept)? Between two CJK characters the Chinese rules
 * alone decide; between CJK and ASCII letters, digits or closing
 * punctuation UAX #14 always allows it (LB31), as between spaces and a
 * letter (LB18), between two ASCII letters or digits never; anything else
 * is ICU's call. Deciding here keeps ICU out of Chinese text. */
static inline bool decided_or_icu(yd_layout *l, uint8_t a, uint8_t b, int32_t rel)
{
    if (b & YD_LB_CJK) {
        if (a & (YD_LB_CJK | YD_LB_WORD | YD_LB_ASCII_CLOSE))
            return true;
    } else if (b & YD_LB_WORD) {
        if (a & (YD_LB_CJK | YD_LB_SPACE)) /* after spaces: LB18 (LB14's OP SP* is a rule of ours) */
            return true;
        if (a & YD_LB_WORD)
            return false;
    }
    return ubrk_isBoundary(l->lines, rel);
}

/* A grapheme boundary inside the row being filled: where the row could
 * end, and what it would look like then. */
typedef struct boundary {
    int32_t at;           /* text offset */
    int32_t vis_end;      /* drawn text would end here */
    int16_t vis_col;      /* and take this many columns (with the indent) */
    uint8_t prev_lb;      /* classes of the cluster before, */
    uint8_t prev_vis_lb;  /* of the last one not white space, */
    uint8_t lb;           /* and of the one after */
} boundary;

static int push_boundary(yd_layout *l, int32_t *n, boundary b)
{
    if (*n == l->bounds_cap) {
        int32_t cap = l->bounds_cap ? l->bounds_cap * 2 : 256;
        boundary *p = realloc(l->bounds, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        l->bounds = p;
        l->bounds_cap = cap;
    }
    l->bounds[(*n)++] = b;
    return 0;
}

/* The row overflows: where does it end? The last boundary that keeps the
 * Chinese rules and is a line break opportunity; else the last that keeps
 * the rules (an emergency break at a grapheme boundary); else the last
 * (*forced). Rules and ICU are only asked here, from the end of the row
 * backwards, so most boundaries are never examined. -1: none. */
static int32_t choose_break(yd_layout *l, int32_t n, int32_t ds, bool *forced)
{
    int32_t kept = -1;
    *forced = false;
    for (int32_t k = n - 1; k >= 0; k--) {
        const boundary *b = &l->bounds[k];
        bool rules = !(b->lb & YD_LB_NO_START) && !(b->prev_vis_lb & YD_LB_NO_END) &&
                     !((b->prev_lb & b->lb) & YD_LB_INSEPARABLE);
        if (!rules)
            continue;
        if (decided_or_icu(l, b->prev_lb, b->lb, b->at - ds))
            return k;
        if (kept < 0 && !(b->lb & YD_LB_SPACE))
            kept = k;
    }
    if (kept >= 0)
        return kept;
    *forced = n > 0;
    return n - 1;
}

/* Cells of [s, e) on one row, counting up to limit (a line longer than
 * that is not measured further). */
static int text_cells(const yd_layout *l, int32_t s, int32_t e, int limit)
{
    int cells = 0;
    for (int32_t i = s; i < e && cells < limit;) {
        UChar32 c;
        U16_NEXT(l->doc->text, i, e, c);
        yd_width_info in = winfo(l, c);
        cells += in.kind == YD_CHAR_DRAW ? in.width : 1;
    }
    return cells;
}

/* A line of a code block or a table: one row, its leading spaces kept,
 * nothing broken or moved by the Chinese rules; what does not fit the pane
 * is cut (YD_ROW_CLIPPED), so that a table row is never torn in two. */
static yd_status lay_out_verbatim(yd_layout *l, int indent, int32_t ls, int32_t le, int32_t *count, yd_error *err)
{
    const UChar *t = l->doc->text;
    const int W = l->text_width;
    if (indent >= W)
        indent = 0;
    yd_row r = {.start = ls, .end = le, .draw_start = ls, .indent = (int16_t)indent,
                .flags = YD_ROW_FIRST | YD_ROW_LAST};
    int col = indent;
    int32_t pos = ls;
    while (pos < le) {
        int32_t j = pos;
        UChar32 c;
        U16_NEXT(t, j, le, c);
        yd_width_info in = winfo(l, c);
        int32_t ce = cluster_end_at(l, ls, pos, j, in, le);
        int w;
        if (in.kind == YD_CHAR_DRAW && ce == j && in.width > 0)
            w = in.width;
        else
            yd_cluster_cells(l->widths, t, pos, ce, col, NULL, &w);
        if (col + w > W) {
            r.flags |= YD_ROW_CLIPPED;
            break;
        }
        col += w;
        pos = ce;
    }
    r.draw_end = pos;
    r.width = (int16_t)(col - indent);
    if (push_row(l, count, &r) != 0)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    return YD_OK;
}

static void lay_out_text(yd_layout *l, int32_t para, int32_t ls, int32_t le, int32_t *count, yd_error *err,
                         yd_status *status)
{
    const UChar *t = l->doc->text;
    const yd_width_table *wt = l->widths;
    const int W = l->text_width;
    const yd_line_info *mi = markup_line(l, para);
    if (mi && yd_block_is_verbatim(mi->kind)) {
        *status = lay_out_verbatim(l, mi->indent == YD_INDENT_DEFAULT ? 0 : mi->indent, ls, le, count, err);
        return;
    }
    int32_t ds = ls;
    while (ds < le) { /* leading white space gives way to the indent */
        int32_t j = ds;
        UChar32 c;
        U16_NEXT(t, j, le, c);
        if (!is_blank_space(c))
            break;
        ds = j;
    }
    *status = set_line_text(l, ds, le, err);
    if (*status != YD_OK)
        return;

    int32_t row_start = ls, pos = ds;
    bool body;
    int indent = first_indent(l, para, ds, le, &body);
    /* What the line's own indent has beyond the document's ordinary one:
     * kept, on every row of the paragraph (a quotation stays a block). */
    int lead = body && !mi ? lead_cells(t, ls, le) : 0, kept = 0;
    if (mi && mi->hang > 0) /* a list item's text hangs under its first row's text */
        kept = mi->hang < W / 2 ? mi->hang : W / 2;
    if (lead >= l->usual_lead + LEAD_MEANINGFUL) {
        kept = lead - l->usual_lead;
        if (kept > W / 2)
            kept = W / 2;
        indent = indent + kept < W ? indent + kept : kept;
        if (lead >= LEAD_PUSHED) {
            /* Pushed right (a signature, a date): set flush right, as an
             * official document sets them, when the line fits a row. */
            int cells = text_cells(l, ds, le, W + 1);
            if (cells <= W) {
                indent = W - cells;
                kept = 0;
            }
        }
    }
    bool first = true;
    for (;;) {
    retry_row:;
        yd_row r = {.start = row_start, .draw_start = pos, .indent = (int16_t)indent};
        if (first)
            r.flags |= YD_ROW_FIRST;
        int col = indent, vis_col = indent;
        int32_t vis_end = pos;
        int32_t nb = 0; /* boundaries in l->bounds */
        uint8_t prev_lb = 0, prev_vis_lb = 0;
        int32_t brk = -1; /* where this row ends */
        uint16_t how = 0;
        while (pos < le) {
            UChar32 c;
            int32_t j = pos;
            U16_NEXT(t, j, le, c);
            yd_width_info in = winfo(l, c);
            if (pos > r.draw_start) {
                boundary b = {pos, vis_end, (int16_t)vis_col, prev_lb, prev_vis_lb, in.lb};
                if (push_boundary(l, &nb, b) != 0)
                    goto nomem;
            }
            int32_t ce = cluster_end_at(l, ds, pos, j, in, le);
            if (in.kind == YD_CHAR_BREAK) {
                pos = ce;
                brk = ce;
                how = YD_ROW_HARD;
                break;
            }
            int w;
            if (in.kind == YD_CHAR_DRAW && ce == j && in.width > 0)
                w = in.width;
            else
                yd_cluster_cells(wt, t, pos, ce, col, NULL, &w);
            if (in.lb & YD_LB_SPACE) { /* hangs if the row breaks after it */
                col += w;
                prev_lb = in.lb;
                pos = ce;
                continue;
            }
            if (col + w > W) {
                bool forced;
                int32_t k = choose_break(l, nb, ds, &forced);
                if (forced && indent > 0) {
                    /* Better a row without its indent than a broken rule
                     * (a narrow pane and "（二）" after the indent). */
                    indent = 0;
                    pos = r.draw_start;
                    goto retry_row;
                }
                if (k >= 0) {
                    brk = l->bounds[k].at;
                    vis_end = l->bounds[k].vis_end;
                    vis_col = l->bounds[k].vis_col;
                    if (forced)
                        how = YD_ROW_FORCED;
                    pos = brk;
                    break;
                }
                /* Nothing on the row yet: the cluster alone is too wide.
                 * Give up the indent, then clip. */
                if (indent > 0 && w <= W) {
                    indent = W - w;
                    r.indent = (int16_t)indent;
                    col = vis_col = indent;
                    goto place;
                }
                how = YD_ROW_CLIPPED;
                col += w;
                vis_col = col > W ? W : col;
                vis_end = ce;
                pos = ce;
                brk = ce < le ? ce : -1;
                break;
            }
        place:
            col += w;
            vis_col = col;
            vis_end = ce;
            prev_lb = prev_vis_lb = in.lb;
            pos = ce;
        }
        r.draw_end = vis_end;
        r.width = (int16_t)(vis_col - r.indent);
        r.flags |= how;
        if (brk < 0 || (brk >= le && how != YD_ROW_HARD)) {
            r.end = le;
            r.flags |= YD_ROW_LAST;
            if (push_row(l, count, &r) != 0)
                goto nomem;
            return;
        }
        r.end = brk;
        if (brk >= le)
            r.flags |= YD_ROW_LAST;
        if (push_row(l, count, &r) != 0)
            goto nomem;
        if (brk >= le)
            return;
        row_start = brk;
        pos = brk;
        first = false;
        indent = kept;
        if (how == YD_ROW_HARD && t[brk - 1] == 0x2029) {
            indent = l->options.indent + kept < W ? l->options.indent + kept : 0;
            /* a new paragraph in all but name: its leading space goes too */
            while (pos < le && is_blank_space(t[pos]))
                pos++;
        }
    }
nomem:
    *status = yd_error_set(err, YD_ENOMEM, "out of memory");
}

static yd_status lay_out(yd_layout *l, int32_t para, yd_error *err)
{
    const yd_document *d = l->doc;
    int32_t ls, le;
    yd_document_line_bounds(d, para, &ls, &le);
    int32_t count = 0;
    yd_status st = YD_OK;
    if (l->options.hidden && l->options.hidden[para]) {
        ; /* not shown: no rows */
    } else if (line_is_blank(d, ls, le)) {
        bool fold = false;
        if (l->options.blank_between && para > 0) {
            int32_t ps, pe;
            yd_document_line_bounds(d, para - 1, &ps, &pe);
            fold = line_is_blank(d, ps, pe);
        }
        if (!fold) {
            yd_row r = {.start = ls, .end = le, .draw_start = le, .draw_end = le,
                        .flags = YD_ROW_FIRST | YD_ROW_LAST | YD_ROW_BLANK};
            if (push_row(l, &count, &r) != 0)
                return yd_error_set(err, YD_ENOMEM, "out of memory");
        }
    } else {
        lay_out_text(l, para, ls, le, &count, err, &st);
        if (st != YD_OK)
            return st;
        if (l->options.blank_between && para + 1 < d->line_count) {
            int32_t ns, ne;
            yd_document_line_bounds(d, para + 1, &ns, &ne);
            if (!line_is_blank(d, ns, ne)) {
                yd_row r = {.start = le, .end = le, .draw_start = le, .draw_end = le, .flags = YD_ROW_GAP};
                if (push_row(l, &count, &r) != 0)
                    return yd_error_set(err, YD_ENOMEM, "out of memory");
            }
        }
    }
    para_rows *p = &l->cache->paras[para];
    p->rows = NULL;
    if (count > 0) {
        p->rows = malloc((size_t)count * sizeof *p->rows);
        if (!p->rows)
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        memcpy(p->rows, l->scratch, (size_t)count * sizeof *p->rows);
    }
    p->count = count;
    l->stats.paragraphs_laid_out++;
    l->stats.rows_made += count;
    return YD_OK;
}

yd_status yd_layout_paragraph(yd_layout *l, int32_t para, const yd_row **rows, int32_t *count, yd_error *err)
{
    *rows = NULL;
    *count = 0;
    if (para < 0 || para >= l->doc->line_count)
        return yd_error_set(err, YD_EINVAL, "no paragraph %ld", (long)para);
    para_rows *p = &l->cache->paras[para];
    if (p->count < 0) {
        yd_status st = lay_out(l, para, err);
        if (st != YD_OK)
            return st;
    }
    *rows = p->rows;
    *count = p->count;
    return YD_OK;
}

int yd_layout_row_cells(yd_layout *l, const yd_row *row, yd_cell *cells, int cap)
{
    const UChar *t = l->doc->text;
    int W = l->text_width;
    int col = row->indent, n = 0;
    yd_cell tmp[YD_CLUSTER_MAX_CELLS];
    for (int32_t pos = row->draw_start; pos < row->draw_end;) {
        int32_t j = pos;
        UChar32 c;
        U16_NEXT(t, j, row->draw_end, c);
        yd_width_info in = winfo(l, c);
        int32_t ce = cluster_end_at(l, row->draw_start, pos, j, in, row->draw_end);
        if (ce == j && in.kind == YD_CHAR_DRAW && in.width > 0) { /* the common case */
            if (col + in.width > W || n >= cap)
                return n;
            yd_cell *cell = &cells[n++];
            cell->start = pos;
            cell->length = j - pos;
            cell->width = in.width;
            cell->flags = 0;
            cell->ch[0] = (wchar_t)c;
            cell->ch[1] = 0;
            col += in.width;
            pos = ce;
            continue;
        }
        int w = 0;
        int k = yd_cluster_cells(l->widths, t, pos, ce, col, tmp, &w);
        for (int i = 0; i < k; i++) {
            if (col + tmp[i].width > W || n >= cap)
                return n; /* clipped */
            cells[n++] = tmp[i];
            col += tmp[i].width;
        }
        pos = ce;
    }
    return n;
}

/* ---- positions ------------------------------------------------------------ */

yd_status yd_layout_pos_of_offset(yd_layout *l, int32_t offset, yd_layout_pos *pos, yd_error *err)
{
    pos->para = 0;
    pos->row = 0;
    if (l->doc->line_count == 0)
        return YD_OK;
    int32_t para = yd_document_line_at(l->doc, offset);
    const yd_row *rows;
    int32_t count;
    yd_status st = yd_layout_paragraph(l, para, &rows, &count, err);
    if (st != YD_OK)
        return st;
    pos->para = para;
    if (count == 0 && l->options.hidden && l->options.hidden[para]) {
        /* A hidden paragraph: the first row shown after it, else before. */
        int32_t moved;
        st = yd_layout_pos_move(l, pos, 1, &moved, err);
        if (st == YD_OK && moved == 0)
            st = yd_layout_pos_move(l, pos, -1, &moved, err);
        return st;
    }
    for (int32_t k = 0; k < count; k++) {
        if (offset < rows[k].end || (rows[k].flags & YD_ROW_LAST)) {
            pos->row = k;
            return YD_OK;
        }
    }
    return YD_OK;
}

yd_status yd_layout_pos_move(yd_layout *l, yd_layout_pos *pos, int32_t delta, int32_t *moved, yd_error *err)
{
    int32_t done = 0;
    const yd_row *rows;
    int32_t count;
    yd_status st;
    int32_t n = l->doc->line_count;
    if (n == 0) /* an empty document: nowhere to move (an empty file truncated under the reader) */
        delta = 0;
    while (delta > 0) {
        if ((st = yd_layout_paragraph(l, pos->para, &rows, &count, err)) != YD_OK)
            return st;
        if (pos->row + 1 < count) {
            pos->row++;
            delta--;
            done++;
            continue;
        }
        /* next paragraph with rows */
        int32_t p = pos->para + 1;
        for (; p < n; p++) {
            if ((st = yd_layout_paragraph(l, p, &rows, &count, err)) != YD_OK)
                return st;
            if (count > 0)
                break;
        }
        if (p >= n)
            break;
        pos->para = p;
        pos->row = 0;
        delta--;
        done++;
    }
    while (delta < 0) {
        if (pos->row > 0) {
            pos->row--;
            delta++;
            done++;
            continue;
        }
        int32_t p = pos->para - 1;
        for (; p >= 0; p--) {
            if ((st = yd_layout_paragraph(l, p, &rows, &count, err)) != YD_OK)
                return st;
            if (count > 0)
                break;
        }
        if (p < 0)
            break;
        pos->para = p;
        pos->row = count - 1;
        delta++;
        done++;
    }
    if (moved)
        *moved = done;
    return YD_OK;
}
