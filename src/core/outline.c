/* Building the outline: classify every line on its own (heading_style.c),
 * then walk the lines once, judging each candidate with its neighbours and
 * placing it with a stack of the numbering styles currently open.
 *
 * The stack holds the article tier at the bottom and the heading tier above
 * it. A style already on the stack pops back to its level; a new style goes
 * one level deeper than the top, which is "levels in order of first
 * appearance". An article marker first clears the heading tier, so heading
 * levels are inferred afresh in every article. Rules and the reasons for
 * their order are in docs/OUTLINE.md. */
#include "yuedu/outline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heading_style.h"
#include "yuedu/furniture.h"
#include "yuedu/markup.h"
#include "yuedu/numeral.h"
#include "yuedu/outline_rules.h"

#define STACK_MAX 64

enum { TIER_ARTICLE, TIER_HEADING };

typedef struct open_level {
    int32_t node;
    uint16_t depth;
    uint8_t style, hashes, tier, level;
} open_level;

typedef struct builder {
    yd_outline *out;
    const yd_document *doc;
    const yd_line_class *lc;
    open_level stack[STACK_MAX];
    int size;
    yd_outline_why *why; /* NULL, or a record per line (explain) */
    int statute; /* the document has articles (第N条, 제N조): nothing inside them is a heading */
    int rules;   /* its title names a rule (…的规定): 1. 1． 1、 are its provisions */
} builder;

const char *yd_node_kind_name(yd_node_kind kind)
{
    switch (kind) {
    case YD_NODE_ARTICLE: return "article";
    case YD_NODE_HEADING: return "heading";
    case YD_NODE_ITEM: return "item";
    }
    return "heading";
}

static int first_heading_level(const builder *b)
{
    int i = 0;
    while (i < b->size && b->stack[i].tier == TIER_ARTICLE)
        i++;
    return i;
}

/* Rank of a division: divisions nest by rank, not by the order in which
 * they first appear (编 > 分编 > 章 > 节 > 款 > 目; 篇 > 部 > 卷 > 章 and
 * 回 > 节 in books). The unnumbered title of a group of articles and back
 * matter sit above every division. */
static int division_rank(int style, int level)
{
    switch (style) {
    case YD_NUM_USER_ARTICLE: return level * 10; /* level 1 beside 编, 4 beside 章 */
    case YD_NUM_PIAN:
    case YD_NUM_BIAN: return 10;
    case YD_NUM_BU:
    case YD_NUM_FENBIAN:
    case YD_NUM_AOZORA_L: return 20;
    case YD_NUM_JUAN: return 30;
    case YD_NUM_ZHANG:
    case YD_NUM_HUI:
    case YD_NUM_JIANG:
    case YD_NUM_COLON:
    case YD_NUM_AOZORA_M: return 40;
    case YD_NUM_JIE:
    case YD_NUM_AOZORA_S: return 50;
    case YD_NUM_KUAN: return 60;
    case YD_NUM_MU: return 70;
    default: return 0; /* group titles, back matter, annexes */
    }
}

/* Where a heading of this style goes: truncates the stack to the node's
 * parent and returns 1, or returns 0 when the line is not to be a node. */
static int place(builder *b, int tier, int style, int hashes, int level)
{
    int hb = first_heading_level(b);
    if (tier == TIER_ARTICLE) {
        b->size = hb;
        int r = division_rank(style, level);
        for (int i = 0; i < b->size; i++)
            if ((b->stack[i].style == style && b->stack[i].level == level) ||
                (r > 0 && division_rank(b->stack[i].style, b->stack[i].level) >= r)) {
                b->size = i;
                break;
            }
        return 1;
    }
    if (style == YD_NUM_USER_HEADING) {
        if (b->size > hb + level - 1)
            b->size = hb + level - 1; /* the user's level among the headings */
        return 1;
    }
    for (int i = hb; i < b->size; i++)
        if (b->stack[i].style == style && (style != YD_NUM_MARKDOWN || b->stack[i].hashes == hashes)) {
            b->size = i; /* a style seen again pops back to its level */
            return 1;
        }
    if (style == YD_NUM_PLAIN)
        return b->size == hb; /* an unnumbered title can open the top level of an article, not slip below numbers */
    if (hashes > 0) {
        /* Markdown: a heading with fewer #s closes the deeper unnumbered
         * Markdown sections (and, when unnumbered itself, any deeper #
         * section); numbering decides among numbered ones. */
        for (int i = hb; i < b->size; i++)
            if (b->stack[i].hashes >= hashes &&
                (b->stack[i].style == YD_NUM_MARKDOWN || style == YD_NUM_MARKDOWN)) {
                b->size = i;
                break;
            }
    }
    return 1;
}

