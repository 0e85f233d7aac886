/* Writing a rendered document line by line (markup_builder.h). */
#include "markup_builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "yuedu/decode.h"

void yd_mb_init(yd_markup_builder *b)
{
    memset(b, 0, sizeof *b);
    b->current.indent = YD_INDENT_DEFAULT;
}

void yd_mb_free(yd_markup_builder *b)
{
    free(b->text);
    free(b->starts);
    free(b->info);
    free(b->spans);
    for (size_t k = 0; k < b->link_count; k++)
        free(b->links[k].target);
    free(b->links);
    yd_mb_init(b);
}

/* Grow *p (of *cap elements of size each) to hold need; false on failure,
 * which is then sticky. */
static bool grow(yd_markup_builder *b, void **p, size_t *cap, size_t need, size_t each)
{
    if (b->oom || b->too_big)
        return false;
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * each);
    if (!q) {
        b->oom = true;
        return false;
    }
    *p = q;
    *cap = c;
    return true;
}

/* Room for n more units and the final NUL. */
static bool room(yd_markup_builder *b, int32_t n)
{
    if ((size_t)b->length + (size_t)n + 2 > YD_DECODE_MAX_BYTES) {
        b->too_big = true; /* a rendering larger than any document may be */
        return false;
    }
    size_t cap = (size_t)b->cap;
    if (!grow(b, (void **)&b->text, &cap, (size_t)b->length + (size_t)n + 2, sizeof *b->text))
        return false;
    b->cap = (int32_t)cap;
    return true;
}

void yd_mb_set_line(yd_markup_builder *b, yd_line_info info) { b->current = info; }

void yd_mb_put16(yd_markup_builder *b, const UChar *s, int32_t n)
{
    if (n <= 0 || !room(b, n))
        return;
    for (int32_t k = 0; k < n; k++) {
        UChar c = s[k];
        if (c == '\n' || c == '\r')
            c = ' ';
        b->trails += U16_IS_TRAIL(c);
        b->text[b->length++] = c;
    }
}

