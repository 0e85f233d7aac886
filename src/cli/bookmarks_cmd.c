/* yuedu --bookmarks: the saved bookmarks as text, tsv, yaml or a Markdown
 * export. Reading only: nothing on disk changes (a corrupt file is reported
 * and left for the reader to move aside). With PATH arguments each bookmark
 * is resolved against those documents and shows where it is now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/atomic_file.h"
#include "yuedu/markup.h"
#include "yuedu/bookmarks.h"
#include "yuedu/notes.h"

/* Where a bookmark is for display: the document's path and line now when
 * resolved, else what was stored. */
static void place_of(const yd_bookmark *b, const yd_corpus *corpus, const char **path, long *line)
{
    if (corpus && b->doc != YD_NO_DOC && b->doc < corpus->count) {
        const yd_document *d = &corpus->docs[b->doc];
        *path = d->path;
        *line = (long)yd_source_line(d, yd_document_line_at(d, b->offset));
    } else {
        /* A file not among those given is named in full: it is elsewhere. */
        *path = b->state == YD_BM_NOT_OPEN ? b->abs_path : b->path;
        *line = b->anchor.line;
    }
}

/* Names, notes and snippets are the documents' words: written as every
 * batch mode writes text, nothing unsafe raw (C1 and bidi controls, line
 * separators, bytes that are not UTF-8 escaped by cli_put_sanitized). A
 * line end is written as nl; in markdown, ASCII controls are \xHH and
 * Markdown's punctuation is escaped, else they are spaces. */
static void put_text(FILE *out, const char *s, const char *nl, int markdown)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t n = (int32_t)strlen(s);
    int line_start = 1, leading_digits = 0; /* Markdown's rules at a line's start */
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        int at_start = line_start;
        line_start = 0;
        if (c == '\n') {
            fputs(nl, out);
            line_start = 1;
        } else if (c >= 0 && (c < 0x20 || c == 0x7F)) {
            if (markdown && c != '\r' && c != '\t')
                fprintf(out, "\\x%02X", (unsigned)c);
            else
                fputc(' ', out);
        } else if (c >= 0 && c < 0x80) {
            if (markdown && yd_markdown_escaped(c, at_start, leading_digits))
                fputc('\\', out);
            fputc(c, out);
        } else {
            char one[U8_MAX_LENGTH + 1] = {0};
            memcpy(one, p + start, (size_t)(i - start));
            cli_put_sanitized(out, one);
        }
        leading_digits = (at_start || leading_digits) && c >= '0' && c <= '9';
    }
}

/* s on one line: tabs, newlines and other control characters become spaces. */
static void put_field(FILE *out, const char *s) { put_text(out, s, " ", 0); }

static void put_markdown(FILE *out, const char *s) { put_text(out, s, " ", 1); }

static const char *state_tag(const yd_bookmark *b)
{
    switch (b->state) {
    case YD_BM_MOVED: return " [moved]";
    case YD_BM_REANCHORED: return " [re-anchored]";
    case YD_BM_STALE: return " [stale]";
    case YD_BM_NOT_OPEN: return " [not open]";
    default: return "";
    }
}

static void print_text(yd_bookmark **list, size_t n, const yd_corpus *corpus)
{
    for (size_t k = 0; k < n; k++) {
        const yd_bookmark *b = list[k];
        const char *path;
        long line;
        place_of(b, corpus, &path, &line);
        cli_put_sanitized(stdout, path);
        printf(":%ld  ", line);
        put_field(stdout, b->name);
        fputs(state_tag(b), stdout);
        putchar('\n');
        if (b->note[0]) {
            fputs("    ", stdout);
            put_text(stdout, b->note, "\n    ", 0);
            putchar('\n');
        }
    }
}

static void print_tsv(yd_bookmark **list, size_t n, const yd_corpus *corpus)
{
    for (size_t k = 0; k < n; k++) {
        const yd_bookmark *b = list[k];
        const char *path;
        long line;
        place_of(b, corpus, &path, &line);
        char created[40], updated[40];
        yd_time_format(b->created, created, sizeof created);
        yd_time_format(b->updated, updated, sizeof updated);
        put_field(stdout, path);
        printf("\t%ld\t", line);
        put_field(stdout, b->name);
        putchar('\t');
        put_field(stdout, b->note);
        printf("\t%s\t%s\t%s\t%s\n", b->id, created, updated, yd_bookmark_state_name(b->state));
    }
}

