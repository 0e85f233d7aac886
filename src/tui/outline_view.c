/* The outline pane: one tree for the whole corpus, documents then their
 * outlines, with ▸/▾ markers. The visible rows are rebuilt only when
 * something was expanded, collapsed, filtered or loaded (dirty), so a
 * keystroke that only moves costs a binary search. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <wctype.h>

#include "app.h"
#include "yuedu/outline_hits.h"

void outline_init(outline_view *v) { memset(v, 0, sizeof *v); v->dirty = 1; }

void outline_free(outline_view *v, size_t docs)
{
    if (v->node_expanded)
        for (size_t d = 0; d < docs; d++)
            free(v->node_expanded[d]);
    free(v->node_expanded);
    free(v->doc_expanded);
    free(v->entries);
    free(v->title_hash);
    free(v->title_keys);
    free(v->title_counts);
    memset(v, 0, sizeof *v);
}

static int push(outline_view *v, uint32_t doc, int32_t node)
{
    if (v->count == v->capacity) {
        size_t cap = v->capacity ? v->capacity * 2 : 256;
        outline_entry *e = realloc(v->entries, cap * sizeof *e);
        if (!e)
            return -1;
        v->entries = e;
        v->capacity = cap;
    }
    v->entries[v->count++] = (outline_entry){doc, node};
    return 0;
}

/* Expansion flags of doc's nodes, made on first need: every node open
 * except those whose children are all items (items are folded). */
static uint8_t *node_flags(app *a, size_t doc)
{
    outline_view *v = &a->outline;
    if (v->node_expanded[doc])
        return v->node_expanded[doc];
    const yd_outline *o = &a->outlines[doc];
    uint8_t *f = calloc(o->count ? (size_t)o->count : 1, 1);
    if (!f) {
        app_out_of_memory(a);
        return NULL;
    }
    /* outline.show-items unfolds headings over items too; fold-level N
     * shows levels up to N. */
    const yd_config *cfg = a->settings->config;
    for (int32_t i = 0; i < o->count; i++) {
        int32_t p = o->nodes[i].parent;
        if (p >= 0 && (o->nodes[i].kind != YD_NODE_ITEM || cfg->outline.show_items))
            f[p] = 1;
    }
    for (int32_t i = 0; cfg->outline.fold_level > 0 && i < o->count; i++)
        if (o->nodes[i].depth >= cfg->outline.fold_level)
            f[i] = 0;
    v->node_expanded[doc] = f;
    return f;
}

