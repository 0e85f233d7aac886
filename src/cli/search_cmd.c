/* yuedu --search: every hit of a pattern in the documents, with folding.
 *
 *   text   PATH:LINE:COLUMN:CONTEXT                one row per hit
 *   tsv    PATH<TAB>LINE<TAB>COLUMN<TAB>MATCHED TEXT<TAB>CONTEXT
 *   count  the total number of hits
 *
 * LINE is the 1-based line of the source file where the hit starts; COLUMN
 * the 1-based character (code point) in that line. CONTEXT is the hit with
 * up to CONTEXT_CHARS characters either side, from the hit's own lines,
 * trimmed, with … where the line goes on. Control characters (tab and
 * newline included), C1 and bidi controls are written as \xHH or \uHHHH,
 * as in every batch mode, so a row is always one line. On a terminal (or
 * with --color always) text rows colour the path, the position and the
 * matched text the way grep and ripgrep do; tsv and count never do, being
 * for programs.
 *
 * With --under PATH only the hits inside the subtrees of the headings PATH
 * names are kept (outline_path.h says how a path names a heading), in each
 * document where it names one; the documents are then always loaded, since
 * the outline is needed. When no document has such a heading, a message
 * says so and the exit status is 1.
 *
 * Files are loaded and searched by one worker thread per CPU (up to 8)
 * while this thread builds the fold tables; it then prints the results in
 * reading order, so the output never depends on timing. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unistd.h>

#include "cli.h"
#include "yuedu/byte_search.h"
#include "yuedu/fold_cache.h"
#include "yuedu/markup.h"
#include "i18n.h"
#include "yuedu/outline_hits.h"
#include "yuedu/outline_path.h"
#include "yuedu/search.h"
#include "yuedu/utf8_map.h"
#include "yuedu/search_results.h"

#define CONTEXT_CHARS YD_RESULT_CONTEXT_CHARS

static void put_text(FILE *out, const UChar *s, int32_t n)
{
    char buf[512];
    size_t used = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (U_IS_SURROGATE(c))
            c = 0xFFFD;
        if (used + 16 > sizeof buf) {
            fwrite(buf, 1, used, out);
            used = 0;
        }
        if (cli_unsafe_char(c)) {
            used += (size_t)snprintf(buf + used, sizeof buf - used, c < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)c);
        } else if (c < 0x80) {
            buf[used++] = (char)c;
        } else if (c < 0x800) {
            buf[used++] = (char)(0xC0 | (c >> 6));
            buf[used++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            buf[used++] = (char)(0xE0 | (c >> 12));
            buf[used++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[used++] = (char)(0x80 | (c & 0x3F));
        } else {
            buf[used++] = (char)(0xF0 | (c >> 18));
            buf[used++] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[used++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[used++] = (char)(0x80 | (c & 0x3F));
        }
    }
    fwrite(buf, 1, used, out);
}

/* SGR sequences of the coloured rows: ripgrep's choices, which people
 * who search in a terminal already read at a glance. */
#define SGR_PATH "\033[35m"
#define SGR_POSITION "\033[32m"
#define SGR_MATCH "\033[1;31m"
#define SGR_RESET "\033[0m"

/* The hit with up to CONTEXT_CHARS characters either side, within the
 * lines the hit touches, trimmed of white space; the hit itself in
 * SGR_MATCH when color is set. */
static void put_context(FILE *out, const yd_document *d, const yd_hit *h, int color)
{
    int32_t from, to;
    int cut_before, cut_after;
    yd_hit_context(d, h, CONTEXT_CHARS, &from, &to, &cut_before, &cut_after);
    if (cut_before)
        fputs("…", out);
    int32_t hit_from = h->offset < from ? from : h->offset > to ? to : h->offset;
    int32_t hit_to = h->offset + h->length > to ? to : h->offset + h->length;
    if (!color || hit_to <= hit_from) {
        put_text(out, d->text + from, to - from);
    } else {
        put_text(out, d->text + from, hit_from - from);
        fputs(SGR_MATCH, out);
        put_text(out, d->text + hit_from, hit_to - hit_from);
        fputs(SGR_RESET, out);
        put_text(out, d->text + hit_to, to - hit_to);
    }
    if (cut_after)
        fputs("…", out);
}