static yd_status add_node(builder *b, int32_t line, int kind, int style, int hashes, const yd_line_class *c)
{
    yd_outline *o = b->out;
    if (o->count == o->capacity) {
        int32_t cap = o->capacity ? o->capacity * 2 : 64;
        yd_outline_node *grown = realloc(o->nodes, (size_t)cap * sizeof *grown);
        if (!grown)
            return YD_ENOMEM;
        o->nodes = grown;
        o->capacity = cap;
    }
    yd_outline_node *n = &o->nodes[o->count];
    const open_level *top = b->size ? &b->stack[b->size - 1] : NULL;
    n->offset = b->doc->line_starts[line];
    n->line = line;
    n->title_start = c->title_start;
    n->title_length = c->title_end - c->title_start;
    n->sub_start = 0;
    n->sub_length = 0;
    n->parent = top ? top->node : -1;
    n->end = o->count + 1;
    n->depth = (uint16_t)(top ? top->depth + 1 : 1);
    n->kind = (uint8_t)kind;
    n->style = (uint8_t)style;
    n->hashes = (uint8_t)hashes;
    n->truncated = (c->flags & YD_LF_TRUNCATED) != 0;
    if (kind != YD_NODE_ITEM)
        o->headings++;
    if (kind != YD_NODE_ITEM && style != YD_NUM_FRONT) { /* front matter adopts nothing */
        if (b->size == STACK_MAX)
            b->size--;
        b->stack[b->size++] = (open_level){.node = o->count,
                                           .depth = n->depth,
                                           .style = (uint8_t)style,
                                           .hashes = (uint8_t)hashes,
                                           .level = c->level,
                                           .tier = kind == YD_NODE_ARTICLE || style == YD_NUM_BACK
                                                       ? TIER_ARTICLE
                                                       : TIER_HEADING};
    }
    if (b->why) {
        b->why[line].node = o->count;
        b->why[line].reason = b->why[line].rule >= 0 ? YD_WHY_RULE : YD_WHY_NODE;
    }
    o->count++;
    return YD_OK;
}

/* Does the title line [ls, le) restate the article title [as, ae)? True
 * when most of its characters occur in the article title. */
static int restates(const UChar *t, int32_t ls, int32_t le, int32_t as, int32_t ae)
{
    int32_t shared = 0, total = 0;
    for (int32_t i = ls; i < le; i++) {
        if (yd_outline_is_space(t[i]))
            continue;
        total++;
        for (int32_t j = as; j < ae; j++)
            if (t[j] == t[i]) {
                shared++;
                break;
            }
    }
    return total > 0 && shared * 2 > total;
}

/* Is line j a title-like neighbour of line k for the run guard? The
 * document title counts only when no blank line separates it from k. */
static int title_neighbour(const yd_line_class *lc, int32_t j, int32_t k, int32_t doc_title)
{
    if (j < 0 || lc[j].kind != YD_LINE_TITLE)
        return 0;
    if (j == doc_title && j != k - 1)
        return 0;
    return 1;
}

/* Hard-wrapped text (every paragraph broken at the same width) gives its
 * width away: many lines that end mid-sentence, with text right under them,
 * have the same number of columns (or one less, where a wide character did
 * not fit). Title lines are open-ended too, so the width only counts when
 * some of its lines sit inside a paragraph (prose, or under another
 * open-ended line): a few titles of equal length prove nothing. Returns the
 * width, or 0 when the text is not wrapped. */
#define WRAP_MAX 200
static int open_line(const yd_line_class *c)
{
    return (c->kind == YD_LINE_BODY || c->kind == YD_LINE_TITLE) && (c->flags & YD_LF_OPEN_END);
}

static int32_t wrap_width(const yd_document *doc, const yd_line_class *lc, int32_t n, int32_t *cols)
{
    int32_t hist[WRAP_MAX + 1] = {0}, inner[WRAP_MAX + 1] = {0}, total = 0;
    for (int32_t k = 0; k + 1 < n; k++) {
        cols[k] = -1;
        if (!open_line(&lc[k]) || lc[k + 1].kind == YD_LINE_BLANK)
            continue;
        int32_t s, e;
        yd_document_line_bounds(doc, k, &s, &e);
        int32_t w = yd_outline_columns(doc->text, s, e);
        cols[k] = w;
        total++;
        if (w > WRAP_MAX)
            continue;
        hist[w]++;
        inner[w] += lc[k].kind == YD_LINE_BODY || (k > 0 && open_line(&lc[k - 1]));
    }
    int32_t best = 0, best_count = 0;
    for (int32_t w = 20; w <= WRAP_MAX; w++) /* nobody wraps narrower */
        if (hist[w] + hist[w - 1] > best_count) {
            best_count = hist[w] + hist[w - 1];
            best = w;
        }
    if (best_count < 3 || best_count * 4 < total || inner[best] + inner[best - 1] < 2)
        return 0;
    return best;
}

/* In hard-wrapped text, a title-like line as wide as the wrap width with
 * text right under it is the first line of a paragraph: make it prose, so
 * that it neither becomes a heading nor counts as a short line in a run. */
static void demote_wrapped(const yd_document *doc, yd_line_class *lc, int32_t n)
{
    if (n <= 0)
        return;
    int32_t *cols = malloc((size_t)n * sizeof *cols);
    if (!cols)
        return; /* only a guard: without memory, go without it */
    int32_t wrap = wrap_width(doc, lc, n, cols);
    for (int32_t k = 0; wrap > 0 && k + 1 < n; k++)
        if (lc[k].kind == YD_LINE_TITLE && cols[k] >= wrap - 2) {
            lc[k].kind = YD_LINE_BODY;
            lc[k].why = YD_WHY_WRAPPED;
        }
    free(cols);
}

/* Do lines a and b open with the same marker, the title up to its first
 * space (第十一回 of 第十一回 疫鼠传殃成害马)? A contents line and its
 * chapter's line may differ after it, by a misprint. */
