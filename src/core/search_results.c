/* The result list of a search: an index of every hit by document, section
 * and line, its rows, the filter, and the text of one row at a time
 * (snippets, section breadcrumbs); see search_results.h. */
#include "yuedu/search_results.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

enum { TITLE_MAX = 512, NAME_MAX_UNITS = 512, DEPTH_MAX = 16 };

/* ---- text of one row ---------------------------------------------------- */

/* yd_hit_context for a hit starting on line (known: no search for it). */
static void context_on_line(const yd_document *doc, const yd_hit *hit, int32_t line, int chars, int32_t *from,
                            int32_t *to, int *cut_before, int *cut_after)
{
    int32_t line_start, line_end;
    int32_t end = hit->offset + hit->length;
    yd_document_line_bounds(doc, line, &line_start, &line_end);
    if (line_end < end) /* the hit goes on past its line: to the end of its last one */
        yd_document_line_bounds(doc, yd_document_line_at(doc, end - 1), &(int32_t){0}, &line_end);
    if (line_end < end)
        line_end = end;
    int32_t f = hit->offset, t = end;
    for (int k = 0; k < chars && f > line_start; k++)
        U16_BACK_1(doc->text, line_start, f);
    for (int k = 0; k < chars && t < line_end; k++)
        U16_FWD_1(doc->text, t, line_end);
    int before = f > line_start, after = t < line_end;
    while (f < hit->offset && u_isUWhiteSpace(doc->text[f])) {
        f++;
        before = 0;
    }
    while (t > end && u_isUWhiteSpace(doc->text[t - 1])) {
        t--;
        after = 0;
    }
    *from = f;
    *to = t;
    *cut_before = before;
    *cut_after = after;
}

void yd_hit_context(const yd_document *doc, const yd_hit *hit, int chars, int32_t *from, int32_t *to,
                    int *cut_before, int *cut_after)
{
    context_on_line(doc, hit, yd_document_line_at(doc, hit->offset), chars, from, to, cut_before, cut_after);
}

/* The character shown for the code point at text[i] and its width. */
static UChar32 shown_at(const yd_width_table *widths, const UChar *text, int32_t i, int32_t n, int32_t *next,
                        int *width)
{
    UChar32 c;
    U16_NEXT(text, i, n, c);
    *next = i;
    if (c == '\n') { /* a hit across lines */
        *width = 1;
        return ' ';
    }
    return yd_width_safe_char(widths, c, width);
}

/* Width of text[from, to), counting at most limit + 1. */
static int width_between(const yd_width_table *widths, const UChar *text, int32_t from, int32_t to, int limit)
{
    int total = 0;
    for (int32_t i = from; i < to && total <= limit;) {
        int w;
        shown_at(widths, text, i, to, &i, &w);
        total += w;
    }
    return total;
}

/* The earliest offset from which text[.., end) is at most budget wide,
 * no earlier than start. */
static int32_t back_fit(const yd_width_table *widths, const UChar *text, int32_t start, int32_t end, int budget,
                        int *used)
{
    int32_t at = end;
    *used = 0;
    while (at > start) {
        int32_t prev = at, ignored;
        U16_BACK_1(text, start, prev);
        int w;
        shown_at(widths, text, prev, end, &ignored, &w);
        if (*used + w > budget)
            break;
        *used += w;
        at = prev;
    }
    return at;
}

static int put(yd_snippet_cell *out, int n, int capacity, UChar32 ch, int32_t offset, int width, int in_hit)
{
    if (n < capacity)
        out[n] = (yd_snippet_cell){ch, offset, (uint8_t)width, (uint8_t)in_hit};
    return n + 1;
}

