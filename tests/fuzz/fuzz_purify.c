/* libFuzzer target: purify rules from config.yaml (purify_config.c) applied
 * to a document (purify.c). The input is the YAML, a NUL, a byte choosing
 * the format (text, Markdown, HTML), then the document. The document read
 * with the rules must keep the lines of the one read without them (count
 * and source lines), its line index must match its text, its spans and
 * links stay inside their lines (markup_check.h), and the outline builds.
 * abort() on any breach. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup_check.h"
#include "yuedu/config.h"
#include "yuedu/problems.h"
#include "yuedu/purify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const yd_document *d)
{
    if (d->text[d->length] != 0 || d->line_count < 0 || (d->line_count > 0 && d->line_starts[0] != 0))
        abort();
    for (int32_t k = 1; k < d->line_count; k++)
        if (d->line_starts[k] <= d->line_starts[k - 1] || d->line_starts[k] > d->length ||
            d->text[d->line_starts[k] - 1] != '\n')
            abort();
    for (int32_t k = 0; k < d->line_count; k++) {
        int32_t s, e;
        yd_document_line_bounds(d, k, &s, &e);
        for (int32_t i = s; i < e; i++)
            if (d->text[i] == '\n')
                abort(); /* a replacement split a line */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    if (!nul || nul + 1 >= data + size)
        return 0;
    size_t yaml = (size_t)(nul - data);
    static const char *const names[] = {"fuzz.txt", "fuzz.md", "fuzz.html"};
    const char *name = names[nul[1] % 3];
    const uint8_t *doc = nul + 2;
    size_t doc_size = size - yaml - 2;

    yd_config config;
    yd_problems problems;
    yd_error err = {0};
    yd_problems_init(&problems);
    if (yd_config_parse(&config, "config.yaml", (const char *)data, yaml, &problems, &err) != YD_OK) {
        yd_problems_free(&problems);
        yd_config_free(&config);
        return 0;
    }
    yd_problems_free(&problems);
    yd_load_options plain = {.encoding = "UTF-8"}, purified = plain;
    purified.purify = &config.purify.rules;
    yd_document a, b;
    if (yd_document_from_bytes(&a, name, doc, doc_size, &plain, &err) != YD_OK) {
        yd_config_free(&config);
        return 0;
    }
    if (yd_document_from_bytes(&b, name, doc, doc_size, &purified, &err) == YD_OK) {
        if (a.line_count != b.line_count || (a.markup == NULL) != (b.markup == NULL))
            abort();
        for (int32_t k = 0; k < a.line_count; k++)
            if (yd_source_line(&a, k) != yd_source_line(&b, k))
                abort();
        if (b.length > (int64_t)a.length * 4 + 64 * 1024 * 1024)
            abort();
        check_text(&b);
        if (b.markup) {
            int32_t source_lines = 1;
            for (size_t i = 0; i < doc_size; i++)
                source_lines += doc[i] == '\n' || doc[i] == '\r';
            check_markup(&b, source_lines);
        }
        yd_outline outline;
        yd_outline_options oo = {.rules = &config.outline.rules};
        if (yd_outline_build_with(&outline, &b, &oo, &err) == YD_OK) {
            for (int32_t i = 0; i < outline.count; i++)
                if (b.hidden_lines && b.hidden_lines[outline.nodes[i].line])
                    abort(); /* a hidden line is never a node */
            yd_outline_free(&outline);
        }
        yd_document_free(&b);
    }
    yd_document_free(&a);
    yd_config_free(&config);
    return 0;
}