static int same_marker(const UChar *t, const yd_line_class *a, const yd_line_class *b)
{
    int32_t i = a->title_start, j = b->title_start;
    while (i < a->title_end && j < b->title_end && !yd_outline_is_space(t[i]) && t[i] == t[j]) {
        i++;
        j++;
    }
    int a_done = i == a->title_end || yd_outline_is_space(t[i]);
    int b_done = j == b->title_end || yd_outline_is_space(t[j]);
    return i > a->title_start && a_done && b_done;
}

static int numbered_line(const yd_line_class *c)
{
    return c->kind == YD_LINE_HEADING || c->kind == YD_LINE_ARTICLE;
}

/* A table of contents at the start that lists the chapters without page
 * numbers (第一回 … on one line, 第二回 … on the next, then the text): the
 * numbered lines from the first one up to where its marker comes back, with
 * nothing but blank lines between them, at least CONTENTS_MIN of them, and
 * each coming back in the same order further on. Its lines become "other",
 * so that every chapter is in the outline once, with its text. */
enum { CONTENTS_MIN = 3 };
static void demote_contents(const yd_document *doc, yd_line_class *lc, int32_t n)
{
    int32_t first = 0;
    while (first < n && !numbered_line(&lc[first])) {
        if (lc[first].kind == YD_LINE_BODY)
            return; /* prose first: no contents at the start */
        first++;
    }
    int32_t back = first + 1, count = 1;
    while (back < n && !(numbered_line(&lc[back]) && same_marker(doc->text, &lc[first], &lc[back]))) {
        if (lc[back].kind != YD_LINE_BLANK && !numbered_line(&lc[back]))
            return; /* text before the first title comes back: no list of chapters */
        count += numbered_line(&lc[back]);
        back++;
    }
    if (back >= n || count < CONTENTS_MIN)
        return;
    int32_t j = back;
    for (int32_t k = first; k < back; k++) {
        if (!numbered_line(&lc[k]))
            continue;
        while (j < n && !(numbered_line(&lc[j]) && same_marker(doc->text, &lc[k], &lc[j])))
            j++;
        if (j++ >= n)
            return; /* an entry that never comes back: not a contents */
    }
    for (int32_t k = first; k < back; k++)
        if (numbered_line(&lc[k])) {
            lc[k].kind = YD_LINE_OTHER;
            lc[k].why = YD_WHY_OTHER;
        }
}

/* Was the line decided by the user's rule? */
static int is_user_style(int style)
{
    return style == YD_NUM_USER_ARTICLE || style == YD_NUM_USER_HEADING || style == YD_NUM_USER_ITEM ||
           style == YD_NUM_USER_TEXT;
}

/* A notice at the top of a document, fenced by two horizontal rules (the
 * Aozora Bunko legend of symbols, a download site's disclaimer), holds no
 * headings: its lines become "other". Only the first fenced block that
 * opens among the first lines counts, so that rules between chapters later
 * on hide nothing. */
enum { NOTICE_OPENS_WITHIN = 10, NOTICE_MAX_LINES = 80 };
static void demote_notice(const yd_document *doc, yd_line_class *lc, int32_t n)
{
    int32_t open = -1, seen = 0;
    for (int32_t k = 0; k < n && seen < NOTICE_OPENS_WITHIN && open < 0; k++) {
        if (lc[k].kind == YD_LINE_BLANK)
            continue;
        seen++;
        int32_t s, e;
        yd_document_line_bounds(doc, k, &s, &e);
        if (yd_line_is_rule(doc->text, s, e))
            open = k;
    }
    for (int32_t k = open + 1; open >= 0 && k < n && k <= open + NOTICE_MAX_LINES; k++) {
        int32_t s, e;
        yd_document_line_bounds(doc, k, &s, &e);
        if (yd_line_is_rule(doc->text, s, e)) {
            for (int32_t j = open + 1; j < k; j++)
                if (lc[j].kind != YD_LINE_BLANK && !is_user_style(lc[j].style)) {
                    lc[j].kind = YD_LINE_OTHER;
                    lc[j].why = YD_WHY_NOTICE;
                }
            return;
        }
    }
}

/* Is line j followed only by dates, bylines and the like up to the end of
 * the document (a signature block)? */
static int only_other_after(const yd_line_class *lc, int32_t j, int32_t n)
{
    for (int32_t k = j; k < n; k++)
        if (lc[k].kind != YD_LINE_BLANK && lc[k].kind != YD_LINE_OTHER)
            return 0;
    return 1;
}

/* Place an annex or 附则 (a closing part of a statute) at the level its
 * markup gives: a `#` heading closes every open level with as many #s or
 * none (so `## 附则` is a top division when the divisions are `##`,
 * `###`...); an unmarked one goes under the open `#` annex (the dated
 * 부칙 <…> blocks under `## 부칙`), or at the top. */
static yd_status add_annex(builder *b, int32_t line, const yd_line_class *c)
{
    int keep = 0;
    if (c->hashes) {
        while (keep < b->size && b->stack[keep].hashes > 0 && b->stack[keep].hashes < c->hashes)
            keep++;
    } else {
        for (int i = b->size - 1; i >= 0; i--)
            if (b->stack[i].style == YD_NUM_ANNEX && b->stack[i].hashes > 0) {
                keep = i + 1;
                break;
            }
    }
    b->size = keep;
    return add_node(b, line, YD_NODE_HEADING, YD_NUM_ANNEX, c->hashes, c);
}

