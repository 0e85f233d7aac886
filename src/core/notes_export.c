/* The notes written out: Markdown, Org, JSON and TSV, grouped by document
 * and outline path (notes.h). Text from documents and notes never carries
 * a control character out raw: JSON escapes it as \uXXXX (read back as
 * it was), the other formats write it as \xHH or \uXXXX text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "yuedu/atomic_file.h"
#include "yuedu/notes.h"

int yd_notes_format_from_name(const char *name, yd_notes_format *out)
{
    static const struct {
        const char *name;
        yd_notes_format format;
    } names[] = {{"markdown", YD_NOTES_MARKDOWN}, {"org", YD_NOTES_ORG},
                 {"json", YD_NOTES_JSON},         {"tsv", YD_NOTES_TSV}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k].name) == 0) {
            *out = names[k].format;
            return 0;
        }
    return -1;
}

/* Characters that must not reach a terminal or a parser raw: C0 and C1
 * controls, DEL, bidi controls, line and paragraph separators. */
static int unsafe(UChar32 c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

/* One character as it is, or U+FFFD for bytes that were not UTF-8. */
static void put_raw(FILE *f, const char *s, int32_t n, int bad)
{
    if (bad)
        fputs("\xEF\xBF\xBD", f);
    else
        fwrite(s, 1, (size_t)n, f);
}

typedef enum escape { ESC_TEXT, ESC_MARKDOWN, ESC_ORG, ESC_JSON, ESC_TSV } escape;

int yd_markdown_escaped(UChar32 c, int line_start, int after_leading_digits)
{
    return strchr("\\`*_[]<>#|~!&", (int)c) || (line_start && (c == '-' || c == '+' || c == '=')) ||
           (after_leading_digits && (c == '.' || c == ')'));
}

/* s as format wants it; line breaks kept as they are when lines is set
 * (and a prefix written after each), else written as the format says. */
static void put(FILE *f, const char *s, escape how, int lines, const char *prefix)
{
    int32_t n = (int32_t)strlen(s), i = 0;
    int line_start = 1, leading_digits = 0;
    while (i < n) {
        UChar32 c;
        int32_t at = i;
        U8_NEXT(s, i, n, c);
        int bad = c < 0;
        if (bad)
            c = 0xFFFD; /* not UTF-8: the replacement character */
        if (c == '\n' && lines) {
            fputs(how == ESC_MARKDOWN ? "  \n" : "\n", f); /* Markdown: a hard break inside the paragraph */
            if (prefix)
                fputs(prefix, f);
            line_start = 1;
            leading_digits = 0;
            continue;
        }
        if (how == ESC_JSON) {
            if (c == '"' || c == '\\')
                fprintf(f, "\\%c", (char)c);
            else if (c == '\n')
                fputs("\\n", f);
            else if (c == '\t')
                fputs("\\t", f);
            else if (unsafe(c))
                fprintf(f, "\\u%04X", (unsigned)c);
            else
                put_raw(f, s + at, i - at, bad);
            continue;
        }
        if (how == ESC_TSV && (c == '\t' || c == '\n' || c == '\\')) {
            fputs(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\\\", f);
            continue;
        }
        if (unsafe(c)) {
            if (c == '\n' || c == '\t')
                fputc(' ', f);
            else if (c < 0x80)
                fprintf(f, "\\x%02X", (unsigned)c);
            else
                fprintf(f, "\\u%04X", (unsigned)c);
            line_start = leading_digits = 0;
            continue;
        }
        if (how == ESC_MARKDOWN && c < 0x80 && yd_markdown_escaped(c, line_start, leading_digits))
            fputc('\\', f);
        leading_digits = (line_start || leading_digits) && c >= '0' && c <= '9';
        if (how == ESC_ORG && line_start && (c == '*' || c == '#'))
            fputc(',', f); /* Org's escape: a line starting so is not a heading or a keyword */
        put_raw(f, s + at, i - at, bad);
        line_start = 0;
    }
}

static const char *kind_name(const yd_note *n) { return n->highlight ? "highlight" : "bookmark"; }

static void put_json_string(FILE *f, const char *key, const char *value, int comma)
{
    fprintf(f, "      \"%s\": \"", key);
    put(f, value ? value : "", ESC_JSON, 0, NULL);
    fputs(comma ? "\",\n" : "\"\n", f);
}

static void put_json_time(FILE *f, const char *key, long long ms)
{
    char t[40];
    yd_time_format(ms, t, sizeof t);
    fprintf(f, "      \"%s\": \"%s\",\n", key, t);
}

static void write_json(FILE *f, const yd_note *notes, size_t count)
{
    fprintf(f, "{\n  \"yuedu-notes\": %d,\n  \"notes\": [", YD_NOTES_SCHEMA);
    for (size_t k = 0; k < count; k++) {
        const yd_note *n = &notes[k];
        const yd_bookmark *b = n->item;
        fputs(k ? ",\n    {\n" : "\n    {\n", f);
        put_json_string(f, "kind", kind_name(n), 1);
        put_json_string(f, "id", b->id, 1);
        put_json_string(f, "document", n->document, 1);
        put_json_string(f, "path", b->path, 1); /* as the store has it: read back as it was */
        put_json_string(f, "absolute", b->abs_path, 1);
        put_json_string(f, "section", n->section, 1);
        fprintf(f, "      \"line\": %ld,\n      \"offset\": %ld,\n", n->line, (long)n->offset);
        if (n->highlight)
            fprintf(f, "      \"length\": %ld,\n      \"style\": %d,\n", (long)b->length, b->style);
        put_json_string(f, "quote", n->quote, 1);
        put_json_string(f, "name", b->name, 1);
        put_json_string(f, "note", b->note, 1);
        put_json_string(f, "citation", n->citation, 1);
        put_json_time(f, "created", b->created);
        put_json_time(f, "updated", b->updated);
        put_json_string(f, "state", yd_bookmark_state_name(b->state), 1);
        put_json_string(f, "fingerprint", b->anchor.fingerprint, 1);
        put_json_string(f, "before", b->anchor.before, 1);
        put_json_string(f, "after", b->anchor.after, 0);
        fputs("    }", f);
    }
    fputs(count ? "\n  ]\n}\n" : "]\n}\n", f);
}

static void write_tsv(FILE *f, const yd_note *notes, size_t count)
{
    fputs("kind\tpath\tline\tsection\tquote\tnote\tcitation\tcreated\tupdated\tstyle\tstate\tid\n", f);
    for (size_t k = 0; k < count; k++) {
        const yd_note *n = &notes[k];
        char created[40], updated[40];
        yd_time_format(n->item->created, created, sizeof created);
        yd_time_format(n->item->updated, updated, sizeof updated);
        fprintf(f, "%s\t", kind_name(n));
        put(f, n->file, ESC_TSV, 0, NULL);
        fprintf(f, "\t%ld\t", n->line);
        put(f, n->section, ESC_TSV, 0, NULL);
        fputc('\t', f);
        put(f, n->quote, ESC_TSV, 0, NULL);
        fputc('\t', f);
        put(f, n->item->note, ESC_TSV, 0, NULL);
        fputc('\t', f);
        put(f, n->citation, ESC_TSV, 0, NULL);
        fprintf(f, "\t%s\t%s\t", created, updated);
        if (n->highlight)
            fprintf(f, "%d", n->item->style + 1);
        fprintf(f, "\t%s\t%s\n", yd_bookmark_state_name(n->item->state), n->item->id);
    }
}

/* When a note starts a new document or a new section. */
static int new_document(const yd_note *notes, size_t k)
{
    return k == 0 || strcmp(notes[k - 1].file, notes[k].file) != 0;
}
static int new_section(const yd_note *notes, size_t k)
{
    return new_document(notes, k) || strcmp(notes[k - 1].section, notes[k].section) != 0;
}

/* The line under a note: its citation (or place), kind, state, time. */
static void put_meta(FILE *f, const yd_note *n, escape how)
{
    char created[40];
    yd_time_format(n->item->created, created, sizeof created);
    if (n->citation[0])
        put(f, n->citation, how, 0, NULL);
    else {
        put(f, n->file, how, 0, NULL);
        fprintf(f, ":%ld", n->line);
    }
    if (n->highlight)
        fprintf(f, " · highlight %d", n->item->style + 1);
    else {
        fputs(" · bookmark ", f);
        put(f, n->item->name, how, 0, NULL);
    }
    if (n->item->state == YD_BM_STALE)
        fputs(n->item->doc == YD_NO_DOC ? " · not found: its file is gone or not read"
                                        : " · stale: its text is gone from the document", f);
    fprintf(f, " · %s", created);
}

int yd_notes_place_order(const yd_bookmark *p, int p_highlight, const yd_bookmark *q, int q_highlight)
{
    if (p->doc != q->doc) {
        if (p->doc == YD_NO_DOC || q->doc == YD_NO_DOC)
            return p->doc == YD_NO_DOC ? 1 : -1;
        return p->doc < q->doc ? -1 : 1;
    }
    if (p->doc == YD_NO_DOC) {
        int c = strcmp(p->path, q->path);
        if (c)
            return c;
        if (p->anchor.line != q->anchor.line)
            return p->anchor.line < q->anchor.line ? -1 : 1;
    }
    if (p->offset != q->offset)
        return p->offset < q->offset ? -1 : 1;
    return p_highlight - q_highlight;
}

static void write_markdown(FILE *f, const yd_note *notes, size_t count)
{
    fputs("# Notes\n", f);
    for (size_t k = 0; k < count; k++) {
        const yd_note *n = &notes[k];
        if (new_document(notes, k)) {
            fputs("\n## ", f);
            put(f, n->document, ESC_MARKDOWN, 0, NULL);
            fputs(" (", f);
            put(f, n->file, ESC_MARKDOWN, 0, NULL);
            fputs(")\n", f);
        }
        if (new_section(notes, k) && n->section[0]) {
            fputs("\n### ", f);
            put(f, n->section, ESC_MARKDOWN, 0, NULL);
            fputc('\n', f);
        }
        fputs("\n> ", f);
        put(f, n->quote, ESC_MARKDOWN, 1, "> ");
        fputc('\n', f);
        if (n->item->note[0]) {
            fputc('\n', f);
            put(f, n->item->note, ESC_MARKDOWN, 1, NULL);
            fputc('\n', f);
        }
        fputs("\n*", f);
        put_meta(f, n, ESC_MARKDOWN);
        fputs("*\n", f);
    }
}

static void write_org(FILE *f, const yd_note *notes, size_t count)
{
    fputs("#+TITLE: Notes\n", f);
    for (size_t k = 0; k < count; k++) {
        const yd_note *n = &notes[k];
        if (new_document(notes, k)) {
            fputs("\n* ", f);
            put(f, n->document, ESC_ORG, 0, NULL);
            fputs(" (", f);
            put(f, n->file, ESC_ORG, 0, NULL);
            fputs(")\n", f);
        }
        if (new_section(notes, k) && n->section[0]) {
            fputs("** ", f);
            put(f, n->section, ESC_ORG, 0, NULL);
            fputc('\n', f);
        }
        fputs("#+BEGIN_QUOTE\n", f);
        put(f, n->quote, ESC_ORG, 1, NULL);
        fputs("\n#+END_QUOTE\n", f);
        if (n->item->note[0]) {
            put(f, n->item->note, ESC_ORG, 1, NULL);
            fputc('\n', f);
        }
        fputs("- ", f);
        put_meta(f, n, ESC_ORG);
        fputc('\n', f);
    }
}

yd_status yd_notes_write(const yd_note *notes, size_t count, yd_notes_format format, char **out, size_t *length)
{
    *out = NULL;
    *length = 0;
    FILE *f = open_memstream(out, length);
    if (!f)
        return YD_ENOMEM;
    switch (format) {
    case YD_NOTES_JSON: write_json(f, notes, count); break;
    case YD_NOTES_TSV: write_tsv(f, notes, count); break;
    case YD_NOTES_ORG: write_org(f, notes, count); break;
    default: write_markdown(f, notes, count); break;
    }
    int failed = ferror(f);
    if (fclose(f) != 0 || failed) {
        free(*out);
        *out = NULL;
        *length = 0;
        return YD_ENOMEM;
    }
    return YD_OK;
}