int yd_result_snippet(const yd_document *doc, const yd_width_table *widths, const yd_hit *hit, int cells,
                      yd_snippet_cell *out, int capacity)
{
    if (cells <= 0 || capacity <= 0)
        return 0;
    const UChar *text = doc->text;
    int32_t from, to, hit_end = hit->offset + hit->length;
    int cut_before, cut_after;
    /* Every character shown takes a cell at least (those with none are
     * rare): cells + 2 either side is all a snippet can use, and a line of
     * 60 MB costs no more than a short one. */
    yd_hit_context(doc, hit, cells + 2, &from, &to, &cut_before, &cut_after);
    int ell = 0;
    yd_width_safe_char(widths, 0x2026, &ell); /* … is East Asian Ambiguous: 1 or 2 cells */
    if (ell <= 0)
        ell = 1;
    int hit_width = width_between(widths, text, hit->offset, hit_end, cells);
    int room = cells - hit_width;
    int32_t start = hit->offset;
    if (room > 0) {
        /* After the hit: what the line still has, up to the room. */
        int after = cut_after ? room + 1 : width_between(widths, text, hit_end, to, room);
        int before_budget = room / 3;
        if (room - after > before_budget)
            before_budget = room - after;
        int used;
        start = back_fit(widths, text, from, hit->offset, before_budget, &used);
        if (start > from || cut_before) /* the line goes on before: room for the … */
            start = back_fit(widths, text, from, hit->offset, before_budget - ell, &used);
    }
    int n = 0, col = 0;
    if ((start > from || cut_before) && ell <= cells) {
        n = put(out, n, capacity, 0x2026, -1, ell, 0);
        col += ell;
    }
    for (int32_t i = start; i < to;) {
        int32_t next;
        int w;
        UChar32 ch = shown_at(widths, text, i, to, &next, &w);
        /* Past this character the line goes on: keep room for the …. */
        int tail = next < to || cut_after ? ell : 0;
        if (col + w + tail > cells) {
            if (col + ell <= cells)
                n = put(out, n, capacity, 0x2026, -1, ell, 0);
            break;
        }
        if (ch != 0) {
            n = put(out, n, capacity, ch, i, w, i >= hit->offset && i < hit_end);
            col += w;
        }
        i = next;
        if (i == to && cut_after)
            n = put(out, n, capacity, 0x2026, -1, ell, 0);
    }
    return n < capacity ? n : capacity;
}

int32_t yd_result_section_title(const yd_document *doc, const yd_outline *o, int32_t node, UChar *buf,
                                int32_t capacity)
{
    int32_t chain[DEPTH_MAX], depth = 0;
    for (int32_t p = node; o && p >= 0 && p < o->count; p = o->nodes[p].parent) {
        if (o->nodes[p].kind == YD_NODE_ITEM)
            continue;
        if (depth == DEPTH_MAX) /* keep the innermost */
            memmove(chain, chain + 1, (DEPTH_MAX - 1) * sizeof chain[0]), depth--;
        chain[depth++] = p;
    }
    static const UChar sep[] = {' ', 0x203A, ' '};
    int32_t n = 0;
    while (depth-- > 0 && n < capacity) {
        if (n > 0) {
            for (int k = 0; k < 3 && n < capacity; k++)
                buf[n++] = sep[k];
        }
        int32_t len = yd_outline_node_title(doc, &o->nodes[chain[depth]], buf + n, capacity - n);
        n += len < capacity - n ? len : capacity - n;
    }
    return n;
}

/* ---- the index ------------------------------------------------------------ */

/* The innermost heading (not item) node holding offset, or -1. */
static int32_t section_of(const yd_outline *o, int32_t offset)
{
    if (!o || o->count == 0)
        return -1;
    int32_t node = yd_outline_node_at(o, offset);
    while (node >= 0 && o->nodes[node].kind == YD_NODE_ITEM)
        node = o->nodes[node].parent;
    return node;
}

static yd_status no_memory(yd_error *err)
{
    return yd_error_set(err, YD_ENOMEM, "out of memory");
}

/* Rows never outnumber those of the whole list (sections only move
 * forward through a document, so hiding hits never adds a header): the
 * array is made once, by yd_results_build. */
static void add_row(yd_results *r, yd_result_kind kind, uint32_t hit)
{
    r->rows[r->row_count++] = (yd_result_row){hit, kind == YD_RESULT_HIT ? 1 : 0, (uint8_t)kind};
}