void yd_mb_put8(yd_markup_builder *b, const char *s, size_t n)
{
    if (n == 0 || n > INT32_MAX / 2 || !room(b, (int32_t)n))
        return;
    int32_t got = 0;
    UErrorCode st = U_ZERO_ERROR;
    UChar *dst = b->text + b->length;
    /* UTF-16 never takes more units than UTF-8 takes bytes. */
    u_strFromUTF8WithSub(dst, (int32_t)n + 1, &got, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return;
    for (int32_t k = 0; k < got; k++) {
        if (dst[k] == '\n' || dst[k] == '\r')
            dst[k] = ' ';
        b->trails += U16_IS_TRAIL(dst[k]);
    }
    b->length += got;
}

void yd_mb_put_cstr(yd_markup_builder *b, const char *s) { yd_mb_put8(b, s, strlen(s)); }

int32_t yd_mb_column(const yd_markup_builder *b) { return b->length - b->line_start; }

UChar yd_mb_last(const yd_markup_builder *b) { return b->length > b->line_start ? b->text[b->length - 1] : 0; }

static void push_span(yd_markup_builder *b, uint8_t style, int depth)
{
    if (!grow(b, (void **)&b->spans, &b->span_cap, b->span_count + 1, sizeof *b->spans))
        return;
    b->open_at[depth] = b->span_count;
    b->spans[b->span_count++] = (yd_span){b->length, -1, style};
}

void yd_mb_end_line(yd_markup_builder *b)
{
    if (!room(b, 1))
        return;
    size_t cap = (size_t)b->lines_cap, icap = (size_t)b->lines_cap;
    if (!grow(b, (void **)&b->starts, &cap, (size_t)b->lines + 1, sizeof *b->starts) ||
        !grow(b, (void **)&b->info, &icap, (size_t)b->lines + 1, sizeof *b->info))
        return;
    b->lines_cap = (int32_t)(cap < icap ? cap : icap);
    /* Spans end with the line and go on on the next (none crosses a line). */
    for (int k = 0; k < b->open_count; k++)
        b->spans[b->open_at[k]].end = b->length;
    /* A line whose node had no position (cmark gives 0 for some) is where
     * the line before it was: every line has a place in the source. */
    if (b->current.source_line < 1)
        b->current.source_line = b->lines > 0 ? b->info[b->lines - 1].source_line : 1;
    b->starts[b->lines] = b->line_start;
    b->info[b->lines++] = b->current;
    b->text[b->length++] = '\n';
    b->line_start = b->length;
    for (int k = 0; k < b->open_count; k++)
        push_span(b, b->open[k], k);
}

void yd_mb_flush_line(yd_markup_builder *b)
{
    if (b->length > b->line_start)
        yd_mb_end_line(b);
}

void yd_mb_separate(yd_markup_builder *b, int32_t source_line)
{
    yd_mb_flush_line(b);
    if (b->lines == 0 || b->info[b->lines - 1].kind == YD_BLOCK_BLANK)
        return;
    yd_line_info keep = b->current;
    b->current = (yd_line_info){.source_line = source_line, .indent = YD_INDENT_DEFAULT, .kind = YD_BLOCK_BLANK};
    yd_mb_end_line(b);
    b->current = keep;
}

void yd_mb_take_back(yd_markup_builder *b, int32_t at)
{
    while (b->lines > 0 && b->starts[b->lines - 1] >= at)
        b->lines--;
    b->length = at;
    b->line_start = at;
}

void yd_mb_open(yd_markup_builder *b, yd_span_style style)
{
    if (b->open_count == YD_MB_MAX_OPEN) {
        b->open_ignored++;
        return;
    }
    b->open[b->open_count] = (uint8_t)style;
    push_span(b, (uint8_t)style, b->open_count);
    if (!b->oom)
        b->open_count++;
}

void yd_mb_close(yd_markup_builder *b)
{
    if (b->open_ignored > 0) {
        b->open_ignored--;
        return;
    }
    if (b->open_count == 0)
        return;
    b->open_count--;
    b->spans[b->open_at[b->open_count]].end = b->length;
}

void yd_mb_image(yd_markup_builder *b, const char *alt)
{
    yd_mb_open(b, YD_SPAN_IMAGE);
    yd_mb_put_cstr(b, "[图");
    if (alt && *alt) {
        yd_mb_put_cstr(b, "：");
        yd_mb_put_cstr(b, alt);
    }
    yd_mb_put_cstr(b, "]");
    yd_mb_close(b);
}

void yd_mb_line_break(yd_markup_builder *b)
{
    yd_line_info info = b->current;
    yd_mb_end_line(b);
    if (info.kind == YD_BLOCK_ITEM)
        info.kind = YD_BLOCK_TEXT;
    if (info.indent != YD_INDENT_DEFAULT)
        info.indent = info.hang;
    yd_mb_set_line(b, info);
}

void yd_mb_link(yd_markup_builder *b, int32_t start, int32_t end, const char *target, size_t target_len)
{
    if (!grow(b, (void **)&b->links, &b->link_cap, b->link_count + 1, sizeof *b->links))
        return;
    char *t = malloc(target_len + 1);
    if (!t) {
        b->oom = true;
        return;
    }
    memcpy(t, target, target_len);
    t[target_len] = 0;
    b->links[b->link_count++] = (yd_link){start, end, t};
}

static int by_start(const void *x, const void *y)
{
    const yd_span *a = x, *c = y;
    if (a->start != c->start)
        return a->start < c->start ? -1 : 1;
    return a->end > c->end ? -1 : a->end < c->end; /* the outer first */
}

yd_status yd_mb_finish(yd_markup_builder *b, yd_document *doc, yd_error *err)
{
    yd_mb_flush_line(b);
    while (b->open_count > 0)
        yd_mb_close(b);
    if (b->too_big)
        return yd_error_set(err, YD_ETOOBIG, "rendered text too large (the limit is %zu units)",
                            (size_t)YD_DECODE_MAX_BYTES);
    yd_markup *m = calloc(1, sizeof *m);
    if (b->oom || !m || !room(b, 0)) {
        free(m);
        return yd_error_set(err, YD_ENOMEM, "out of memory rendering the document");
    }
    /* Spans left empty (a marker with nothing inside) say nothing. */
    size_t kept = 0;
    for (size_t k = 0; k < b->span_count; k++)
        if (b->spans[k].end > b->spans[k].start)
            b->spans[kept++] = b->spans[k];
    if (kept > 1)
        qsort(b->spans, kept, sizeof *b->spans, by_start);
    b->text[b->length] = 0;
    if (b->lines == 0) { /* nothing rendered: an empty document, with a line table to match */
        free(b->starts);
        b->starts = malloc(sizeof *b->starts);
        if (!b->starts) {
            free(m);
            return yd_error_set(err, YD_ENOMEM, "out of memory rendering the document");
        }
    }
    *m = (yd_markup){.lines = b->info, .line_count = b->lines, .spans = b->spans, .span_count = kept,
                     .links = b->links, .link_count = b->link_count,
                     .source_line_count = doc->line_count}; /* doc still holds the source */
    free(doc->text);
    free(doc->line_starts);
    yd_markup_free(doc->markup);
    doc->markup = m;
    doc->text = b->text;
    doc->length = b->length;
    doc->line_starts = b->starts;
    doc->line_count = b->lines;
    doc->chars = (size_t)b->length - b->trails;
    b->text = NULL;
    b->starts = NULL;
    b->info = NULL;
    b->spans = NULL;
    b->links = NULL;
    b->link_count = 0;
    yd_mb_free(b);
    return YD_OK;
}

void yd_mb_link_list(yd_markup_builder *b)
{
    size_t n = b->link_count;
    if (n == 0)
        return;
    int32_t last = b->lines > 0 ? b->info[b->lines - 1].source_line : 1;
    yd_mb_separate(b, last);
    yd_mb_set_line(b, (yd_line_info){.source_line = last, .indent = 0, .kind = YD_BLOCK_RULE});
    yd_mb_put_cstr(b, "链接");
    yd_mb_end_line(b);
    for (size_t k = 0; k < n && !b->oom; k++) {
        yd_link *l = &b->links[k];
        int32_t line = 0; /* the source line of the line holding the link */
        for (int32_t lo = 0, hi = b->lines - 1; lo <= hi;) {
            int32_t mid = lo + (hi - lo) / 2;
            if (b->starts[mid] <= l->start) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        yd_line_info info = {.source_line = b->lines > 0 ? b->info[line].source_line : 1, .indent = 0,
                             .hang = 4, .kind = YD_BLOCK_RULE};
        yd_mb_set_line(b, info);
        char num[24];
        snprintf(num, sizeof num, "[%zu] ", k + 1);
        yd_mb_put_cstr(b, num);
        /* The link's text, copied first: writing may move the buffer. */
        int32_t len = l->end - l->start;
        UChar *copy = malloc(((size_t)len + 1) * sizeof *copy);
        if (!copy) {
            b->oom = true;
            return;
        }
        memcpy(copy, b->text + l->start, (size_t)len * sizeof *copy);
        yd_mb_put16(b, copy, len);
        free(copy);
        yd_mb_put_cstr(b, "：");
        yd_mb_open(b, YD_SPAN_LINK);
        yd_mb_put_cstr(b, l->target);
        yd_mb_close(b);
        yd_mb_end_line(b);
    }
}


void yd_mb_push(yd_mb_nest *n, yd_mb_level level)
{
    if (n->depth == YD_MB_NEST_MAX)
        n->ignored++;
    else
        n->stack[n->depth++] = level;
}

void yd_mb_pop(yd_mb_nest *n)
{
    if (n->ignored > 0)
        n->ignored--;
    else if (n->depth > 0)
        n->depth--;
}

yd_mb_level yd_mb_inside(yd_mb_nest *n, int kind)
{
    const yd_mb_level *p = yd_mb_top(n);
    yd_mb_level c = {0};
    if (p)
        c = *p;
    c.kind = kind;
    return c;
}

yd_status yd_mb_source_utf8(const yd_document *doc, char **out, int32_t *length, yd_error *err)
{
    *out = NULL;
    int32_t need = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8WithSub(NULL, 0, &need, doc->text, doc->length, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "cannot re-encode the source: %s", u_errorName(st));
    char *src = malloc((size_t)need + 1);
    if (!src)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(src, need + 1, &need, doc->text, doc->length, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        free(src);
        return yd_error_set(err, YD_EINVAL, "cannot re-encode the source: %s", u_errorName(st));
    }
    *out = src;
    *length = need;
    return YD_OK;
}