/* Inside an article, does the numbered line open a section of the statute
 * instead of enumerating (二、关于管辖 after 第十条, where the article's own
 * enumeration would have started at 一、)? A 一、 line that is not the
 * first of its article, or that starts at one, enumerates; so does a
 * clause (…；) or a sentence (…。). */
static int opens_section(const UChar *t, const yd_line_class *c, int cn_in_article)
{
    int32_t value = 0;
    if (c->style != YD_NUM_CN || c->kind != YD_LINE_HEADING || cn_in_article > 0 ||
        (c->flags & YD_LF_FULL_STOP))
        return 0;
    return yd_numeral_parse(t, c->title_start, c->title_end, YD_NUMERAL_CHINESE, &value) > c->title_start &&
           value >= 2;
}

/* Styles below a rule's provisions (1.): their sub-items. */
static int below_provisions(int style)
{
    return style == YD_NUM_PAREN_AR || style == YD_NUM_AR_HALF || style == YD_NUM_CIRCLED ||
           style == YD_NUM_DOTTED2 || style == YD_NUM_DOTTED3;
}

/* Is the title line a speaker's name right before the salutation: a name
 * of at most four characters (某某某 / 同志们：), or an office and a name
 * (国务院总理　某某 / 各位代表：)? */
enum { NAME_MAX = 4, OFFICE_AND_NAME_MAX = 14 };
static int is_speaker(const UChar *t, const yd_line_class *lc, const yd_line_class *c, int32_t nx)
{
    if (nx < 0 || lc[nx].kind != YD_LINE_COLON)
        return 0;
    int32_t length = c->title_end - c->title_start;
    if (length <= NAME_MAX)
        return 1;
    if (length > OFFICE_AND_NAME_MAX)
        return 0;
    for (int32_t i = c->title_start; i < c->title_end; i++)
        if (!yd_outline_is_space(t[i]) && !(t[i] >= 0x4E00 && t[i] <= 0x9FFF))
            return 0; /* an office and a name are Chinese words (yuedu 指南 is a title) */
    int32_t name = c->title_end;
    while (name > c->title_start && !yd_outline_is_space(t[name - 1]))
        name--;
    return name > c->title_start && c->title_end - name <= NAME_MAX;
}

/* Does the title line k open a new article glued into the same file: is
 * the first numbered line after it (past dates, bylines, a salutation and
 * a second title line, at most a few lines) numbered one, in a style the
 * article before it already uses (一、 again after 五、)? */
enum { ARTICLE_LOOKAHEAD = 6 };
static int opens_article(const builder *b, const UChar *t, int32_t k)
{
    int seen = 0;
    for (int32_t j = k + 1; j < b->doc->line_count && seen < ARTICLE_LOOKAHEAD; j++) {
        const yd_line_class *c = &b->lc[j];
        if (c->kind == YD_LINE_BLANK)
            continue;
        seen++;
        if (c->kind == YD_LINE_OTHER || c->kind == YD_LINE_COLON || c->kind == YD_LINE_TITLE)
            continue;
        if (c->kind != YD_LINE_HEADING || c->hashes)
            return 0;
        int32_t value = 0;
        if (yd_numeral_parse(t, c->title_start, c->title_end, YD_NUMERAL_ANY, &value) == c->title_start &&
            c->title_end > c->title_start) /* （一）: the number after the bracket */
            yd_numeral_parse(t, c->title_start + 1, c->title_end, YD_NUMERAL_ANY, &value);
        if (value != 1)
            return 0;
        for (int i = first_heading_level(b); i < b->size; i++)
            if (b->stack[i].style == c->style)
                return 1;
        return 0;
    }
    return 0;
}

/* Is the innermost open division a chapter of a classic novel (第X回)?
 * Such chapters have no unnumbered sub-headings: a short line inside one
 * is a poem, a letter, a list in the story. */
static int in_novel_chapter(const builder *b)
{
    int hb = first_heading_level(b);
    return hb > 0 && b->size == hb && b->stack[hb - 1].style == YD_NUM_HUI;
}

/* Record why line k is not a node (explain). */
static void note(builder *b, int32_t k, int reason)
{
    if (b->why)
        b->why[k].reason = (uint8_t)reason;
}

/* A line the user's rule decided: placed at the rule's level. */
static yd_status add_user_node(builder *b, int32_t k, const yd_line_class *c)
{
    switch (c->style) {
    case YD_NUM_USER_ARTICLE:
        place(b, TIER_ARTICLE, c->style, 0, c->level);
        return add_node(b, k, YD_NODE_ARTICLE, c->style, 0, c);
    case YD_NUM_USER_HEADING:
        place(b, TIER_HEADING, c->style, 0, c->level);
        return add_node(b, k, YD_NODE_HEADING, c->style, 0, c);
    default:
        return add_node(b, k, YD_NODE_ITEM, YD_NUM_USER_ITEM, 0, c);
    }
}

static int is_user_node(int style)
{
    return style == YD_NUM_USER_ARTICLE || style == YD_NUM_USER_HEADING || style == YD_NUM_USER_ITEM;
}