/* Rows from the hits shown: a header when the document or the section
 * changes, counts on the headers. */
static void make_rows(yd_results *r)
{
    r->row_count = 0;
    r->documents = 0;
    size_t doc_row = 0, section_row = 0;
    int have_section = 0;
    for (size_t k = 0; k < r->shown_count; k++) {
        uint32_t i = r->shown[k];
        const yd_result_hit *h = &r->hits[i];
        int new_doc = k == 0 || r->hits[r->shown[k - 1]].doc != h->doc;
        if (new_doc) {
            doc_row = r->row_count;
            have_section = 0;
            r->documents++;
            add_row(r, YD_RESULT_DOCUMENT, i);
        }
        if (h->section >= 0 && (new_doc || r->hits[r->shown[k - 1]].section != h->section)) {
            section_row = r->row_count;
            have_section = 1;
            add_row(r, YD_RESULT_SECTION, i);
        } else if (h->section < 0) {
            have_section = 0;
        }
        add_row(r, YD_RESULT_HIT, i);
        r->rows[doc_row].count++;
        if (have_section)
            r->rows[section_row].count++;
    }
}

yd_status yd_results_build(yd_results *r, const yd_document *const *docs, const yd_outline *outlines,
                           const yd_hits *per_doc, size_t ndocs, yd_error *err)
{
    memset(r, 0, sizeof *r);
    r->docs = docs;
    r->outlines = outlines;
    r->per_doc = per_doc;
    r->ndocs = ndocs;
    size_t total = 0;
    for (size_t d = 0; d < ndocs; d++) {
        total += per_doc[d].count;
        r->all_documents += per_doc[d].count > 0;
    }
    if (total > UINT32_MAX)
        return yd_error_set(err, YD_EINVAL, "too many hits to list");
    r->hits = malloc((total ? total : 1) * sizeof *r->hits);
    r->shown = malloc((total ? total : 1) * sizeof *r->shown);
    if (!r->hits || !r->shown) {
        yd_results_free(r);
        return no_memory(err);
    }
    for (size_t d = 0; d < ndocs; d++) {
        const yd_outline *o = outlines ? &outlines[d] : NULL;
        for (size_t k = 0; k < per_doc[d].count; k++) {
            int32_t offset = per_doc[d].items[k].offset;
            yd_result_hit *h = &r->hits[r->hit_count];
            *h = (yd_result_hit){(uint32_t)d, (uint32_t)k, section_of(o, offset),
                                 yd_document_line_at(docs[d], offset)};
            if (h->line + 1 > r->max_line)
                r->max_line = h->line + 1;
            r->shown[r->hit_count] = (uint32_t)r->hit_count;
            r->hit_count++;
        }
    }
    r->shown_count = r->hit_count;
    size_t rows = r->hit_count;
    for (size_t k = 0; k < r->hit_count; k++) {
        const yd_result_hit *h = &r->hits[k], *p = k ? &r->hits[k - 1] : NULL;
        int new_doc = !p || p->doc != h->doc;
        rows += new_doc + (h->section >= 0 && (new_doc || p->section != h->section));
    }
    r->rows = malloc((rows ? rows : 1) * sizeof *r->rows);
    if (!r->rows) {
        yd_results_free(r);
        return no_memory(err);
    }
    r->row_capacity = rows;
    make_rows(r);
    return YD_OK;
}

void yd_results_free(yd_results *r)
{
    free(r->hits);
    free(r->shown);
    free(r->rows);
    free(r->filter);
    memset(r, 0, sizeof *r);
}

size_t yd_results_row_of(const yd_results *r, size_t doc, size_t index)
{
    /* Rows are in corpus order and so are their hits: the first row whose
     * hit is at or after (doc, index), then on to a hit row. */
    size_t lo = 0, hi = r->row_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const yd_result_hit *h = &r->hits[r->rows[mid].hit];
        if (h->doc < doc || (h->doc == doc && h->index < index))
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo < r->row_count && r->rows[lo].kind != YD_RESULT_HIT)
        lo++;
    if (lo == r->row_count) /* none after: the first hit */
        for (lo = 0; lo < r->row_count && r->rows[lo].kind != YD_RESULT_HIT; lo++)
            ;
    return lo < r->row_count ? lo : 0;
}