/* Where the previous hit of a document was, so that columns are counted
 * from there: one pass over a line however many hits it has (a document may
 * be one 60 MB line). */
typedef struct cursor {
    int32_t line; /* 0-based; -1: none yet */
    int32_t offset, column;
} cursor;

static void position(const yd_document *d, cursor *c, int32_t offset, int32_t *line, int32_t *column)
{
    int32_t k = yd_document_line_at(d, offset);
    if (k != c->line || offset < c->offset) {
        int32_t start, end;
        yd_document_line_bounds(d, k, &start, &end);
        *c = (cursor){k, start, 1};
    }
    c->column += u_countChar32(d->text + c->offset, offset - c->offset);
    c->offset = offset;
    *line = yd_source_line(d, k);
    *column = c->column;
}

static void put_hit(const yd_document *d, cursor *c, const yd_hit *h, output_format format, int color)
{
    int32_t line, column;
    position(d, c, h->offset, &line, &column);
    color = color && format == FORMAT_TEXT;
    if (color)
        fputs(SGR_PATH, stdout);
    cli_put_sanitized(stdout, d->path);
    if (format == FORMAT_TSV) {
        printf("\t%ld\t%ld\t", (long)line, (long)column);
        put_text(stdout, d->text + h->offset, h->length);
        putchar('\t');
    } else if (color) {
        printf(SGR_RESET ":" SGR_POSITION "%ld" SGR_RESET ":" SGR_POSITION "%ld" SGR_RESET ":", (long)line,
               (long)column);
    } else {
        printf(":%ld:%ld:", (long)line, (long)column);
    }
    put_context(stdout, d, h, color);
    putchar('\n');
}

/* One file: searched by a worker, printed by the main thread in reading
 * order. A UTF-8 file is first counted on its bytes (byte_search.h); it is
 * loaded as a document only when that cannot be done, or when rows are to
 * be printed and it has hits. */
typedef struct job {
    yd_document doc;
    yd_hits hits;
    size_t count; /* hits, when counted on the bytes (loaded: 0, see hits) */
    int state;    /* 0 waiting, 1 done */
    int ok;       /* loaded and searched */
    int under;    /* --under named a heading of this document */
    char message[256];
} job;

/* A large file counted in ranges by every worker, so that one big file
 * keeps both cores busy. Only for queries whose hits cannot overlap, so
 * that each range counts the hits starting in it alone. */
typedef struct split {
    yd_utf8_map map;
    size_t job;
    size_t next, ranges, done; /* ranges taken, in all, counted */
    size_t count;
} split;

/* Ranges of this many bytes: small enough to share the last one out
 * evenly, large enough that taking one costs nothing. */
#define SPLIT_RANGE ((size_t)4 << 20)

typedef struct search_run {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    const yd_path_list *files;
    const yd_load_options *load;
    job *jobs;
    size_t next;            /* next file to take */
    const yd_query *query;  /* NULL until compiled */
    const yd_byte_query *bytes; /* the query on bytes, when it can be */
    split *split;           /* a file whose ranges are being handed out */
    size_t busy;            /* workers with a file of their own */
    int abandon;            /* the pattern was bad: stop */
    int keep_text;          /* printing (or --under) needs the documents */
    const char *under;      /* --under, or NULL */
    const yd_outline_rules *rules; /* the outline rules --under builds with */
    const UChar *under_fold; /* titles and --under compared through it (set with query) */
} search_run;

static void finish_job(search_run *run, job *j, int ok, const char *message)
{
    pthread_mutex_lock(&run->lock);
    j->ok = ok;
    if (!ok)
        snprintf(j->message, sizeof j->message, "%s", message);
    j->state = 1;
    pthread_cond_broadcast(&run->changed);
    pthread_mutex_unlock(&run->lock);
}

/* Count one range of a split file; the worker that counts the last one
 * finishes the file. */
static void count_range(search_run *run, split *sp, size_t r)
{
    size_t from = r * SPLIT_RANGE, to = from + SPLIT_RANGE;
    if (to > sp->map.length)
        to = sp->map.length;
    size_t n = yd_byte_count(run->bytes, sp->map.text, sp->map.length, from, to);
    yd_utf8_map_release(&sp->map, from, to);
    pthread_mutex_lock(&run->lock);
    sp->count += n;
    int last = ++sp->done == sp->ranges;
    pthread_mutex_unlock(&run->lock);
    if (last) {
        run->jobs[sp->job].count = sp->count;
        yd_utf8_map_close(&sp->map);
        finish_job(run, &run->jobs[sp->job], 1, NULL);
        free(sp);
    }
}