static yd_status walk(builder *b)
{
    const yd_document *doc = b->doc;
    const yd_line_class *lc = b->lc;
    const UChar *t = doc->text;
    yd_outline *o = b->out;
    int32_t n = doc->line_count;
    int32_t prev = -1, next = 0;
    int32_t doc_title = -1;
    int32_t last_article = -1; /* line of the last article node */
    int meta_only = 1;         /* only dates, bylines, breadcrumbs so far */
    int attachments = 0;       /* inside 附件：1.… 2.… */
    int in_article = 0;        /* inside an article of a statute: nothing here is a heading */
    int cn_in_article = 0;     /* 一、 lines seen in this article */
    yd_status st = YD_OK;

    for (int32_t k = 0; k < n && st == YD_OK; k++) {
        const yd_line_class *c = &lc[k];
        if (c->kind == YD_LINE_BLANK) {
            attachments = 0;
            continue;
        }
        if (c->kind == YD_LINE_OTHER || c->kind == YD_LINE_COLON) {
            int32_t s, e;
            yd_document_line_bounds(doc, k, &s, &e);
            if (yd_line_opens_attachments(t, s, e))
                attachments = 1; /* GB/T 9704: the list of attachments closes a document */
        }
        if (next <= k)
            for (next = k + 1; next < n && lc[next].kind == YD_LINE_BLANK; next++)
                ;
        int32_t nx = next < n ? next : -1;
        int32_t pv = prev;
        int first = meta_only;
        prev = k;
        if (c->kind != YD_LINE_OTHER)
            meta_only = 0;
        if (is_user_node(c->style)) {
            in_article = 0; /* the user's rule wins over every guard */
            st = add_user_node(b, k, c);
            if (c->kind == YD_LINE_ARTICLE)
                last_article = k;
            continue;
        }

        switch (c->kind) {
        case YD_LINE_TITLE:
        case YD_LINE_HEADING:
            if (first && ((c->kind == YD_LINE_TITLE && c->style == YD_NUM_NONE) ||
                          (c->style == YD_NUM_MARKDOWN && c->hashes == 1))) {
                /* The first line (after dates, bylines, breadcrumbs) names
                 * the document, unless it opens a run of three short lines
                 * (a banner). */
                int banner = c->kind == YD_LINE_TITLE && nx >= 0 && lc[nx].kind == YD_LINE_TITLE;
                if (banner) {
                    int32_t j = nx + 1;
                    while (j < n && lc[j].kind == YD_LINE_BLANK)
                        j++;
                    banner = j < n && lc[j].kind == YD_LINE_TITLE;
                }
                if (!banner) {
                    doc_title = k;
                    o->title_line = k;
                    o->title_start = c->title_start;
                    o->title_length = c->title_end - c->title_start;
                    note(b, k, YD_WHY_DOC_TITLE);
                    continue;
                }
            }
            if (c->style == YD_NUM_ANNEX) {
                if (nx < 0) {
                    note(b, k, YD_WHY_MATTER_PLACE);
                    continue; /* the last line: nothing to annex */
                }
                st = add_annex(b, k, c);
                in_article = b->statute; /* its paragraphs and lists, like an article's */
                continue;
            }
            if (c->hashes)
                in_article = 0;
            if (c->kind == YD_LINE_HEADING) {
                if (attachments && !c->hashes) {
                    note(b, k, YD_WHY_ATTACHMENTS);
                    continue; /* 附件：1.读书活动报名表 / 2.推荐书目 */
                }
                if (in_article && !c->hashes && !opens_section(t, c, cn_in_article)) {
                    cn_in_article += c->style == YD_NUM_CN;
                    note(b, k, YD_WHY_IN_ARTICLE);
                    continue; /* 一、 （一） 1. inside an article, or an annex's list */
                }
                in_article = 0;
                if (b->rules && !c->hashes && c->style == YD_NUM_AR) {
                    st = add_node(b, k, YD_NODE_ITEM, YD_NUM_ITEM, 0, c);
                    continue; /* 1. under 一、: a provision of a rule */
                }
                if (b->rules && !c->hashes && below_provisions(c->style)) {
                    note(b, k, YD_WHY_BELOW_PROVISION);
                    continue;
                }
                if (place(b, TIER_HEADING, c->style, c->hashes, 0))
                    st = add_node(b, k, YD_NODE_HEADING, c->style, c->hashes, c);
                continue;
            }
            /* An unnumbered title line. */
            if (c->style == YD_NUM_FRONT || c->style == YD_NUM_BACK) {
                /* 前言, 后记, 附录: top nodes wherever they stand. Back
                 * matter closes the articles and adopts what follows. */
                if (nx < 0 ||
                    (pv >= 0 && pv == k - 1 && lc[pv].kind == YD_LINE_BODY && (lc[pv].flags & YD_LF_OPEN_END))) {
                    note(b, k, YD_WHY_MATTER_PLACE);
                    continue;
                }
                b->size = 0;
                st = add_node(b, k, YD_NODE_HEADING, c->style, 0, c);
                continue;
            }
            if (pv >= 0 && pv == last_article && o->count > 0) {
                yd_outline_node *a = &o->nodes[o->count - 1];
                if (a->line == pv && a->kind == YD_NODE_ARTICLE) {
                    int32_t ae = a->title_start + a->title_length;
                    int rank = division_rank(a->style, 0);
                    /* 卷一 / 考城隍 / the tale: the volume's first tale,
                     * not its name (unless a chapter follows the name). */
                    int volume = rank > 0 && rank <= division_rank(YD_NUM_JUAN, 0);
                    int titled = !volume || (nx >= 0 && lc[nx].kind == YD_LINE_ARTICLE);
                    if (a->sub_length == 0 && (lc[pv].flags & YD_LF_BARE) && titled) {
                        a->sub_start = c->title_start; /* 第一章 / 总则 */
                        a->sub_length = c->title_end - c->title_start;
                        note(b, k, YD_WHY_MARKER_TITLE);
                        continue;
                    }
                    if (restates(t, c->title_start, c->title_end, a->title_start, ae)) {
                        note(b, k, YD_WHY_RESTATES);
                        continue; /* 第一篇：某某 / 某某: the article's title again */
                    }
                }
            }
            if (is_speaker(t, lc, c, nx)) {
                note(b, k, YD_WHY_SPEAKER);
                continue; /* 习近平 under the date, before 同志们： */
            }
            if (title_neighbour(lc, pv, k, doc_title) || title_neighbour(lc, nx, k, doc_title)) {
                /* A run of short lines: related links, a banner, a byline
                 * under a title. Unless it names the article that follows. */
                note(b, k, YD_WHY_RUN);
                continue;
            }
            if (nx >= 0 && lc[nx].kind == YD_LINE_ARTICLE && k > 0 && lc[k - 1].kind == YD_LINE_BLANK) {
                /* A title above an article marker names a group of articles. */
                if (place(b, TIER_ARTICLE, YD_NUM_GROUP, 0, 0))
                    st = add_node(b, k, YD_NODE_ARTICLE, YD_NUM_GROUP, 0, c);
                continue;
            }
            if (in_article) {
                note(b, k, YD_WHY_IN_ARTICLE);
                continue; /* a short line in an article: an annex entry, a table cell */
            }
            if (c->why == YD_WHY_NAMED_WORK) {
                note(b, k, YD_WHY_NAMED_WORK);
                continue; /* 《银鼠谚》 alone on a line: the poem, not a section */
            }
            if (in_novel_chapter(b)) {
                note(b, k, YD_WHY_IN_CHAPTER);
                continue; /* a poem's title, a letter's heading, a verse inside 第三回 */
            }
            if (nx < 0 || only_other_after(lc, nx, n)) {
                note(b, k, YD_WHY_SIGNATURE);
                continue; /* nothing but a date follows: a signature, not a heading */
            }
            if (pv >= 0 && pv == k - 1 && lc[pv].kind == YD_LINE_BODY && (lc[pv].flags & YD_LF_OPEN_END)) {
                note(b, k, YD_WHY_PARAGRAPH_TAIL);
                continue; /* the tail of a paragraph broken across lines */
            }
            int placed = place(b, TIER_HEADING, YD_NUM_PLAIN, 0, 0);
            if (!placed && opens_article(b, t, k)) {
                b->size = first_heading_level(b); /* a new article: its own numbering starts */
                placed = 1;
            }
            if (placed)
                st = add_node(b, k, YD_NODE_HEADING, YD_NUM_PLAIN, 0, c);
            else
                note(b, k, YD_WHY_BELOW_NUMBERS);
            continue;
        case YD_LINE_ARTICLE:
            in_article = 0;
            place(b, TIER_ARTICLE, c->style, c->hashes, 0);
            st = add_node(b, k, YD_NODE_ARTICLE, c->style, c->hashes, c);
            last_article = k;
            continue;
        case YD_LINE_ITEM:
            if (in_article && !(c->flags & YD_LF_PROVISION)) {
                note(b, k, YD_WHY_IN_ARTICLE);
                continue; /* 一是 inside an article */
            }
            st = add_node(b, k, YD_NODE_ITEM, YD_NUM_ITEM, 0, c);
            in_article = b->statute && (c->flags & YD_LF_PROVISION);
            cn_in_article = 0;
            continue;
        case YD_LINE_CLAUSE:
        case YD_LINE_OTHER:
            if (b->rules && !b->statute && !c->hashes && c->style == YD_NUM_AR) {
                st = add_node(b, k, YD_NODE_ITEM, YD_NUM_ITEM, 0, c); /* 11.船舶买卖合同纠纷案件； */
                continue;
            }
            note(b, k,
                 c->kind == YD_LINE_CLAUSE      ? YD_WHY_CLAUSE
                 : c->why == YD_WHY_FURNITURE ? YD_WHY_FURNITURE
                 : c->why == YD_WHY_PURIFIED  ? YD_WHY_PURIFIED
                                              : YD_WHY_OTHER);
            continue;
        case YD_LINE_COLON:
            note(b, k, YD_WHY_SALUTATION);
            continue;
        default:
            continue;
        }
    }
    return st;
}

