/* The result list of a search: its hits grouped by document and section,
 * its rows made from the groups one at a time, the filter, and the text of
 * one row at a time (snippets, section breadcrumbs); see search_results.h. */
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

/* The innermost heading (not item) node holding node (itself when it is
 * one), or -1. */
static int32_t section_of_node(const yd_outline *o, int32_t node)
{
    while (node >= 0 && o->nodes[node].kind == YD_NODE_ITEM)
        node = o->nodes[node].parent;
    return node;
}

/* The first of the ascending offsets at[from, count) (an int32_t every
 * stride bytes from at) past offset, or count: galloping forward from
 * from, since what is asked about goes forward through a document and is
 * mostly near what was asked last. */
static size_t first_past(const void *at, size_t stride, size_t from, size_t count, int32_t offset)
{
#define OFFSET(k) (*(const int32_t *)((const char *)at + (k) * stride))
    if (from >= count || OFFSET(from) > offset)
        return from;
    size_t lo = from, step = 1; /* lo: at or before offset */
    while (lo + step < count && OFFSET(lo + step) <= offset) {
        lo += step;
        step *= 2;
    }
    size_t hi = lo + step < count ? lo + step : count; /* past offset, or the end */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (OFFSET(mid) <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
#undef OFFSET
}

/* The last node from node on (node >= -1) starting at or before offset. */
static int32_t node_from(const yd_outline *o, int32_t node, int32_t offset)
{
    size_t from = (size_t)(node + 1);
    return (int32_t)first_past(&o->nodes[0].offset, sizeof o->nodes[0], from, (size_t)o->count, offset) - 1;
}

/* The first of hits[from, count) starting at or after offset. */
static size_t hit_from(const yd_hits *hits, size_t from, int32_t offset)
{
    return first_past(&hits->items[0].offset, sizeof hits->items[0], from, hits->count, offset - 1);
}

/* The line of offset, at or after line (>= 0). */
static int32_t line_from(const yd_document *doc, int32_t line, int32_t offset)
{
    if (doc->line_count == 0)
        return 0;
    return (int32_t)first_past(doc->line_starts, sizeof doc->line_starts[0], (size_t)line + 1, (size_t)doc->line_count,
                               offset) - 1;
}

static yd_status no_memory(yd_error *err)
{
    return yd_error_set(err, YD_ENOMEM, "out of memory");
}

/* count more hits shown of document doc in section: onto the last group
 * when it is the same document and section, else a new group. The array
 * grows as needed when capacity is not NULL. */
static int add_to_group(yd_result_group **groups, size_t *n, size_t *capacity, size_t first, size_t count, uint32_t doc,
                        int32_t section)
{
    yd_result_group *last = *n ? &(*groups)[*n - 1] : NULL;
    if (last && last->doc == doc && last->section == section) {
        last->count += count;
        return 0;
    }
    if (capacity && *n == *capacity) {
        size_t more = *capacity ? *capacity * 2 : 64;
        yd_result_group *g = realloc(*groups, more * sizeof *g);
        if (!g)
            return -1;
        *groups = g;
        *capacity = more;
    }
    (*groups)[(*n)++] = (yd_result_group){.first = first, .count = count, .doc = doc, .section = section};
    return 0;
}

/* The headers and rows of groups, in order: a document's header above its
 * first group, a section's above each group with a section (consecutive
 * groups never share both), the hits shown in each document. */
static void number_rows(yd_results *r, yd_result_group *groups, size_t n)
{
    size_t row = 0;
    yd_result_group *doc_group = NULL;
    r->documents = 0;
    for (size_t k = 0; k < n; k++) {
        yd_result_group *g = &groups[k];
        g->doc_header = k == 0 || groups[k - 1].doc != g->doc;
        if (g->doc_header) {
            doc_group = g;
            g->doc_count = 0;
            r->documents++;
        }
        doc_group->doc_count += (uint32_t)g->count;
        g->row = row;
        row += g->doc_header + (g->section >= 0) + g->count;
    }
    r->row_count = row;
    r->groups = groups;
    r->group_count = n;
}

/* Hits of document d in a row of the same outline node share its section:
 * one step per stretch between two nodes that holds hits. */
static int group_document(yd_results *r, size_t d, size_t *capacity)
{
    const yd_hits *hits = &r->per_doc[d];
    const yd_outline *o = r->outlines && r->outlines[d].count > 0 ? &r->outlines[d] : NULL;
    size_t base = r->doc_first[d];
    if (!o)
        return add_to_group(&r->all_groups, &r->all_group_count, capacity, base, hits->count, (uint32_t)d, -1);
    int32_t node = -1;
    for (size_t i = 0; i < hits->count;) {
        node = node_from(o, node, hits->items[i].offset);
        size_t j = node + 1 < o->count ? hit_from(hits, i + 1, o->nodes[node + 1].offset) : hits->count;
        if (add_to_group(&r->all_groups, &r->all_group_count, capacity, base + i, j - i, (uint32_t)d,
                         section_of_node(o, node)) != 0)
            return -1;
        i = j;
    }
    return 0;
}

yd_status yd_results_build(yd_results *r, const yd_document *const *docs, const yd_outline *outlines,
                           const yd_hits *per_doc, size_t ndocs, yd_error *err)
{
    memset(r, 0, sizeof *r);
    r->docs = docs;
    r->outlines = outlines;
    r->per_doc = per_doc;
    r->ndocs = ndocs;
    r->doc_first = malloc((ndocs + 1) * sizeof *r->doc_first);
    if (!r->doc_first)
        return no_memory(err);
    size_t total = 0;
    for (size_t d = 0; d < ndocs; d++) {
        r->doc_first[d] = total;
        total += per_doc[d].count;
        r->all_documents += per_doc[d].count > 0;
        if (per_doc[d].count > 0) { /* hits go forward: the last is on the last line */
            int32_t line = yd_document_line_at(docs[d], per_doc[d].items[per_doc[d].count - 1].offset);
            if (line + 1 > r->max_line)
                r->max_line = line + 1;
        }
    }
    r->doc_first[ndocs] = total;
    if (total > UINT32_MAX) {
        yd_results_free(r);
        return yd_error_set(err, YD_EINVAL, "too many hits to list");
    }
    r->hit_count = r->shown_count = total;
    size_t capacity = 0;
    for (size_t d = 0; d < ndocs; d++) {
        if (per_doc[d].count > 0 && group_document(r, d, &capacity) != 0) {
            yd_results_free(r);
            return no_memory(err);
        }
    }
    number_rows(r, r->all_groups, r->all_group_count);
    return YD_OK;
}

void yd_results_free(yd_results *r)
{
    free(r->doc_first);
    free(r->shown);
    free(r->all_groups);
    free(r->shown_groups);
    free(r->filter);
    memset(r, 0, sizeof *r);
}

/* The hit shown at position k, by its number. */
static size_t shown_number(const yd_results *r, size_t k)
{
    return r->shown ? r->shown[k] : k;
}

/* The group of groups[0..n) holding position k of first (k within them). */
static size_t group_at(const yd_result_group *groups, size_t n, size_t k, int by_row)
{
    size_t lo = 0, hi = n; /* the last group starting at or before k */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((by_row ? groups[mid].row : groups[mid].first) <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

yd_result_row yd_results_row(const yd_results *r, size_t k)
{
    const yd_result_group *g = &r->groups[group_at(r->groups, r->group_count, k, 1)];
    size_t into = k - g->row, position = g->first;
    yd_result_row row = {.count = 1, .kind = YD_RESULT_HIT};
    if (g->doc_header && into == 0) {
        row.kind = YD_RESULT_DOCUMENT;
        row.count = g->doc_count;
    } else if (g->section >= 0 && into == g->doc_header) {
        row.kind = YD_RESULT_SECTION;
        row.count = (uint32_t)g->count;
    } else {
        position += into - g->doc_header - (g->section >= 0);
    }
    size_t number = shown_number(r, position);
    size_t index = number - r->doc_first[g->doc];
    row.at = (yd_result_hit){g->doc, (uint32_t)index, g->section,
                             yd_document_line_at(r->docs[g->doc], r->per_doc[g->doc].items[index].offset)};
    return row;
}

size_t yd_results_row_of(const yd_results *r, size_t doc, size_t index)
{
    if (r->shown_count == 0)
        return 0;
    /* The first hit shown at or after (doc, index), by its number. */
    size_t number = doc < r->ndocs ? r->doc_first[doc] + (index < r->per_doc[doc].count ? index : r->per_doc[doc].count)
                                   : r->hit_count;
    size_t lo = 0, hi = r->shown_count;
    if (r->shown) {
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (r->shown[mid] < number)
                lo = mid + 1;
            else
                hi = mid;
        }
    } else {
        lo = number;
    }
    if (lo >= r->shown_count) /* none after: the first hit */
        lo = 0;
    const yd_result_group *g = &r->groups[group_at(r->groups, r->group_count, lo, 0)];
    return g->row + g->doc_header + (g->section >= 0) + (lo - g->first);
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
        free(r->shown);
        r->shown = NULL;
        r->shown_count = r->hit_count;
        free(r->filter);
        r->filter = NULL;
        r->filter_length = 0;
        number_rows(r, r->all_groups, r->all_group_count);
        return YD_OK;
    }
    const UChar *table = fold ? yd_fold_table(fold, yd_fold_resolve(YD_FOLD_DEFAULT, filter, length)) : NULL;
    UChar *needle = malloc((size_t)length * sizeof *needle);
    /* The groups shown are made once and kept while the list is; the hits
     * shown are freed when the filter is cleared (unfiltered means shown
     * is NULL). On failure the list stays as it was. */
    yd_result_group *shown_groups =
        r->shown_groups ? r->shown_groups : malloc((r->all_group_count ? r->all_group_count : 1) * sizeof *shown_groups);
    uint32_t *shown = r->shown ? r->shown : malloc((r->hit_count ? r->hit_count : 1) * sizeof *shown);
    if (!needle || !shown_groups || !shown) {
        free(needle);
        if (shown_groups != r->shown_groups)
            free(shown_groups);
        if (shown != r->shown)
            free(shown);
        return no_memory(err);
    }
    r->shown_groups = shown_groups;
    r->shown = shown;
    if (table)
        yd_fold_apply(table, filter, needle, length);
    else
        memcpy(needle, filter, (size_t)length * sizeof *needle);
    /* Typing on narrows what is shown; anything else starts from every
     * hit. (shown holds the hits shown unless the list was unfiltered.) */
    int from_shown = narrows(r, needle, length);
    size_t candidates = from_shown ? r->shown_count : r->hit_count, kept = 0, groups = 0;
    UChar name[NAME_MAX_UNITS], title[TITLE_MAX];
    long name_doc = -1, title_doc = -1;
    int32_t title_node = -2;
    int name_match = 0, title_match = 0;
    int32_t line = 0;
    const yd_result_group *g = r->all_groups; /* the group of the hit looked at: they go forward together */
    for (size_t k = 0; k < candidates; k++) {
        uint32_t number = from_shown ? r->shown[k] : (uint32_t)k;
        while (number >= g->first + g->count)
            g++;
        const yd_document *d = r->docs[g->doc];
        if ((long)g->doc != name_doc) {
            name_doc = g->doc;
            line = 0;
            int32_t n = base_name_utf16(d->path, name, NAME_MAX_UNITS);
            name_match = contains(table, name, 0, n, needle, length) || (also && also->match(also->context, name, n));
        }
        if ((long)g->doc != title_doc || g->section != title_node) {
            title_doc = g->doc;
            title_node = g->section;
            int32_t n = r->outlines ? yd_result_section_title(d, &r->outlines[g->doc], g->section, title, TITLE_MAX) : 0;
            title_match = contains(table, title, 0, n, needle, length) || (also && n > 0 && also->match(also->context, title, n));
        }
        int match = name_match || title_match;
        if (!match) {
            int32_t from, to;
            int before, after;
            const yd_hit *hit = &r->per_doc[g->doc].items[number - r->doc_first[g->doc]];
            line = line_from(d, line, hit->offset);
            context_on_line(d, hit, line, YD_RESULT_CONTEXT_CHARS, &from, &to, &before, &after);
            match = contains(table, d->text, from, to, needle, length);
        }
        if (match) {
            /* Hiding hits only merges groups or drops them: never more
             * than all_group_count. */
            add_to_group(&r->shown_groups, &groups, NULL, kept, 1, g->doc, g->section);
            r->shown[kept++] = number;
        }
    }
    r->shown_count = kept;
    free(r->filter);
    r->filter = needle;
    r->filter_length = length;
    number_rows(r, r->shown_groups, groups);
    return YD_OK;
}