/* The pattern, once the main thread has compiled it; NULL to stop. */
static const yd_query *wait_query(search_run *run)
{
    pthread_mutex_lock(&run->lock);
    while (!run->query && !run->abandon)
        pthread_cond_wait(&run->changed, &run->lock);
    const yd_query *q = run->abandon ? NULL : run->query;
    pthread_mutex_unlock(&run->lock);
    return q;
}

/* File k on its bytes: 1 when it is done with (counted, or shared out as
 * a split), 0 when it must be loaded. */
static int search_bytes(search_run *run, size_t k)
{
    yd_utf8_map map;
    if (run->under) /* the hits are kept by the outline: it needs the document */
        return 0;
    if (!yd_utf8_map_open(&map, run->files->paths[k], run->load))
        return 0;
    if (!wait_query(run) || !run->bytes) {
        yd_utf8_map_close(&map);
        return 0;
    }
    job *j = &run->jobs[k];
    if (!run->keep_text && yd_byte_query_disjoint(run->bytes) && map.length >= 2 * SPLIT_RANGE) {
        split *sp = calloc(1, sizeof *sp);
        if (sp) {
            *sp = (split){.map = map, .job = k, .ranges = (map.length + SPLIT_RANGE - 1) / SPLIT_RANGE};
            pthread_mutex_lock(&run->lock);
            int free_slot = !run->split;
            if (free_slot) {
                run->split = sp;
                pthread_cond_broadcast(&run->changed); /* idle workers: a file to share */
            }
            pthread_mutex_unlock(&run->lock);
            if (free_slot)
                return 1;
            free(sp);
        }
    }
    j->count = 0;
    /* Range by range, dropping each from memory once counted; hits that
     * may overlap are taken left to right across the whole file. */
    if (!yd_byte_query_disjoint(run->bytes))
        j->count = yd_byte_count(run->bytes, map.text, map.length, 0, map.length);
    else
        for (size_t from = 0; from < map.length; from += SPLIT_RANGE) {
            size_t to = map.length - from > SPLIT_RANGE ? from + SPLIT_RANGE : map.length;
            j->count += yd_byte_count(run->bytes, map.text, map.length, from, to);
            yd_utf8_map_release(&map, from, to);
        }
    yd_utf8_map_close(&map);
    if (run->keep_text && j->count > 0) {
        j->count = 0; /* rows need the document: load it */
        return 0;
    }
    finish_job(run, j, 1, NULL);
    return 1;
}

/* Only the hits under the headings --under names, by the document's
 * outline (built with the user's rules, as the reader builds it). */
static yd_status keep_under(search_run *run, job *j, yd_error *err)
{
    yd_outline o;
    yd_outline_options options = {.rules = run->rules};
    yd_status st = yd_outline_build_with(&o, &j->doc, &options, err);
    yd_text_range *ranges = NULL;
    size_t n = 0;
    if (st == YD_OK)
        st = yd_outline_under(&j->doc, &o, run->under, run->under_fold, &ranges, &n, err);
    if (st == YD_OK) {
        yd_hits_keep_within(&j->hits, ranges, n);
        j->under = n > 0;
    }
    free(ranges);
    yd_outline_free(&o);
    return st;
}

/* File k as a document: loaded, then searched in UTF-16. */
static void search_loaded(search_run *run, size_t k, yd_query **query)
{
    job *j = &run->jobs[k];
    yd_error err = {0};
    yd_status st = yd_document_load(&j->doc, run->files->paths[k], run->load, &err);
    if (st == YD_OK && j->doc.notice) /* said in order with the hits, the document gone by then */
        snprintf(j->message, sizeof j->message, "%s", j->doc.notice);
    if (st == YD_OK) {
        /* Wait for the pattern (the fold tables take ~50 ms to build). */
        const yd_query *shared = wait_query(run);
        if (shared && !*query)
            st = yd_query_clone(query, shared, &err);
        if (shared && st == YD_OK) {
            yd_shadow shadow = {0};
            unsigned folds = yd_query_folds(*query);
            if (!run->keep_text) {
                /* Only the count is wanted: the text itself becomes its
                 * folded shadow, instead of a copy as large as it. */
                yd_fold_apply(yd_query_table(*query), j->doc.text, j->doc.text, j->doc.length);
                shadow.folded[folds] = j->doc.text;
            }
            st = yd_search_document(*query, &j->doc, &shadow, &j->hits, &err);
            if (!run->keep_text)
                shadow.folded[folds] = NULL; /* the document's, freed with it */
            yd_shadow_free(&shadow);
            if (st == YD_OK && run->under)
                st = keep_under(run, j, &err);
        }
        if (!run->keep_text || st != YD_OK)
            yd_document_free(&j->doc);
    }
    finish_job(run, j, st == YD_OK, err.message);
}