/* The last clause of an enumeration ends in 。 instead of ；: mark it a
 * clause too, so that （一）…；（二）…；（三）…。 stay body text. */
static void close_clauses(yd_line_class *lc, int32_t n)
{
    int32_t prev = -1;
    for (int32_t k = 0; k < n; k++) {
        if (lc[k].kind == YD_LINE_BLANK)
            continue;
        if (prev >= 0 && lc[prev].kind == YD_LINE_CLAUSE && lc[k].kind == YD_LINE_HEADING && !lc[k].hashes &&
            lc[k].style == lc[prev].style && (lc[k].flags & YD_LF_FULL_STOP))
            lc[k].kind = YD_LINE_CLAUSE;
        prev = k;
    }
}

static void compute_ends(yd_outline *o)
{
    /* A node's subtree ends at the next node that is not deeper. */
    int32_t open[STACK_MAX + 2];
    int top = 0;
    for (int32_t i = 0; i < o->count; i++) {
        while (top > 0 && o->nodes[open[top - 1]].depth >= o->nodes[i].depth)
            o->nodes[open[--top]].end = i;
        if (top == STACK_MAX + 2) { /* deeper than the stack allows: cannot happen, be safe */
            o->nodes[open[0]].end = i;
            memmove(open, open + 1, sizeof open - sizeof open[0]);
            top--;
        }
        open[top++] = i;
    }
    while (top > 0)
        o->nodes[open[--top]].end = o->count;
}