static void print_markdown(yd_bookmark **list, size_t n, const yd_corpus *corpus)
{
    fputs("# Bookmarks\n", stdout);
    const char *current = NULL;
    for (size_t k = 0; k < n; k++) {
        const yd_bookmark *b = list[k];
        const char *path;
        long line;
        place_of(b, corpus, &path, &line);
        if (!current || strcmp(current, path) != 0) {
            fputs("\n## ", stdout);
            put_markdown(stdout, path);
            fputs("\n\n", stdout);
            current = path;
        }
        fputs("- **", stdout);
        put_markdown(stdout, b->name);
        printf("** (line %ld%s%s)\n", line, b->state == YD_BM_STALE ? ", stale" : "",
               b->state == YD_BM_MOVED ? ", moved" : "");
        fputs("  > …", stdout);
        put_markdown(stdout, b->anchor.before);
        fputs(" ▸ ", stdout);
        put_markdown(stdout, b->anchor.after);
        fputs("…\n", stdout);
        if (b->note[0]) {
            fputs("\n  ", stdout);
            put_text(stdout, b->note, "  \n  ", 1); /* a hard line break inside the item */
            putchar('\n');
        }
    }
}

int cli_bookmarks(output_format format, const char *const *paths, size_t npaths, const yd_load_options *load)
{
    yd_bookmarks bm;
    yd_error err = {0};
    if (yd_bookmarks_open(&bm, NULL, 1, &err) != YD_OK) {
        fputs("yuedu: ", stderr);
        cli_put_sanitized(stderr, err.message);
        fputc('\n', stderr);
        yd_bookmarks_free(&bm);
        return EXIT_NOTHING;
    }
    int code = EXIT_OK;
    yd_corpus corpus = {0};
    const yd_corpus *resolved = NULL;
    if (npaths > 0) {
        if (yd_corpus_load(&corpus, paths, npaths, load, cli_diag, NULL) != YD_OK || corpus.count == 0) {
            if (corpus.count == 0)
                fputs(_("yuedu: no documents to resolve the bookmarks against\n"), stderr);
            yd_corpus_free(&corpus);
            yd_bookmarks_free(&bm);
            return EXIT_NOTHING;
        }
        const yd_document **docs = malloc(corpus.count * sizeof *docs);
        if (!docs) {
            fputs(_("yuedu: out of memory\n"), stderr);
            yd_corpus_free(&corpus);
            yd_bookmarks_free(&bm);
            return EXIT_NOTHING;
        }
        for (size_t k = 0; k < corpus.count; k++)
            docs[k] = &corpus.docs[k];
        char root[4096];
        int have_root = yd_corpus_root(paths, npaths, root, sizeof root) == 0;
        yd_bookmarks_resolve(&bm, docs, corpus.count, have_root ? root : NULL, 0);
        free(docs);
        resolved = &corpus;
    }
    yd_bookmark **list;
    size_t n;
    if (yd_bookmarks_list(&bm, YD_ORDER_DOCUMENT, NULL, &list, &n) != YD_OK) {
        fputs(_("yuedu: out of memory\n"), stderr);
        code = EXIT_NOTHING;
    } else if (format == FORMAT_YAML) {
        char *yaml;
        size_t length;
        if (yd_bookmarks_export_yaml(list, n, &yaml, &length) != YD_OK) {
            fputs(_("yuedu: out of memory\n"), stderr);
            code = EXIT_NOTHING;
        } else {
            fwrite(yaml, 1, length, stdout);
            free(yaml);
        }
    } else if (format == FORMAT_TSV) {
        print_tsv(list, n, resolved);
    } else if (format == FORMAT_MARKDOWN) {
        print_markdown(list, n, resolved);
    } else {
        print_text(list, n, resolved);
    }
    free(list);
    yd_corpus_free(&corpus);
    yd_bookmarks_free(&bm);
    return code;
}