/* FNV-1a of the document's title line as it is written; 0 when it has none. */
static uint64_t title_hash(app *a, size_t doc)
{
    const yd_outline *o = &a->outlines[doc];
    if (o->title_length <= 0)
        return 0;
    const yd_document *d = app_doc(a, doc);
    UChar buf[256];
    int32_t n = yd_outline_clean_title(d->text, o->title_start, o->title_length, buf, 256);
    uint64_t h = 14695981039346656037ull;
    for (int32_t k = 0; k < n && k < 256; k++) {
        h ^= buf[k];
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

/* The slot of hash h in the count table (its own, or the empty one where it goes). */
static size_t title_slot(const outline_view *v, uint64_t h)
{
    size_t k = (size_t)h & (v->title_slots - 1);
    while (v->title_keys[k] && v->title_keys[k] != h)
        k = (k + 1) & (v->title_slots - 1);
    return k;
}

static void count_title(outline_view *v, uint64_t h, int delta)
{
    if (!h)
        return;
    size_t k = title_slot(v, h);
    v->title_keys[k] = h;
    v->title_counts[k] = (uint32_t)((int)v->title_counts[k] + delta);
}

/* Hash the titles of the documents that arrived since the last time. */
static void count_new_titles(app *a)
{
    outline_view *v = &a->outline;
    size_t ready = yd_loader_ready(a->loader);
    for (; v->title_hash && v->titles_known < ready; v->titles_known++) {
        v->title_hash[v->titles_known] = title_hash(a, v->titles_known);
        count_title(v, v->title_hash[v->titles_known], 1);
    }
}

static int title_shared(app *a, size_t doc)
{
    const outline_view *v = &a->outline;
    if (!v->title_hash || doc >= v->titles_known || !v->title_hash[doc])
        return 0;
    return v->title_counts[title_slot(v, v->title_hash[doc])] > 1;
}

static void outline_document_changed(app *a, size_t doc)
{
    outline_view *v = &a->outline;
    outline_tag_forget(a, doc); /* its lengths */
    if (v->title_hash && doc < v->titles_known) { /* its title may have changed */
        count_title(v, v->title_hash[doc], -1);
        v->title_hash[doc] = title_hash(a, doc);
        count_title(v, v->title_hash[doc], 1);
    }
    if (v->node_expanded) { /* one flag per node of the old outline */
        free(v->node_expanded[doc]);
        v->node_expanded[doc] = NULL;
    }
    v->dirty = 1;
}

/* Title of a node (or of the document for node -1) as wide characters
 * with nothing unprintable; returns the length. */
size_t outline_entry_title(app *a, outline_entry e, wchar_t *out, size_t cap)
{
    const yd_document *d = app_doc(a, e.doc);
    const yd_outline *o = &a->outlines[e.doc];
    UChar buf[256];
    int32_t n;
    if (e.node >= 0) {
        n = yd_outline_node_title(d, &o->nodes[e.node], buf, 256);
    } else if (o->title_length > 0) {
        n = yd_outline_clean_title(d->text, o->title_start, o->title_length, buf, 256);
    } else { /* no title line: the file name */
        return app_safe_mbs(a, out, 0, cap, app_base_name(d->path));
    }
    size_t len = app_safe_utf16(a, out, 0, cap, buf, n < 256 ? n : 256);
    app_display_wcs(a, out, len); /* titles as the text pane shows them; file names as they are */
    if (e.node < 0 && title_shared(a, e.doc) && len + 4 < cap) { /* "title (a.txt)" */
        out[len++] = L' ';
        out[len++] = L'(';
        len = app_safe_mbs(a, out, len, cap - 1, app_base_name(d->path));
        out[len++] = L')';
        out[len] = 0;
    }
    return len;
}

static void rebuild(app *a)
{
    outline_view *v = &a->outline;
    size_t ready = yd_loader_ready(a->loader);
    v->count = 0;
    v->docs_known = ready;
    wchar_t title[300];
    for (size_t d = 0; d < ready; d++) {
        const yd_outline *o = &a->outlines[d];
        if (v->filter[0]) {
            size_t doc_row = v->count;
            int any = 0;
            for (int32_t i = 0; i < o->count; i++) {
                outline_entry_title(a, (outline_entry){(uint32_t)d, i}, title, 300);
                if (!title_contains(a, title, v->filter))
                    continue;
                if (!any++ && push(v, (uint32_t)d, -1) != 0)
                    goto oom;
                if (push(v, (uint32_t)d, i) != 0)
                    goto oom;
            }
            (void)doc_row;
            continue;
        }
        if (push(v, (uint32_t)d, -1) != 0)
            goto oom;
        if (!v->doc_expanded[d])
            continue;
        uint8_t *f = node_flags(a, d);
        if (!f)
            return;
        for (int32_t i = 0; i < o->count;) {
            if (push(v, (uint32_t)d, i) != 0)
                goto oom;
            i = f[i] ? i + 1 : o->nodes[i].end; /* skip a folded subtree */
        }
    }
    if (v->selected >= v->count)
        v->selected = v->count ? v->count - 1 : 0;
    v->dirty = 0;
    return;
oom:
    app_out_of_memory(a);
}

static void ensure_built(app *a)
{
    outline_view *v = &a->outline;
    if (!v->doc_expanded) {
        size_t n = a->capacity ? a->capacity : 1;
        v->title_slots = 16;
        while (v->title_slots < 2 * n)
            v->title_slots *= 2;
        v->doc_expanded = calloc(n, 1);
        v->node_expanded = calloc(n, sizeof *v->node_expanded);
        v->title_hash = calloc(n, sizeof *v->title_hash);
        v->title_keys = calloc(v->title_slots, sizeof *v->title_keys);
        v->title_counts = calloc(v->title_slots, sizeof *v->title_counts);
        if (!v->doc_expanded || !v->node_expanded || !v->title_hash || !v->title_keys || !v->title_counts) {
            app_out_of_memory(a);
            return;
        }
    }
    count_new_titles(a);
    if (v->dirty || v->docs_known != yd_loader_ready(a->loader))
        rebuild(a);
}

int outline_node_at_offset(app *a, size_t doc, int32_t offset)
{
    return yd_outline_node_at(&a->outlines[doc], offset);
}

/* Row of entry (doc, node) in the visible list, or -1. Entries are in
 * (doc, node) order, so a binary search finds it. */
static long find_entry(const outline_view *v, uint32_t doc, int32_t node)
{
    size_t lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const outline_entry *e = &v->entries[mid];
        if (e->doc < doc || (e->doc == doc && e->node < node))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->count && v->entries[lo].doc == doc && v->entries[lo].node == node ? (long)lo : -1;
}

static void keep_visible(app *a)
{
    outline_view *v = &a->outline;
    size_t h = (size_t)(a->rows > 0 ? a->rows : 1);
    if (v->selected < v->top)
        v->top = v->selected;
    else if (v->selected >= v->top + h)
        v->top = v->selected - h + 1;
}

void outline_follow(app *a)
{
    ensure_built(a);
    outline_view *v = &a->outline;
    if (a->out_of_memory || v->filter[0])
        return;
    int32_t node = outline_node_at_offset(a, a->doc, text_offset(a));
    /* Reveal: open the document and every ancestor of the node. */
    if (!v->doc_expanded[a->doc]) {
        v->doc_expanded[a->doc] = 1;
        v->dirty = 1;
    }
    if (node >= 0) {
        uint8_t *f = node_flags(a, a->doc);
        if (!f)
            return;
        for (int32_t p = a->outlines[a->doc].nodes[node].parent; p >= 0; p = a->outlines[a->doc].nodes[p].parent)
            if (!f[p]) {
                f[p] = 1;
                v->dirty = 1;
            }
    }
    ensure_built(a);
    long row = find_entry(v, (uint32_t)a->doc, node);
    if (row >= 0) {
        v->selected = (size_t)row;
        keep_visible(a);
    }
}

static void jump_to_selected(app *a);

static void set_all(app *a, int docs_open, int max_depth /* 0: every node */)
{
    outline_view *v = &a->outline;
    size_t ready = yd_loader_ready(a->loader);
    for (size_t d = 0; d < ready; d++) {
        v->doc_expanded[d] = (uint8_t)docs_open;
        if (!docs_open)
            continue;
        uint8_t *f = node_flags(a, d);
        if (!f)
            return;
        const yd_outline *o = &a->outlines[d];
        for (int32_t i = 0; i < o->count; i++)
            f[i] = (uint8_t)(max_depth == 0 || o->nodes[i].depth < max_depth);
    }
    v->dirty = 1;
}

static void outline_act(app *a, action what)
{
    ensure_built(a);
    outline_view *v = &a->outline;
    if (a->out_of_memory || v->count == 0)
        return;
    size_t h = (size_t)(a->rows > 1 ? a->rows : 1);
    outline_entry sel = v->entries[v->selected];
    const yd_outline *o = &a->outlines[sel.doc];
    uint8_t *f = NULL;
    switch (what) {
    case YD_ACT_LINE_DOWN: if (v->selected + 1 < v->count) v->selected++; break;
    case YD_ACT_LINE_UP: if (v->selected > 0) v->selected--; break;
    case YD_ACT_PAGE_DOWN: v->selected = v->selected + h < v->count ? v->selected + h : v->count - 1; break;
    case YD_ACT_PAGE_UP: v->selected = v->selected > h ? v->selected - h : 0; break;
    case YD_ACT_HALF_DOWN: v->selected = v->selected + h / 2 < v->count ? v->selected + h / 2 : v->count - 1; break;
    case YD_ACT_HALF_UP: v->selected = v->selected > h / 2 ? v->selected - h / 2 : 0; break;
    case YD_ACT_TOP: v->selected = 0; break;
    case YD_ACT_BOTTOM: v->selected = v->count - 1; break;
    case YD_ACT_OPEN: jump_to_selected(a); return;
    case YD_ACT_TOGGLE:
    case YD_ACT_EXPAND:
    case YD_ACT_COLLAPSE: {
        int has_children = sel.node < 0 ? o->count > 0 : o->nodes[sel.node].end > sel.node + 1;
        int open;
        if (sel.node < 0) {
            open = v->doc_expanded[sel.doc];
        } else {
            if (!(f = node_flags(a, sel.doc)))
                return;
            open = f[sel.node];
        }
        if (v->filter[0])
            break;
        if (what == YD_ACT_EXPAND && open && has_children) {
            if (v->selected + 1 < v->count)
                v->selected++; /* to the first child */
            break;
        }
        if (what == YD_ACT_COLLAPSE && (!open || !has_children)) {
            /* to the parent */
            int32_t parent = sel.node < 0 ? -2 : o->nodes[sel.node].parent;
            if (parent >= -1) {
                long row = find_entry(v, sel.doc, parent);
                if (row >= 0)
                    v->selected = (size_t)row;
            }
            break;
        }
        if (!has_children)
            break;
        int want = what == YD_ACT_TOGGLE ? !open : what == YD_ACT_EXPAND;
        if (sel.node < 0)
            v->doc_expanded[sel.doc] = (uint8_t)want;
        else
            f[sel.node] = (uint8_t)want;
        v->dirty = 1;
        break;
    }
    case YD_ACT_EXPAND_ALL: set_all(a, 1, 0); break;
    case YD_ACT_COLLAPSE_ALL: set_all(a, 0, 0); break;
    case YD_ACT_LEVEL_1: case YD_ACT_LEVEL_2: case YD_ACT_LEVEL_3: case YD_ACT_LEVEL_4: case YD_ACT_LEVEL_5:
    case YD_ACT_LEVEL_6: case YD_ACT_LEVEL_7: case YD_ACT_LEVEL_8: case YD_ACT_LEVEL_9:
        set_all(a, 1, (int)(what - YD_ACT_LEVEL_1) + 1);
        break;
    default: return;
    }
    if (v->dirty) {
        /* Keep the selection on the same entry across the rebuild. */
        outline_entry keep = v->entries[v->selected];
        rebuild(a);
        long row = find_entry(v, keep.doc, keep.node);
        if (row < 0)
            row = find_entry(v, keep.doc, -1);
        v->selected = row >= 0 ? (size_t)row : 0;
    }
    keep_visible(a);
}

static void jump_to_selected(app *a)
{
    outline_view *v = &a->outline;
    outline_entry sel = v->entries[v->selected];
    int32_t offset = sel.node < 0 ? 0 : a->outlines[sel.doc].nodes[sel.node].offset;
    if (v->filter[0]) {
        v->filter[0] = 0;
        v->dirty = 1;
    }
    if (sel.node < 0)
        app_open(a, sel.doc);
    else
        app_jump(a, sel.doc, offset);
    a->focus_outline = 0;
    outline_follow(a);
}

static void outline_set_filter(app *a, const wchar_t *text)
{
    outline_view *v = &a->outline;
    wcsncpy(v->filter, text, PROMPT_MAX - 1);
    v->filter[PROMPT_MAX - 1] = 0;
    v->dirty = 1;
    ensure_built(a);
    /* Select the first match, not its document row. */
    v->selected = v->filter[0] && v->count > 1 ? 1 : 0;
    v->top = 0;
    if (!v->filter[0])
        outline_follow(a);
}

static void outline_click(app *a, int row, int col)
{
    ensure_built(a);
    outline_view *v = &a->outline;
    size_t at = v->top + (size_t)row;
    if (at >= v->count)
        return;
    v->selected = at;
    outline_entry e = v->entries[at];
    int depth = e.node < 0 ? 0 : (v->filter[0] ? 1 : a->outlines[e.doc].nodes[e.node].depth);
    int marker = depth < a->outline_cols / 3 ? depth : a->outline_cols / 3;
    if (col >= marker && col < marker + 2 && !v->filter[0]) {
        outline_act(a, YD_ACT_TOGGLE); /* the ▸/▾ marker folds */
        return;
    }
    jump_to_selected(a);
}

/* A row's title keeps at least this many cells before the words at its right. */
enum { TITLE_KEPT = 4 };

static void outline_draw(app *a)
{
    ensure_built(a);
    outline_view *v = &a->outline;
    if (a->out_of_memory)
        return;
    int x0 = a->outline_right ? a->divider_x + 1 : 0, w = a->outline_cols;
    int32_t current = outline_node_at_offset(a, a->doc, text_offset(a));
    wchar_t title[300];
    if (v->top > v->selected)
        v->top = v->selected;
    for (int y = 0; y < a->rows && v->top + (size_t)y < v->count; y++) {
        size_t at = v->top + (size_t)y;
        outline_entry e = v->entries[at];
        const yd_outline *o = &a->outlines[e.doc];
        int depth = e.node < 0 ? 0 : (v->filter[0] ? 1 : o->nodes[e.node].depth);
        int has_children = e.node < 0 ? o->count > 0 : o->nodes[e.node].end > e.node + 1;
        int open = e.node < 0 ? v->doc_expanded[e.doc]
                              : (v->node_expanded[e.doc] && v->node_expanded[e.doc][e.node]);
        attr_t attr = app_style(a, YD_STYLE_OUTLINE);
        if (e.doc == a->doc && e.node == current)
            attr = app_style(a, YD_STYLE_OUTLINE_SECTION);
        if (at == v->selected && a->focus_outline)
            attr = app_style(a, YD_STYLE_OUTLINE_CURRENT);
        if (e.node < 0 && e.doc != a->doc)
            attr |= A_DIM;
        attrset(attr);
        mvhline(y, x0, ' ', w);
        int col = depth < w / 3 ? depth : w / 3;
        move(y, x0 + col);
        const wchar_t *marker = v->filter[0] ? L"  " : !has_children ? L"  " : open ? L"▾ " : L"▸ ";
        if (e.node >= 0 && o->nodes[e.node].kind == YD_NODE_ITEM && !has_children)
            marker = L"· ";
        addnwstr(marker, 1);
        /* A bookmarked section shows a * after its marker. */
        addnwstr(e.node >= 0 && bookmarks_node_marked(a, e.doc, e.node) ? L"*" : marker + 1, 1);
        col += 2;
        /* At the right: hit counts, lengths, how much was read (outline_tag.c),
         * in what the title leaves of the row beyond its first cells. */
        wchar_t tag[64];
        int cw_tag = 0;
        size_t tag_len = outline_tag(a, e, tag, 64, w - col - TITLE_KEPT - 1, &cw_tag);
        cw_tag += tag_len ? 1 : 0; /* and a space before */
        int limit = w - cw_tag;
        size_t n = outline_entry_title(a, e, title, 300);
        for (size_t k = 0; k < n; k++) {
            int cw = wcwidth(title[k]);
            if (cw < 0)
                cw = 1;
            int ew = wcwidth(L'\u2026'); /* 2 cells under ambiwidth 2 */
            if (col + cw > limit - (k + 1 < n ? ew : 0)) {
                if (col + ew <= limit)
                    mvaddnwstr(y, x0 + col, L"\u2026", 1);
                break;
            }
            addnwstr(&title[k], 1);
            col += cw;
        }
        if (cw_tag > 0) {
            attrset(attr == app_style(a, YD_STYLE_OUTLINE_CURRENT) ? attr : app_style(a, YD_STYLE_OUTLINE_MARKER));
            mvaddnwstr(y, x0 + w - cw_tag + 1, tag, (int)tag_len);
        }
        attrset(A_NORMAL);
    }
}

void outline_divider_draw(app *a)
{
    if (a->divider_x < 0)
        return;
    attron(app_style(a, YD_STYLE_DIVIDER));
    /* U+2502 is East Asian Ambiguous: two cells under ambiwidth 2. */
    cchar_t line;
    const wchar_t *glyph = yd_width_ambiwidth(a->widths) == 1 ? L"\u2502" : L"|";
    setcchar(&line, glyph, 0, 0, NULL);
    mvvline_set(0, a->divider_x, &line, a->rows);
    attroff(app_style(a, YD_STYLE_DIVIDER));
}


static void outline_pane_draw(app *a)
{
    outline_draw(a);
    outline_divider_draw(a);
}

/* The moving keys move the selection, the outline's own keys act on it,
 * the filter opens a prompt; the rest are global. */
static int outline_pane_act(app *a, action what)
{
    if (what == YD_ACT_FILTER) {
        prompt_pane_open(a, &outline_pane, L'/', NULL, NULL);
        return 1;
    }
    if (what == YD_ACT_SEARCH_HERE) {
        ensure_built(a);
        if (a->outline.selected < a->outline.count) {
            outline_entry e = a->outline.entries[a->outline.selected];
            search_begin(a); /* clears any scope before: this one is set after it */
            if (pane_is_open(a, &search_pane)) {
                search_scope_set(a, e.doc, e.node);
                a->focus_outline = 0;
            }
        }
        return 1;
    }
    if ((what >= YD_ACT_LINE_DOWN && what <= YD_ACT_BOTTOM) || (what >= YD_ACT_OPEN && what <= YD_ACT_LEVEL_9)) {
        outline_act(a, what);
        return 1;
    }
    return 0;
}

/* The filter as typed narrows the outline; Enter reads the selected row. */
static void outline_filter_done(app *a, prompt_result r)
{
    outline_set_filter(a, r == PROMPT_CANCEL ? L"" : a->prompt.text);
    if (r == PROMPT_ACCEPT) {
        if (a->outline.count == 0)
            app_say(a, MSG_ERROR, "no title matches %ls (/ filters again)", a->prompt.text);
        else
            outline_act(a, YD_ACT_OPEN);
        outline_set_filter(a, L"");
    }
}

/* The wheel scrolls the outline; a click focuses it and reads the node
 * clicked, or folds it on its marker. */
static void outline_mouse(app *a, const MEVENT *ev)
{
    outline_view *v = &a->outline;
    if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        long top = (long)v->top + (ev->bstate & BUTTON4_PRESSED ? -3 : 3);
        long max = (long)v->count - a->rows;
        v->top = (size_t)(top < 0 || max < 0 ? 0 : top > max ? max : top);
    } else if (ev->bstate & BUTTON1_PRESSED) {
        a->focus_outline = 1;
        outline_click(a, ev->y, ev->x - (a->outline_right ? a->divider_x + 1 : 0));
    }
}

static void outline_pane_free(app *a)
{
    outline_tag_free(a, a->capacity);
    outline_free(&a->outline, a->capacity);
    title_match_free(a);
}

const pane_ops outline_pane = {
    .name = "outline", .context = CTX_OUTLINE, .draw = outline_pane_draw, .act = outline_pane_act,
    .mouse = outline_mouse, .prompt_done = outline_filter_done, .document_changed = outline_document_changed,
    .free = outline_pane_free,
};
