/* yuedu --notes: the bookmarks and highlights, grouped by document and
 * outline path, as Markdown, Org, JSON or TSV; and --import-notes, the
 * JSON read back into the stores. The export reads only: nothing on disk
 * changes. Each note's document is read (those given as PATH, else every
 * file a note was made in) for its title, outline path, line and citation. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/bookmarks.h"
#include "yuedu/clipboard.h"
#include "yuedu/notes.h"
#include "yuedu/outline_path.h"

static void say_error(const char *what, const char *message)
{
    fprintf(stderr, "yuedu: %s", what);
    cli_put_sanitized(stderr, message);
    fputc('\n', stderr);
}

/* What an export works with: the two stores, the documents and their outlines. */
typedef struct export_state {
    yd_bookmarks bookmarks, highlights;
    yd_corpus corpus;
    yd_outline *outlines;
    const yd_document **docs;
    yd_config config;
} export_state;

/* The files the notes were made in, to read when no PATH is given. */
static int note_files(export_state *s, char ***out, size_t *count)
{
    size_t n = 0, cap = s->bookmarks.count + s->highlights.count;
    char **files = calloc(cap ? cap : 1, sizeof *files);
    if (!files)
        return -1;
    for (int h = 0; h < 2; h++) {
        yd_bookmarks *store = h ? &s->highlights : &s->bookmarks;
        for (size_t k = 0; k < store->count; k++) {
            const yd_bookmark *b = &store->items[k];
            int seen = b->deleted != 0;
            for (size_t j = 0; j < n && !seen; j++)
                seen = strcmp(files[j], b->abs_path) == 0;
            if (!seen)
                files[n++] = b->abs_path; /* borrowed */
        }
    }
    *out = files;
    *count = n;
    return 0;
}

/* Files that are gone are said by the walk; their notes are kept, unplaced. */
static void quiet_diag(void *context, const char *path, const char *message)
{
    (void)context;
    (void)path;
    (void)message;
}

static int load_documents(export_state *s, const char *const *paths, size_t npaths, const yd_load_options *load)
{
    char **files = NULL;
    size_t nfiles = 0;
    int given = npaths > 0;
    if (!given) {
        if (note_files(s, &files, &nfiles) != 0)
            return -1;
        paths = (const char *const *)files;
        npaths = nfiles;
    }
    yd_status st = npaths ? yd_corpus_load(&s->corpus, paths, npaths, load, given ? cli_diag : quiet_diag, NULL) : YD_OK;
    free(files);
    if (st != YD_OK)
        return -1;
    size_t n = s->corpus.count;
    s->outlines = calloc(n ? n : 1, sizeof *s->outlines);
    s->docs = calloc(n ? n : 1, sizeof *s->docs);
    if (!s->outlines || !s->docs)
        return -1;
    for (size_t k = 0; k < n; k++) {
        s->docs[k] = &s->corpus.docs[k];
        yd_outline_options options = {.rules = &s->config.outline.rules};
        yd_error err = {0};
        if (yd_outline_build_with(&s->outlines[k], s->docs[k], &options, &err) != YD_OK)
            return -1;
    }
    char root[4096];
    int have_root = given && yd_corpus_root(paths, npaths, root, sizeof root) == 0;
    yd_bookmarks_resolve(&s->bookmarks, s->docs, n, have_root ? root : NULL, 0);
    yd_highlights_resolve(&s->highlights, s->docs, n, have_root ? root : NULL, 0);
    return 0;
}

/* One note's strings, made from its document. */
typedef struct note_text {
    char *document, *section, *citation;
} note_text;

static int by_place(const void *pa, const void *pb)
{
    const yd_note *x = pa, *y = pb;
    return yd_notes_place_order(x->item, x->highlight, y->item, y->highlight);
}

static int fill_note(export_state *s, yd_note *n, note_text *t, const yd_bookmark *b, int highlight)
{
    memset(t, 0, sizeof *t);
    *n = (yd_note){.item = b, .highlight = highlight, .file = b->path, .quote = b->name, .line = b->anchor.line,
                   .offset = b->offset};
    const char *templ = s->config.clipboard.citation ? s->config.clipboard.citation : "";
    if (b->doc != YD_NO_DOC && b->doc < s->corpus.count) {
        const yd_document *d = s->docs[b->doc];
        t->document = yd_document_title_utf8(d, &s->outlines[b->doc]);
        t->section = yd_outline_path_utf8(d, &s->outlines[b->doc], b->offset);
        n->line = (long)yd_document_line_at(d, b->offset) + 1;
        const char *slash = strrchr(d->path, '/');
        yd_citation_fields f = {t->document, t->section, slash ? slash + 1 : d->path, n->line};
        if (!t->document || !t->section || yd_citation_format(templ, &f, &t->citation, NULL) != YD_OK)
            return -1;
    } else {
        /* Not read: what the store knows. */
        const char *slash = strrchr(b->path, '/');
        t->document = strdup(slash ? slash + 1 : b->path);
        t->section = strdup("");
        t->citation = strdup("");
        if (!t->document || !t->section || !t->citation)
            return -1;
    }
    n->document = t->document;
    n->section = t->section;
    n->citation = t->citation;
    return 0;
}