/* Work, in this order: a range of a file being shared out, the next file;
 * with neither, wait while other workers still have a file (it may be
 * shared out), and stop when none has. */
static void *worker(void *arg)
{
    search_run *run = arg;
    yd_query *query = NULL;
    pthread_mutex_lock(&run->lock);
    for (;;) {
        if (run->split) {
            split *sp = run->split;
            size_t r = sp->next++;
            if (sp->next == sp->ranges)
                run->split = NULL; /* the last range is taken: nothing left to share */
            pthread_mutex_unlock(&run->lock);
            count_range(run, sp, r);
            pthread_mutex_lock(&run->lock);
        } else if (run->next < run->files->count && !run->abandon) {
            size_t k = run->next++;
            run->busy++;
            pthread_mutex_unlock(&run->lock);
            if (!search_bytes(run, k))
                search_loaded(run, k, &query);
            pthread_mutex_lock(&run->lock);
            run->busy--;
            pthread_cond_broadcast(&run->changed);
        } else if (run->busy > 0 && !run->abandon) {
            pthread_cond_wait(&run->changed, &run->lock);
        } else {
            break;
        }
    }
    pthread_mutex_unlock(&run->lock);
    yd_query_free(query);
    return NULL;
}

/* One worker per CPU (up to 8), no more than files when rows are printed;
 * a count may share one large file out to every worker. */
static int worker_count(size_t files, int count_only)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cpus < 1 ? 1 : cpus > 8 ? 8 : (size_t)cpus;
    if (count_only)
        return (int)n;
    return (int)(n < files ? n : files > 0 ? files : 1);
}

/* --under: the path checked (a usage error when it names no part) and the
 * configuration read for its outline rules. Returns -1 to go on (config
 * then to be freed), or an exit code. */
static int read_under(const cli_search_options *opt, yd_config *config)
{
    yd_document none = {0};
    yd_outline empty = {0};
    yd_text_range *ranges;
    size_t n;
    yd_error err = {0};
    if (yd_outline_under(&none, &empty, opt->under, NULL, &ranges, &n, &err) != YD_OK) {
        fputs("yuedu: --under: ", stderr);
        cli_put_sanitized(stderr, err.message);
        fputc('\n', stderr);
        fputs(_("Try 'yuedu --help' for more information.\n"), stderr);
        return EXIT_USAGE;
    }
    if (cli_read_config(opt->config, config) != 0) {
        yd_config_free(config);
        return EXIT_NOTHING;
    }
    return -1;
}

