/* yuedu --outline: the outline of each document as an indented tree, TSV
 * rows (PATH LINE DEPTH KIND TITLE, SPEC §2) or YAML (libyaml's emitter). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <yaml.h>

#include "cli.h"
#include "yuedu/markup.h"
#include "i18n.h"
#include "yuedu/outline.h"
#include "yuedu/outline_length.h"
#include "yuedu/outline_rules.h"

/* A growable UTF-8 string, reused for every title. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
    int failed;
} strbuf;

static void sb_reserve(strbuf *b, size_t more)
{
    if (b->failed || b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = 1;
        return;
    }
    b->s = s;
    b->cap = cap;
}

static void sb_put(strbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    if (b->failed)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

/* UTF-16 into b as UTF-8; unsafe characters become a visible \uXXXX
 * (\xHH below U+0080), unpaired surrogates U+FFFD. */
static void sb_put_utf16(strbuf *b, const UChar *s, int32_t n)
{
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (U_IS_SURROGATE(c))
            c = 0xFFFD;
        char tmp[12];
        int k = 0;
        if (cli_unsafe_char(c)) {
            k = snprintf(tmp, sizeof tmp, c < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)c);
        } else if (c < 0x80) {
            tmp[k++] = (char)c;
        } else if (c < 0x800) {
            tmp[k++] = (char)(0xC0 | (c >> 6));
            tmp[k++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            tmp[k++] = (char)(0xE0 | (c >> 12));
            tmp[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            tmp[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            tmp[k++] = (char)(0xF0 | (c >> 18));
            tmp[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
            tmp[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            tmp[k++] = (char)(0x80 | (c & 0x3F));
        }
        sb_put(b, tmp, (size_t)k);
    }
}

/* A title, cleaned by the core, as safe UTF-8 in b (replacing its content). */
static const char *title_utf8(strbuf *b, const yd_document *doc, const yd_outline_node *node)
{
    UChar stackbuf[256];
    UChar *u = stackbuf;
    int32_t n = yd_outline_node_title(doc, node, u, 256);
    if (n > 256) {
        u = malloc((size_t)n * sizeof *u);
        if (!u) {
            b->failed = 1;
            return "";
        }
        yd_outline_node_title(doc, node, u, n);
    }
    b->len = 0;
    sb_put(b, "", 0);
    sb_put_utf16(b, u, n);
    if (u != stackbuf)
        free(u);
    return b->failed ? "" : b->s;
}

static const char *doc_title_utf8(strbuf *b, const yd_document *doc, const yd_outline *o)
{
    UChar u[256];
    int32_t n = yd_outline_clean_title(doc->text, o->title_start, o->title_length, u, 256);
    if (n > 256)
        n = 256; /* titles are capped far below this */
    b->len = 0;
    sb_put(b, "", 0);
    sb_put_utf16(b, u, n);
    return b->failed ? "" : b->s;
}

/* Paths go through the same filter as titles (they are bytes, mostly UTF-8). */
static const char *path_utf8(strbuf *b, const char *path)
{
    /* The same escapes as every other file name (cli_put_sanitized), so
     * that the result is valid UTF-8 without a raw control in it. */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    b->len = 0;
    sb_put(b, "", 0);
    if (!m) {
        b->failed = 1;
        return "";
    }
    cli_put_sanitized(m, path);
    if (fclose(m) != 0 || !buf)
        b->failed = 1;
    else
        sb_put(b, buf, len);
    free(buf);
    return b->failed ? "" : b->s;
}

static void print_text(const yd_document *doc, const yd_outline *o, strbuf *b, int first)
{
    if (!first)
        putchar('\n');
    fputs(path_utf8(b, doc->path), stdout);
    if (o->title_start >= 0)
        printf(": %s", doc_title_utf8(b, doc, o));
    putchar('\n');
    if (o->count == 0)
        puts("        (no headings)");
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        printf("%7ld  %*s%s%s\n", (long)yd_source_line(doc, n->line), 2 * (n->depth - 1), "", n->kind == YD_NODE_ITEM ? "· " : "",
               title_utf8(b, doc, n));
    }
}

/* MINUTES at rate characters a minute (reading.chars-per-minute). */
static void print_tsv(const yd_document *doc, const yd_outline *o, strbuf *b, strbuf *path, int rate)
{
    path_utf8(path, doc->path);
    size_t *lengths = NULL; /* every node's at once; one by one when out of memory */
    yd_outline_lengths(doc, o, &lengths);
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        size_t chars = lengths ? lengths[i] : yd_outline_node_chars(doc, o, i);
        printf("%s\t%ld\t%d\t%s\t%s\t%zu\t%.1f\n", path->failed ? "" : path->s, (long)yd_source_line(doc, n->line),
               n->depth, yd_node_kind_name((yd_node_kind)n->kind), title_utf8(b, doc, n), chars,
               yd_reading_minutes(chars, rate));
    }
    free(lengths);
}

/* YAML: a sequence of documents, each with its path, title and nodes;
 * a node is {line, kind, title, children}. */
typedef struct yaml_out {
    yaml_emitter_t emitter;
    yaml_event_t event;
    int ok;
} yaml_out;

static void y_emit(yaml_out *y)
{
    if (y->ok && !yaml_emitter_emit(&y->emitter, &y->event))
        y->ok = 0;
}

/* Would s, written plain, read back as something other than a string? */
static int needs_quotes(const char *s)
{
    static const char *const words[] = {"~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
                                        "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO",
                                        "on", "On", "ON", "off", "Off", "OFF"};
    if (!*s)
        return 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(s, words[k]) == 0)
            return 1;
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p)
        return 0;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '_' || *p == ':'))
            return 0;
    return 1; /* a number */
}