int cli_notes(const char *format_name, const char *const *paths, size_t npaths, const yd_load_options *load,
              const char *config_path)
{
    yd_notes_format format = YD_NOTES_MARKDOWN;
    if (format_name && yd_notes_format_from_name(format_name, &format) != 0) {
        say_error(_("--notes --format: markdown, org, json or tsv, not "), format_name);
        return EXIT_USAGE;
    }
    export_state s;
    memset(&s, 0, sizeof s);
    if (cli_read_config(config_path, &s.config) != 0) {
        yd_config_free(&s.config);
        return EXIT_NOTHING;
    }
    int code = EXIT_NOTHING;
    yd_error err = {0};
    yd_note *notes = NULL;
    note_text *texts = NULL;
    size_t count = 0;
    yd_bookmarks_open(&s.bookmarks, NULL, 1, &err); /* read-only: an empty store is fine */
    if (err.message[0])
        say_error("", err.message);
    memset(&err, 0, sizeof err);
    yd_highlights_open(&s.highlights, NULL, 1, &err);
    if (err.message[0])
        say_error("", err.message);
    if (load_documents(&s, paths, npaths, load) != 0)
        goto oom;
    size_t cap = s.bookmarks.count + s.highlights.count;
    notes = calloc(cap ? cap : 1, sizeof *notes);
    texts = calloc(cap ? cap : 1, sizeof *texts);
    if (!notes || !texts)
        goto oom;
    for (int h = 0; h < 2; h++) {
        yd_bookmarks *store = h ? &s.highlights : &s.bookmarks;
        for (size_t k = 0; k < store->count; k++) {
            const yd_bookmark *b = &store->items[k];
            /* With PATHs, only the notes of those documents. */
            if (b->deleted || (npaths > 0 && b->doc == YD_NO_DOC))
                continue;
            if (fill_note(&s, &notes[count], &texts[count], b, h) != 0) {
                count++;
                goto oom;
            }
            count++;
        }
    }
    /* Sorting moves the notes, not the strings they point to. */
    qsort(notes, count, sizeof *notes, by_place);
    char *out;
    size_t length;
    if (yd_notes_write(notes, count, format, &out, &length) != YD_OK)
        goto oom;
    fwrite(out, 1, length, stdout);
    free(out);
    code = count > 0 ? EXIT_OK : EXIT_NOTHING;
    if (count == 0)
        fputs(npaths ? _("yuedu: no notes in these documents\n") : _("yuedu: no notes yet\n"), stderr);
    goto done;
oom:
    fputs(_("yuedu: out of memory\n"), stderr);
done:
    for (size_t k = 0; texts && k < count; k++) {
        free(texts[k].document);
        free(texts[k].section);
        free(texts[k].citation);
    }
    free(texts);
    free(notes);
    for (size_t k = 0; s.outlines && k < s.corpus.count; k++)
        yd_outline_free(&s.outlines[k]);
    free(s.outlines);
    free(s.docs);
    yd_corpus_free(&s.corpus);
    yd_bookmarks_free(&s.bookmarks);
    yd_bookmarks_free(&s.highlights);
    yd_config_free(&s.config);
    return code;
}

/* The whole of a file, or of standard input for "-"; NULL with errno saying
 * why it could not be read. */
static char *read_all(const char *path, size_t *length)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    errno = 0;
    char *data = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&data, &size);
    char buf[65536];
    size_t n;
    int failed = !m;
    while (!failed && (n = fread(buf, 1, sizeof buf, f)) > 0)
        failed = fwrite(buf, 1, n, m) != n;
    failed = failed || ferror(f);
    if (m && fclose(m) != 0)
        failed = 1;
    int why = errno ? errno : EIO;
    if (f != stdin)
        fclose(f);
    if (failed) {
        free(data);
        errno = why;
        return NULL;
    }
    *length = size;
    return data;
}

int cli_import_notes(const char *path)
{
    size_t length = 0;
    char *data = read_all(path, &length);
    if (!data) {
        const char *why = strerror(errno);
        fprintf(stderr, "yuedu: ");
        cli_put_sanitized(stderr, path);
        fprintf(stderr, _(": cannot be read: %s\n"), why);
        return EXIT_NOTHING;
    }
    yd_bookmarks bookmarks, highlights;
    yd_error err = {0};
    int code = EXIT_NOTHING;
    /* The stores as the reader opens them: locked saves, corrupt files moved aside. */
    if (yd_bookmarks_open(&bookmarks, NULL, 0, &err) != YD_OK) {
        say_error("", err.message);
        yd_bookmarks_free(&bookmarks);
        free(data);
        return EXIT_NOTHING;
    }
    if (yd_highlights_open(&highlights, NULL, 0, &err) != YD_OK) {
        say_error("", err.message);
        yd_bookmarks_free(&bookmarks);
        yd_bookmarks_free(&highlights);
        free(data);
        return EXIT_NOTHING;
    }
    yd_notes_imported r;
    if (yd_notes_import(data, length, &bookmarks, &highlights, &r, &err) != YD_OK) {
        fputs("yuedu: ", stderr);
        cli_put_sanitized(stderr, path);
        fputs(": ", stderr);
        cli_put_sanitized(stderr, err.message);
        fputc('\n', stderr);
    } else if (yd_bookmarks_save(&bookmarks, &err) != YD_OK || yd_bookmarks_save(&highlights, &err) != YD_OK) {
        say_error("", err.message);
    } else {
        printf("imported: %zu added, %zu updated, %zu already there%s", r.added, r.updated, r.same,
               r.skipped ? ", " : "\n");
        if (r.skipped)
            printf("%zu left out (not notes)\n", r.skipped);
        code = EXIT_OK;
    }
    yd_bookmarks_free(&bookmarks);
    yd_bookmarks_free(&highlights);
    free(data);
    return code;
}