/* ---- the filter ------------------------------------------------------------ */

/* Does folded needle[0..n) occur in text[from, to) folded with table? */
static int contains(const UChar *table, const UChar *text, int32_t from, int32_t to, const UChar *needle, int32_t n)
{
    for (int32_t i = from; i + n <= to; i++) {
        int32_t j = 0;
        while (j < n && (table ? table[text[i + j]] : text[i + j]) == needle[j])
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

static int32_t base_name_utf16(const char *path, UChar *buf, int32_t capacity)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(buf, capacity, &n, name, -1, 0xFFFD, NULL, &st);
    if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR)
        return 0;
    return n < capacity ? n : capacity;
}

/* Is a fold of needle contained in the old filter's? Then the hits it shows
 * are among those shown now. */
static int narrows(const yd_results *r, const UChar *needle, int32_t n)
{
    return r->filter_length > 0 && contains(NULL, needle, 0, n, r->filter, r->filter_length);
}

yd_status yd_results_filter(yd_results *r, const yd_fold *fold, const UChar *filter, int32_t length, yd_error *err)
{
    return yd_results_filter_also(r, fold, filter, length, NULL, err);
}

yd_status yd_results_filter_also(yd_results *r, const yd_fold *fold, const UChar *filter, int32_t length,
                                 const yd_results_words *also, yd_error *err)
{
    if (length <= 0) {
        for (size_t k = 0; k < r->hit_count; k++)
            r->shown[k] = (uint32_t)k;
        r->shown_count = r->hit_count;
        r->filter_length = 0;
        make_rows(r);
        return YD_OK;
    }
    const UChar *table = fold ? yd_fold_table(fold, yd_fold_resolve(YD_FOLD_DEFAULT, filter, length)) : NULL;
    UChar *needle = malloc((size_t)length * sizeof *needle);
    if (!needle)
        return no_memory(err);
    if (table)
        yd_fold_apply(table, filter, needle, length);
    else
        memcpy(needle, filter, (size_t)length * sizeof *needle);
    /* Typing on narrows what is shown; anything else starts from every hit. */
    int from_shown = narrows(r, needle, length);
    size_t candidates = from_shown ? r->shown_count : r->hit_count, kept = 0;
    UChar name[NAME_MAX_UNITS], title[TITLE_MAX];
    long name_doc = -1, title_doc = -1;
    int32_t title_node = -2;
    int name_match = 0, title_match = 0;
    for (size_t k = 0; k < candidates; k++) {
        uint32_t i = from_shown ? r->shown[k] : (uint32_t)k;
        const yd_result_hit *h = &r->hits[i];
        const yd_document *d = r->docs[h->doc];
        if ((long)h->doc != name_doc) {
            name_doc = h->doc;
            int32_t n = base_name_utf16(d->path, name, NAME_MAX_UNITS);
            name_match = contains(table, name, 0, n, needle, length) || (also && also->match(also->context, name, n));
        }
        if ((long)h->doc != title_doc || h->section != title_node) {
            title_doc = h->doc;
            title_node = h->section;
            int32_t n = r->outlines ? yd_result_section_title(d, &r->outlines[h->doc], h->section, title, TITLE_MAX) : 0;
            title_match = contains(table, title, 0, n, needle, length) || (also && n > 0 && also->match(also->context, title, n));
        }
        int match = name_match || title_match;
        if (!match) {
            int32_t from, to;
            int before, after;
            context_on_line(d, &r->per_doc[h->doc].items[h->index], h->line, YD_RESULT_CONTEXT_CHARS, &from, &to,
                            &before, &after);
            match = contains(table, d->text, from, to, needle, length);
        }
        if (match)
            r->shown[kept++] = i;
    }
    r->shown_count = kept;
    free(r->filter);
    r->filter = needle;
    r->filter_length = length;
    make_rows(r);
    return YD_OK;
}