static void y_scalar(yaml_out *y, const char *s, int plain_ok)
{
    if (!y->ok)
        return;
    if (plain_ok == 2)
        plain_ok = !needs_quotes(s);
    /* libyaml refuses text that is not UTF-8 and leaves the event as it
     * was (already emitted): emitting it again would free it twice. */
    if (!yaml_scalar_event_initialize(&y->event, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), plain_ok, 1,
                                      plain_ok ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE)) {
        y->ok = 0;
        return;
    }
    y_emit(y);
}

static void y_start(yaml_out *y, int mapping)
{
    if (!y->ok)
        return;
    if (mapping)
        yaml_mapping_start_event_initialize(&y->event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    else
        yaml_sequence_start_event_initialize(&y->event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    y_emit(y);
}

static void y_end(yaml_out *y, int mapping)
{
    if (!y->ok)
        return;
    if (mapping)
        yaml_mapping_end_event_initialize(&y->event);
    else
        yaml_sequence_end_event_initialize(&y->event);
    y_emit(y);
}

static int write_stdout(void *data, unsigned char *buffer, size_t size)
{
    (void)data;
    return fwrite(buffer, 1, size, stdout) == size;
}

/* Nodes [from, to) that are children of the same parent, with their
 * subtrees; iterative over siblings, recursive over depth (bounded by the
 * outline's stack limit). */
static void y_nodes(yaml_out *y, const yd_document *doc, const yd_outline *o, int32_t from, int32_t to, strbuf *b)
{
    y_start(y, 0);
    for (int32_t i = from; i < to && y->ok; i = o->nodes[i].end) {
        const yd_outline_node *n = &o->nodes[i];
        char num[24];
        y_start(y, 1);
        y_scalar(y, "line", 1);
        snprintf(num, sizeof num, "%ld", (long)yd_source_line(doc, n->line));
        y_scalar(y, num, 1);
        y_scalar(y, "kind", 1);
        y_scalar(y, yd_node_kind_name((yd_node_kind)n->kind), 1);
        y_scalar(y, "title", 1);
        y_scalar(y, title_utf8(b, doc, n), 2);
        if (n->end > i + 1) {
            y_scalar(y, "children", 1);
            y_nodes(y, doc, o, i + 1, n->end, b);
        }
        y_end(y, 1);
    }
    y_end(y, 0);
}

static int yaml_begin(yaml_out *y)
{
    memset(y, 0, sizeof *y);
    if (!yaml_emitter_initialize(&y->emitter))
        return 0;
    y->ok = 1;
    yaml_emitter_set_output(&y->emitter, write_stdout, NULL);
    yaml_emitter_set_unicode(&y->emitter, 1);
    yaml_emitter_set_width(&y->emitter, -1);
    yaml_stream_start_event_initialize(&y->event, YAML_UTF8_ENCODING);
    y_emit(y);
    yaml_document_start_event_initialize(&y->event, NULL, NULL, NULL, 1);
    y_emit(y);
    y_start(y, 0);
    return 1;
}

static int yaml_finish(yaml_out *y)
{
    y_end(y, 0);
    if (y->ok) {
        yaml_document_end_event_initialize(&y->event, 1);
        y_emit(y);
    }
    if (y->ok) {
        yaml_stream_end_event_initialize(&y->event);
        y_emit(y);
    }
    int ok = y->ok;
    yaml_emitter_delete(&y->emitter);
    return ok;
}

static void print_yaml(yaml_out *y, const yd_document *doc, const yd_outline *o, strbuf *b)
{
    y_start(y, 1);
    y_scalar(y, "path", 1);
    y_scalar(y, path_utf8(b, doc->path), 2);
    y_scalar(y, "title", 1);
    if (o->title_start >= 0)
        y_scalar(y, doc_title_utf8(b, doc, o), 2);
    else
        y_scalar(y, "~", 1);
    y_scalar(y, "nodes", 1);
    y_nodes(y, doc, o, 0, o->count, b);
    y_end(y, 1);
}

/* The text of line k, collapsed and cut, as safe UTF-8 in b. */
static const char *line_utf8(strbuf *b, const yd_document *doc, int32_t k)
{
    enum { SHOWN = 40 };
    int32_t s, e;
    yd_document_line_bounds(doc, k, &s, &e);
    UChar u[SHOWN + 1];
    int32_t n = yd_outline_clean_title(doc->text, s, e - s, u, SHOWN + 1);
    b->len = 0;
    sb_put(b, "", 0);
    sb_put_utf16(b, u, n > SHOWN ? SHOWN : n);
    if (n > SHOWN)
        sb_put(b, "…", strlen("…"));
    return b->failed ? "" : b->s;
}

/* --explain: one row per candidate line,
 *   PATH:LINE: KIND depth D, STYLE (REASON): TITLE     for a node
 *   PATH:LINE: text (REASON): LINE                      for the others
 * where REASON names the built-in convention, the user's rule (by its
 * place in the configuration) or the guard that decided. */
static void print_explain(const yd_document *doc, const yd_outline *o, const yd_outline_why *why,
                          const yd_outline_rules *rules, strbuf *b, strbuf *path)
{
    path_utf8(path, doc->path);
    const char *p = path->failed ? "" : path->s;
    if (o->title_line >= 0)
        printf("%s:%ld: title (%s): %s\n", p, (long)yd_source_line(doc, o->title_line), yd_outline_reason_text(YD_WHY_DOC_TITLE),
               doc_title_utf8(b, doc, o));
    for (int32_t k = 0; k < doc->line_count; k++) {
        const yd_outline_why *w = &why[k];
        if (!w->candidate || k == o->title_line)
            continue;
        char rule[96] = "";
        if (w->rule >= 0 && rules && (size_t)w->rule < rules->count) {
            const yd_outline_rule *r = &rules->items[w->rule];
            if (r->line)
                snprintf(rule, sizeof rule, "outline.rules[%d], config line %lu", r->number, r->line);
            else
                snprintf(rule, sizeof rule, "outline.rules[%d]", r->number);
        }
        if (w->node >= 0) {
            const yd_outline_node *n = &o->nodes[w->node];
            printf("%s:%ld: %s, depth %d, %s (%s): %s\n", p, (long)yd_source_line(doc, k), yd_node_kind_name((yd_node_kind)n->kind),
                   n->depth, yd_outline_style_text((yd_heading_style)n->style),
                   rule[0] ? rule : yd_outline_reason_text((yd_outline_reason)w->reason), title_utf8(b, doc, n));
        } else if (w->reason == YD_WHY_MARKER_TITLE) {
            printf("%s:%ld: title of line %ld (%s): %s\n", p, (long)yd_source_line(doc, k), (long)yd_source_line(doc, k - 1), yd_outline_reason_text(w->reason),
                   line_utf8(b, doc, k));
        } else {
            printf("%s:%ld: text (%s): %s\n", p, (long)yd_source_line(doc, k),
                   rule[0] ? rule : yd_outline_reason_text((yd_outline_reason)w->reason), line_utf8(b, doc, k));
        }
    }
}

int cli_outline(cli_documents *docs, output_format format, int explain, const char *config_path)
{
    strbuf b = {0}, path = {0};
    yaml_out y;
    int code = EXIT_OK;
    yd_config config;
    if (cli_read_config(config_path, &config) != 0) {
        yd_config_free(&config);
        return EXIT_NOTHING;
    }
    if (format == FORMAT_YAML && !yaml_begin(&y)) {
        fputs(_("yuedu: out of memory\n"), stderr);
        yd_config_free(&config);
        return EXIT_NOTHING;
    }
    for (const yd_document *doc; (doc = cli_documents_next(docs)) != NULL;) {
        size_t k = docs->index;
        yd_outline o;
        yd_error err = {0};
        yd_outline_options options = {.rules = &config.outline.rules};
        if (explain && doc->line_count > 0 &&
            !(options.why = malloc((size_t)doc->line_count * sizeof *options.why))) {
            fputs(_("yuedu: out of memory\n"), stderr);
            code = EXIT_NOTHING;
            break;
        }
        if (yd_outline_build_with(&o, doc, &options, &err) != YD_OK) {
            cli_diag(NULL, doc->path, err.message);
            free(options.why);
            code = EXIT_NOTHING;
            continue;
        }
        if (o.rule_timeouts > 0)
            cli_diag(NULL, doc->path, "an outline rule took too long on some lines and was not used (see --explain)");
        if (explain)
            print_explain(doc, &o, options.why, &config.outline.rules, &b, &path);
        else if (format == FORMAT_TSV)
            print_tsv(doc, &o, &b, &path, config.reading.chars_per_minute);
        else if (format == FORMAT_YAML)
            print_yaml(&y, doc, &o, &b);
        else
            print_text(doc, &o, &b, k == 0);
        free(options.why);
        yd_outline_free(&o);
        if (b.failed || path.failed) {
            fputs(_("yuedu: out of memory\n"), stderr);
            code = EXIT_NOTHING;
            break;
        }
    }
    if (docs->seen == 0)
        code = EXIT_NOTHING;
    if (format == FORMAT_YAML && !yaml_finish(&y)) {
        fputs(_("yuedu: cannot write the YAML output\n"), stderr);
        code = EXIT_NOTHING;
    }
    yd_config_free(&config);
    free(b.s);
    free(path.s);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(_("yuedu: cannot write the output\n"), stderr);
        code = EXIT_NOTHING;
    }
    return code;
}