int cli_search(const char *const *paths, size_t npaths, const yd_load_options *load, const cli_search_options *opt)
{
    yd_config config;
    int bad = opt->under ? read_under(opt, &config) : -1;
    if (bad >= 0)
        return bad;
    yd_path_list files;
    if (yd_corpus_collect(paths, npaths, &files, cli_diag, NULL) != YD_OK) {
        fputs(_("yuedu: out of memory\n"), stderr);
        if (opt->under)
            yd_config_free(&config);
        return EXIT_NOTHING;
    }
    search_run run = {.files = &files,
                      .load = load,
                      .keep_text = opt->format != FORMAT_COUNT || opt->under,
                      .under = opt->under,
                      .rules = opt->under ? &config.outline.rules : NULL};
    run.jobs = calloc(files.count ? files.count : 1, sizeof *run.jobs);
    pthread_t threads[8];
    int started = 0, code = EXIT_NOTHING;
    if (!run.jobs) {
        fputs(_("yuedu: out of memory\n"), stderr);
        if (opt->under)
            yd_config_free(&config);
        yd_path_list_free(&files);
        return EXIT_NOTHING;
    }
    pthread_mutex_init(&run.lock, NULL);
    pthread_cond_init(&run.changed, NULL);
    /* Files load on the workers while this thread builds the fold tables
     * and compiles the pattern. */
    for (int t = worker_count(files.count, opt->format == FORMAT_COUNT); started < t; started++)
        if (pthread_create(&threads[started], NULL, worker, &run) != 0)
            break;
    yd_fold *fold = NULL;
    yd_query *query = NULL;
    yd_error err = {0};
    /* A regex that backtracks without end on a hostile document (a 10 MB
     * line) gives up on that document with a message instead of running
     * for hours: five times the reader's limit, a few seconds. */
    enum { BATCH_REGEX_TIME_LIMIT = 10000 };
    yd_query_options qo = {.folds = opt->folds, .regex = opt->regex, .time_limit = BATCH_REGEX_TIME_LIMIT};
    yd_status st = yd_fold_new_cached(&fold, NULL, NULL, &err);
    if (st == YD_OK)
        st = yd_query_compile_utf8(&query, fold, opt->pattern, &qo, &err);
    yd_byte_query *bytes = NULL;
    /* YUEDU_SEARCH_DECODED=1 searches every file as a loaded document, as
     * before the byte search: for tests that compare the two, and to rule
     * the byte search out when a result looks wrong. */
    const char *decoded = getenv("YUEDU_SEARCH_DECODED");
    if (st == YD_OK && !(decoded && strcmp(decoded, "1") == 0))
        st = yd_byte_query_new(&bytes, query, &err);
    pthread_mutex_lock(&run.lock);
    run.bytes = bytes;
    /* a heading is found as search finds text: 第二编 finds 第二編 */
    run.under_fold = fold ? yd_fold_table(fold, YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT) : NULL;
    run.query = query;
    run.abandon = st != YD_OK;
    pthread_cond_broadcast(&run.changed);
    pthread_mutex_unlock(&run.lock);
    if (st != YD_OK) {
        fputs("yuedu: --search: ", stderr);
        cli_put_sanitized(stderr, err.message);
        fputc('\n', stderr);
        code = st == YD_EINVAL ? EXIT_USAGE : EXIT_NOTHING;
    } else if (started == 0) {
        fputs(_("yuedu: cannot start a thread\n"), stderr);
    } else {
        size_t total = 0, under = 0;
        for (size_t k = 0; k < files.count; k++) {
            job *j = &run.jobs[k];
            pthread_mutex_lock(&run.lock);
            while (!j->state)
                pthread_cond_wait(&run.changed, &run.lock);
            pthread_mutex_unlock(&run.lock);
            if (!j->ok) {
                cli_diag(NULL, files.paths[k], j->message);
                continue;
            }
            if (j->message[0]) /* a notice: the document was read only in part */
                cli_diag(NULL, files.paths[k], j->message);
            total += j->hits.count + j->count;
            under += j->under;
            cursor c = {.line = -1};
            if (opt->format != FORMAT_COUNT)
                for (size_t h = 0; h < j->hits.count; h++)
                    put_hit(&j->doc, &c, &j->hits.items[h], opt->format, opt->color);
            yd_hits_free(&j->hits);
            yd_document_free(&j->doc);
        }
        if (opt->format == FORMAT_COUNT)
            printf("%zu\n", total);
        code = total > 0 ? EXIT_OK : EXIT_NOTHING;
        if (opt->under && under == 0) {
            fflush(stdout); /* after the count, when both go to one place */
            fputs(_("yuedu: --under: no heading of these documents begins so: "), stderr);
            cli_put_sanitized(stderr, opt->under);
            fputs(_(" (yuedu --outline lists them)\n"), stderr);
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    for (size_t k = 0; k < files.count; k++) { /* left by an abandoned run */
        yd_hits_free(&run.jobs[k].hits);
        yd_document_free(&run.jobs[k].doc);
    }
    pthread_cond_destroy(&run.changed);
    pthread_mutex_destroy(&run.lock);
    free(run.jobs);
    yd_byte_query_free(bytes);
    yd_query_free(query);
    yd_fold_free(fold);
    yd_path_list_free(&files);
    if (opt->under)
        yd_config_free(&config);
    return code;
}