/* Is the document a statute (at least three article lines) or a rule (its
 * title, the first non-blank line, names one)? Articles whose text runs on
 * after the number (第一条为了…) count only in a document that writes
 * most of its articles so; elsewhere such a line is a sentence. */
#define STATUTE_MIN_ARTICLES 3
static void judge_kind(builder *b, yd_line_class *lc)
{
    int32_t spaced = 0, run_on = 0, first = -1, n = b->doc->line_count;
    for (int32_t k = 0; k < n; k++) {
        if (first < 0 && lc[k].kind != YD_LINE_BLANK)
            first = k;
        if (lc[k].flags & YD_LF_PROVISION) {
            if (lc[k].flags & YD_LF_RUN_ON)
                run_on++;
            else
                spaced++;
        }
    }
    int keep_run_on = run_on >= STATUTE_MIN_ARTICLES && run_on > spaced;
    for (int32_t k = 0; k < n && !keep_run_on && run_on > 0; k++)
        if ((lc[k].flags & (YD_LF_PROVISION | YD_LF_RUN_ON)) == (YD_LF_PROVISION | YD_LF_RUN_ON)) {
            lc[k].kind = YD_LINE_BODY;
            lc[k].why = YD_WHY_MENTION;
            lc[k].flags &= (uint8_t) ~(YD_LF_PROVISION | YD_LF_RUN_ON);
        }
    b->statute = (keep_run_on ? run_on + spaced : spaced) >= STATUTE_MIN_ARTICLES;
    if (first >= 0) {
        int32_t s, e;
        yd_document_line_bounds(b->doc, first, &s, &e);
        b->rules = yd_line_names_rule(b->doc->text, s, e);
    }
}

/* The class a user's rule gives a line. */
static void class_of_rule(const yd_outline_rule *rule, int32_t ts, int32_t te, yd_line_class *c)
{
    static const uint8_t kinds[] = {YD_LINE_HEADING, YD_LINE_ARTICLE, YD_LINE_ITEM, YD_LINE_BODY};
    static const uint8_t styles[] = {YD_NUM_USER_HEADING, YD_NUM_USER_ARTICLE, YD_NUM_USER_ITEM, YD_NUM_USER_TEXT};
    /* The configuration checks both; a caller of the API may not have. */
    int kind = (unsigned)rule->kind <= YD_RULE_TEXT ? (int)rule->kind : YD_RULE_HEADING;
    int level = rule->level < 1 ? 1 : rule->level > YD_RULE_LEVEL_MAX ? YD_RULE_LEVEL_MAX : rule->level;
    *c = (yd_line_class){.title_start = ts, .title_end = te, .kind = kinds[kind], .style = styles[kind],
                         .level = (uint8_t)level};
}

/* Classify every line: the user's rules first, then (unless they are
 * turned off) the built-in conventions. Lines in a code fence are text. */
static void classify_all(const yd_document *doc, yd_rule_set *rules, int builtin, const uint8_t *furniture,
                         yd_line_class *lc, yd_outline_why *why)
{
    int fence = 0, markdown = doc->format == YD_FORMAT_MARKDOWN;
    for (int32_t k = 0; k < doc->line_count; k++) {
        int32_t s, e, ts, te;
        yd_document_line_bounds(doc, k, &s, &e);
        if (doc->hidden_lines && doc->hidden_lines[k]) { /* a user's purify rule hides it: gone */
            if (why)
                why[k] = (yd_outline_why){.node = -1, .rule = -1};
            lc[k] = (yd_line_class){.kind = YD_LINE_OTHER, .title_start = s, .title_end = s, .why = YD_WHY_PURIFIED};
            continue;
        }
        int rule = rules ? yd_rule_set_match(rules, doc->text, s, e, &ts, &te) : -1;
        if (why)
            why[k] = (yd_outline_why){.node = -1, .rule = (int16_t)rule};
        if (rule >= 0) {
            class_of_rule(yd_rule_set_rule(rules, rule), ts, te, &lc[k]);
            continue;
        }
        if (builtin && furniture && furniture[k] == YD_FURNITURE_LINE) { /* a site's notice is never a heading */
            lc[k] = (yd_line_class){.kind = YD_LINE_OTHER, .title_start = s, .title_end = s, .why = YD_WHY_FURNITURE};
            continue;
        }
        const yd_line_info *mi = doc->markup && k < doc->markup->line_count ? &doc->markup->lines[k] : NULL;
        if (mi && builtin) {
            /* Rendered markup: its headings are headings, its code, tables
             * and rules text; its paragraphs and items as in plain text. */
            if (mi->kind == YD_BLOCK_HEADING)
                yd_classify_heading(doc->text, s, e, mi->level, &lc[k]);
            else if (mi->kind == YD_BLOCK_TEXT || mi->kind == YD_BLOCK_QUOTE || mi->kind == YD_BLOCK_ITEM)
                yd_classify_line(doc->text, s, e, mi->kind == YD_BLOCK_ITEM, &lc[k]);
            else
                lc[k] = (yd_line_class){.kind = s == e ? YD_LINE_BLANK : YD_LINE_BODY, .title_start = s, .title_end = s};
        } else if (builtin && yd_line_is_fence(doc->text, s, e)) {
            fence = !fence;
            lc[k] = (yd_line_class){.kind = YD_LINE_BODY, .title_start = s, .title_end = s};
        } else if (fence || !builtin) {
            lc[k] = (yd_line_class){.kind = s == e ? YD_LINE_BLANK : YD_LINE_BODY, .title_start = s, .title_end = s};
        } else {
            yd_classify_line(doc->text, s, e, markdown, &lc[k]);
        }
    }
}

