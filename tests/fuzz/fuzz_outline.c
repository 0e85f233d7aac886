/* libFuzzer target: bytes -> document -> outline; checks the tree's
 * invariants and formats every title. The first byte picks a Markdown or a
 * plain file name; the outline is built twice, the second time with a few
 * user rules (outline.rules) and the per-line reasons of --explain, which
 * must agree with the nodes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"
#include "yuedu/outline_rules.h"

static void check_tree(const yd_document *doc, const yd_outline *outline);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_document doc;
    yd_error err = {0};
    memset(&doc, 0, sizeof doc);
    const char *name = size > 0 && (data[0] & 1) ? "fuzz.md" : "fuzz.txt";
    if (yd_document_from_bytes(&doc, name, data, size, NULL, &err) != YD_OK) {
        yd_document_free(&doc);
        return 0;
    }
    yd_outline outline;
    memset(&outline, 0, sizeof outline);
    if (yd_outline_build(&outline, &doc, &err) == YD_OK)
        check_tree(&doc, &outline);
    yd_outline_free(&outline);

    static const char *const patterns[] = {"^PART ([IVX]+)", "^#+\\s", "(a|aa)+$", "^\\s*第"};
    yd_outline_rules rules;
    yd_outline_rules_init(&rules);
    for (int i = 0; i < 4; i++) {
        yd_outline_rule r = {.pattern = (char *)patterns[i], .level = 1 + i * 2, .kind = (yd_rule_kind)i,
                             .files = i == 3 ? "*.md" : NULL};
        if (yd_outline_rules_add(&rules, &r, NULL) != YD_OK)
            abort();
    }
    rules.builtin = size > 1 && (data[1] & 1);
    yd_outline_why *why = doc.line_count > 0 ? calloc((size_t)doc.line_count, sizeof *why) : NULL;
    yd_outline_options options = {.rules = &rules, .why = why};
    if ((doc.line_count == 0 || why) && yd_outline_build_with(&outline, &doc, &options, &err) == YD_OK) {
        check_tree(&doc, &outline);
        for (int32_t k = 0; why && k < doc.line_count; k++) {
            if (why[k].node >= outline.count || why[k].reason >= YD_WHY_COUNT || why[k].rule >= 4)
                abort();
            if (why[k].node >= 0 && outline.nodes[why[k].node].line != k)
                abort();
            (void)yd_outline_reason_text((yd_outline_reason)why[k].reason);
        }
        for (int32_t k = 0; k < outline.count; k++)
            if (why && why[outline.nodes[k].line].node != k)
                abort();
        yd_outline_free(&outline);
    }
    free(why);
    yd_outline_rules_free(&rules);
    yd_document_free(&doc);
    return 0;
}

static void check_tree(const yd_document *doc, const yd_outline *outline)
{
    UChar buf[512];
    for (int32_t k = 0; k < outline->count; k++) {
        const yd_outline_node *n = &outline->nodes[k];
        if (n->parent >= k || n->parent < -1 || n->end <= k || n->end > outline->count)
            abort();
        if (n->depth < 1 || (n->parent >= 0 && n->depth != outline->nodes[n->parent].depth + 1))
            abort();
        if (n->title_start < 0 || n->title_length < 0 || n->title_start + n->title_length > doc->length)
            abort();
        if (n->sub_length < 0 || (n->sub_length > 0 && n->sub_start + n->sub_length > doc->length))
            abort();
        if (n->line < 0 || n->line >= doc->line_count || n->kind > YD_NODE_ITEM)
            abort();
        if (k > 0 && n->offset < outline->nodes[k - 1].offset)
            abort();
        int32_t len = yd_outline_node_title(doc, n, buf, (int32_t)(sizeof buf / sizeof buf[0]));
        if (len < 0)
            abort();
        (void)yd_node_kind_name((yd_node_kind)n->kind);
        (void)yd_outline_style_text((yd_heading_style)n->style);
        if (yd_outline_node_at(outline, n->offset) < k)
            abort();
    }
    if (outline->title_start >= 0)
        (void)yd_outline_clean_title(doc->text, outline->title_start, outline->title_length, buf, 4);
    (void)yd_outline_node_at(outline, 0);
    (void)yd_outline_node_at(outline, doc->length);
}