/* Did the line look like a heading before the guards, or did a guard or a
 * rule decide it? Those are the lines explain shows. */
static void mark_candidates(const yd_line_class *lc, int32_t n, yd_outline_why *why)
{
    for (int32_t k = 0; k < n; k++) {
        const yd_line_class *c = &lc[k];
        if (why[k].rule >= 0)
            why[k].reason = YD_WHY_RULE; /* the user's rule decided, node or text */
        else if (c->why != YD_WHY_PROSE && why[k].reason == YD_WHY_PROSE)
            why[k].reason = c->why;
        why[k].candidate = why[k].rule >= 0 || why[k].node >= 0 || why[k].reason != YD_WHY_PROSE ||
                           (c->kind != YD_LINE_BLANK && c->kind != YD_LINE_BODY);
    }
}

yd_status yd_outline_build(yd_outline *outline, const yd_document *doc, yd_error *err)
{
    return yd_outline_build_with(outline, doc, NULL, err);
}

yd_status yd_outline_build_with(yd_outline *outline, const yd_document *doc, const yd_outline_options *options,
                                yd_error *err)
{
    memset(outline, 0, sizeof *outline);
    outline->title_start = -1;
    outline->title_line = -1;
    int32_t n = doc->line_count;
    if (n == 0)
        return YD_OK;
    const yd_outline_rules *user = options ? options->rules : NULL;
    yd_outline_why *why = options ? options->why : NULL;
    yd_rule_set *rules = NULL;
    if (yd_rule_set_open(&rules, user, doc->path, err) != YD_OK)
        return YD_ENOMEM;
    yd_line_class *lc = malloc((size_t)n * sizeof *lc);
    if (!lc) {
        yd_rule_set_close(rules);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    int builtin = !user || user->builtin;
    uint8_t *furniture = NULL;
    int32_t furniture_lines = 0;
    if (builtin && yd_furniture_find(doc, &furniture, &furniture_lines, err) != YD_OK) {
        free(lc);
        yd_rule_set_close(rules);
        return YD_ENOMEM;
    }
    classify_all(doc, rules, builtin, furniture, lc, why);
    free(furniture);
    outline->rule_timeouts = yd_rule_set_timeouts(rules);
    yd_rule_set_close(rules);
    if (builtin) {
        close_clauses(lc, n);
        demote_wrapped(doc, lc, n);
        demote_notice(doc, lc, n);
        demote_contents(doc, lc, n);
    }
    builder b = {.out = outline, .doc = doc, .lc = lc, .size = 0, .why = why};
    if (builtin)
        judge_kind(&b, lc);
    yd_status st = walk(&b);
    if (why && st == YD_OK)
        mark_candidates(lc, n, why);
    free(lc);
    if (st != YD_OK) {
        yd_outline_free(outline);
        return yd_error_set(err, st, "out of memory");
    }
    compute_ends(outline);
    return YD_OK;
}

void yd_outline_free(yd_outline *outline)
{
    free(outline->nodes);
    memset(outline, 0, sizeof *outline);
    outline->title_start = -1;
    outline->title_line = -1;
}

static int is_collapsible(UChar c) { return c == '\n' || c == '\r' || yd_outline_is_space(c); }

/* Append [start, start+length) to buf at *len, collapsing white space. */
static void append_clean(const UChar *text, int32_t start, int32_t length, UChar *buf, int32_t capacity,
                         int32_t *len)
{
    int pending_space = *len > 0;
    for (int32_t i = start; i < start + length; i++) {
        UChar c = text[i];
        if (is_collapsible(c)) {
            pending_space = *len > 0;
            continue;
        }
        if (pending_space) {
            if (*len < capacity)
                buf[*len] = 0x20;
            (*len)++;
            pending_space = 0;
        }
        if (*len < capacity)
            buf[*len] = c;
        (*len)++;
    }
}

int32_t yd_outline_clean_title(const UChar *text, int32_t start, int32_t length, UChar *buf, int32_t capacity)
{
    int32_t len = 0;
    if (start >= 0 && length > 0)
        append_clean(text, start, length, buf, capacity, &len);
    return len;
}

int32_t yd_outline_node_title(const yd_document *doc, const yd_outline_node *node, UChar *buf, int32_t capacity)
{
    int32_t len = 0;
    append_clean(doc->text, node->title_start, node->title_length, buf, capacity, &len);
    if (node->sub_length > 0)
        append_clean(doc->text, node->sub_start, node->sub_length, buf, capacity, &len);
    if (node->truncated) {
        if (len < capacity)
            buf[len] = 0x2026;
        len++;
    }
    return len;
}

int32_t yd_outline_node_at(const yd_outline *outline, int32_t offset)
{
    int32_t lo = 0, hi = outline->count; /* first node with offset > offset */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (outline->nodes[mid].offset <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}
