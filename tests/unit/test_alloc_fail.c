/* Running out of memory: every allocation of the core, one at a time, fails.
 *
 * The core's out-of-memory returns are lines no ordinary test reaches, and
 * a NULL dereferenced or a block leaked on the way out is a real bug
 * (a 100 MB corpus on a small machine). This binary is linked with
 * -Wl,--wrap for malloc, calloc, realloc, strdup and strndup (Makefile:
 * only this binary), so the core's calls, linked in statically, come to the
 * wrappers below; ICU's and libyaml's own allocations (shared libraries) do
 * not. Disarmed (the default) they only pass the call on.
 *
 * Each operation is run again and again with the Nth allocation failing,
 * N = 1, 2, ... until a run in which nothing failed: every run must return
 * without crashing, must say YD_ENOMEM when it fails (or the status the
 * operation documents for it), must leave its output safe to free, and
 * under AddressSanitizer (build/asan) must leak nothing. The last run, with
 * no failure, must succeed: otherwise the sweep proved nothing. */
#include "test_util.h"
#include "yuedu/bookmarks.h"
#include "yuedu/config.h"
#include "yuedu/corpus.h"
#include "yuedu/document.h"
#include "yuedu/fold.h"
#include "yuedu/layout.h"
#include "yuedu/outline.h"
#include "yuedu/problems.h"
#include "yuedu/search.h"
#include "yuedu/search_results.h"
#include "yuedu/state.h"
#include "yuedu/theme.h"
#include "yuedu/width.h"

#include <errno.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* 0: disarmed. Else the number of allocations still to succeed before
 * the one that fails (1: the next one fails); failed records that one did. */
static long countdown;
static int failed;

static int fail_now(void)
{
    if (countdown == 0)
        return 0;
    if (--countdown > 0)
        return 0;
    failed = 1;
    errno = ENOMEM;
    return 1;
}

void *__wrap_malloc(size_t size) { return fail_now() ? NULL : __real_malloc(size); }
void *__wrap_calloc(size_t n, size_t size) { return fail_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t size) { return fail_now() ? NULL : __real_realloc(p, size); }
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return fail_now() ? NULL : __real_strndup(s, n); }

/* One operation of the sweep: run returns its status and cleans up after
 * itself whatever the status (so the sanitizer sees any leak). */
typedef yd_status (*operation)(void *context);

/* Run op with the 1st, 2nd, ... allocation failing until it runs with none
 * failing. A failing run may return YD_OK where the code does without what
 * it could not allocate (a guard such as the outline's wrap width, a
 * problem not recorded); when it fails, the status must be YD_ENOMEM, and
 * at least one run must have said so. reset (may be NULL) puts back what
 * the operation starts from before each run, unarmed. */
static void sweep(const char *name, operation op, void *context, void (*reset)(void))
{
    long n, said = 0;
    for (n = 1; n < 100000; n++) {
        if (reset)
            reset();
        failed = 0;
        countdown = n;
        yd_status st = op(context);
        countdown = 0;
        if (!failed) {
            if (st != YD_OK)
                fail_msg("%s: fails with no allocation failing (status %d)", name, (int)st);
            break;
        }
        if (st != YD_OK && st != YD_ENOMEM)
            fail_msg("%s: allocation %ld failed, reported as status %d, not YD_ENOMEM", name, n, (int)st);
        said += st == YD_ENOMEM;
    }
    printf("# %s: %ld allocations, each failed once; %ld runs said out of memory\n", name, n - 1, said);
    assert_true(said > 0); /* else the sweep reached no out-of-memory return */
}

static const char text[] = "# 第一章 总则\n\n第一条 为了规范阅读，制定本办法。\n"
                           "## 第一节 范围\n本办法适用于长文档。说话、說話都算。\n"
                           "第二章 附则\n\tTab 与　全角空格。\n最后一行没有换行";

static yd_status doc_op(void *context)
{
    (void)context;
    yd_document d;
    yd_error err = {0};
    yd_status st = yd_document_from_bytes(&d, "mem.md", (const unsigned char *)text, sizeof text - 1, NULL, &err);
    yd_document_free(&d);
    return st;
}

static void test_document(void **state)
{
    (void)state;
    sweep("document", doc_op, NULL, NULL);
}

static yd_status gb_op(void *context)
{
    (void)context;
    /* "中文" in GB18030, then a line in it: decoded through ICU. */
    static const unsigned char gb[] = "\xd6\xd0\xce\xc4\n\xd6\xd0\xce\xc4\xd6\xd0\xce\xc4\n";
    yd_document d;
    yd_error err = {0};
    yd_load_options o = {.encoding = "gb18030"};
    yd_status st = yd_document_from_bytes(&d, "gb.txt", gb, sizeof gb - 1, &o, &err);
    yd_document_free(&d);
    return st;
}

static void test_document_gb18030(void **state)
{
    (void)state;
    sweep("document gb18030", gb_op, NULL, NULL);
}

static yd_document loaded;

static void load_text(void)
{
    yd_error err = {0};
    assert_int_equal(
        yd_document_from_bytes(&loaded, "mem.md", (const unsigned char *)text, sizeof text - 1, NULL, &err), YD_OK);
}

static yd_status outline_op(void *context)
{
    (void)context;
    yd_outline o;
    yd_error err = {0};
    yd_status st = yd_outline_build(&o, &loaded, &err);
    if (st == YD_OK)
        yd_outline_free(&o);
    return st;
}

static void test_outline(void **state)
{
    (void)state;
    load_text();
    sweep("outline", outline_op, NULL, NULL);
    yd_document_free(&loaded);
}

static yd_status layout_op(void *context)
{
    yd_width_table *widths = context;
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 12;
    yd_layout *l;
    yd_error err = {0};
    yd_status st = yd_layout_new(&loaded, widths, &o, &l, &err);
    if (st != YD_OK)
        return st;
    yd_layout_pos pos;
    for (int32_t p = 0; st == YD_OK && p < yd_layout_paragraph_count(l); p++) {
        const yd_row *rows;
        int32_t count;
        st = yd_layout_paragraph(l, p, &rows, &count, &err);
    }
    if (st == YD_OK)
        st = yd_layout_set_width(l, 7, &err);
    if (st == YD_OK)
        st = yd_layout_pos_of_offset(l, (int32_t)(loaded.length - 1), &pos, &err);
    if (st == YD_OK) {
        int32_t moved;
        st = yd_layout_pos_move(l, &pos, -20, &moved, &err);
    }
    yd_layout_free(l);
    return st;
}

static void test_layout(void **state)
{
    (void)state;
    load_text();
    yd_width_table *widths;
    yd_error err = {0};
    assert_int_equal(yd_width_table_new(2, &widths, &err), YD_OK);
    sweep("layout", layout_op, widths, NULL);
    yd_width_table_free(widths);
    yd_document_free(&loaded);
}

static yd_fold *fold;

typedef struct search_case {
    const char *pattern;
    int regex;
} search_case;

static yd_status search_op(void *context)
{
    const search_case *c = context;
    yd_query *q, *clone = NULL;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = c->regex, .time_limit = 1000};
    yd_status st = yd_query_compile_utf8(&q, fold, c->pattern, &o, &err);
    if (st != YD_OK)
        return st;
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    st = yd_query_clone(&clone, q, &err);
    if (st == YD_OK)
        st = yd_search_document(clone, &loaded, &shadow, &hits, &err);
    if (st == YD_OK && hits.count == 0)
        st = YD_EINVAL; /* found nothing: the case is wrong, not the memory */
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    if (clone)
        yd_query_free(clone);
    yd_query_free(q);
    return st;
}

static void test_search(void **state)
{
    (void)state;
    yd_error err = {0};
    assert_int_equal(yd_fold_new(&fold, NULL, &err), YD_OK);
    load_text();
    search_case literal = {"說话", 0}, regex = {"第[一二]条|附则", 1};
    sweep("search literal", search_op, &literal, NULL);
    sweep("search regex", search_op, &regex, NULL);
    yd_document_free(&loaded);
    yd_fold_free(fold);
}

/* The result list of one document's hits of 第: made, filtered, narrowed,
 * cleared. A filter that fails leaves the list as it was: every row still
 * readable, as many as before. */
typedef struct results_case {
    const yd_document *const *docs;
    const yd_outline *outline;
    const yd_hits *hits;
} results_case;

static yd_status results_filter_to(yd_results *r, const char *utf8)
{
    UChar f[16];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(f, 16, &n, utf8, -1, &st);
    size_t rows = r->row_count;
    yd_error err = {0};
    yd_status s = yd_results_filter(r, fold, f, n, &err);
    if (s != YD_OK) {
        assert_int_equal(r->row_count, rows);
        for (size_t k = 0; k < r->row_count; k++)
            assert_true(yd_results_row(r, k).at.index < r->per_doc[0].count);
    }
    return s;
}

static yd_status results_op(void *context)
{
    const results_case *c = context;
    yd_results r;
    yd_error err = {0};
    yd_status st = yd_results_build(&r, c->docs, c->outline, c->hits, 1, &err);
    if (st != YD_OK)
        return st; /* freed by build */
    if ((st = results_filter_to(&r, "总")) == YD_OK && (st = results_filter_to(&r, "总则")) == YD_OK)
        st = results_filter_to(&r, "");
    yd_results_free(&r);
    return st;
}

static void test_results(void **state)
{
    (void)state;
    yd_error err = {0};
    assert_int_equal(yd_fold_new(&fold, NULL, &err), YD_OK);
    load_text();
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &loaded, &err), YD_OK);
    yd_query *q;
    yd_query_options qo = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "第", &qo, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &loaded, &shadow, &hits, &err), YD_OK);
    assert_true(hits.count >= 4);
    const yd_document *docs[] = {&loaded};
    results_case c = {docs, &o, &hits};
    sweep("result list", results_op, &c, NULL);
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_query_free(q);
    yd_outline_free(&o);
    yd_document_free(&loaded);
    yd_fold_free(fold);
}

static const char config_text[] = "theme: light\n"
                                  "ambiwidth: 2\n"
                                  "outline:\n  fold-level: 2\n"
                                  "keys:\n  reader:\n    quit: [q, 'g q']\n  list:\n    open: Enter\n"
                                  "unknown-key: 1\n";

static yd_status config_op(void *context)
{
    (void)context;
    yd_config c;
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    yd_status st = yd_config_parse(&c, "cfg.yaml", config_text, sizeof config_text - 1, &p, &err);
    yd_config_free(&c); /* even after a failure (yuedu/config.h) */
    yd_problems_free(&p);
    return st;
}

static void test_config(void **state)
{
    (void)state;
    sweep("config", config_op, NULL, NULL);
}

static const char theme_text[] = "name: t\nstyles:\n  text: {fg: '#d7af5f', bg: default, bold: true}\n"
                                 "  heading-1: {fg: 179}\n  hit: {fg: red, reverse: true}\n  nonsense: 1\n";

static yd_status theme_op(void *context)
{
    (void)context;
    yd_theme t;
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    yd_status st = yd_theme_parse(&t, "t.yaml", theme_text, sizeof theme_text - 1, &p, &err);
    if (st == YD_OK)
        yd_theme_free(&t);
    yd_problems_free(&p);
    return st;
}

static void test_theme(void **state)
{
    (void)state;
    sweep("theme", theme_op, NULL, NULL);
}

static char *store_dir;
static char store_file[4200];
static char *seed; /* what store_file holds before each run; NULL: no file */
static size_t seed_length;

static void put_seed(void)
{
    if (!seed) {
        unlink(store_file);
        return;
    }
    FILE *f = fopen(store_file, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(seed, 1, seed_length, f), seed_length);
    assert_int_equal(fclose(f), 0);
}

/* The store as the last run left it becomes the seed of the next sweep. */
static void take_seed(void)
{
    free(seed);
    FILE *f = fopen(store_file, "rb");
    assert_non_null(f);
    seed = malloc(1 << 20);
    assert_non_null(seed);
    seed_length = fread(seed, 1, 1 << 20, f);
    fclose(f);
}

static void start_store(const char *file)
{
    free(store_dir);
    store_dir = make_temp_dir();
    snprintf(store_file, sizeof store_file, "%s/%s", store_dir, file);
    free(seed);
    seed = NULL;
}

static yd_status state_op(void *context)
{
    (void)context;
    yd_state s;
    yd_error err = {0};
    yd_status st = yd_state_open(&s, store_dir, &err);
    if (st != YD_OK)
        return st;
    st = yd_state_set_position(&s, &loaded, 12);
    if (st == YD_OK)
        st = yd_state_add_search(&s, "第一条");
    if (st == YD_OK)
        st = yd_state_set_corpus_document(&s, "/tmp/corpus", "/tmp/corpus/a.md", 0);
    if (st == YD_OK)
        st = yd_state_save(&s, &err);
    yd_state_free(&s);
    return st;
}

static void test_state(void **state)
{
    (void)state;
    load_text();
    start_store("state.yaml");
    /* Once with no file, then over the file a run wrote (read, merged,
     * written again). */
    sweep("state, new file", state_op, NULL, put_seed);
    take_seed();
    sweep("state, existing file", state_op, NULL, put_seed);
    yd_document_free(&loaded);
}

static yd_status bookmarks_op(void *context)
{
    (void)context;
    yd_bookmarks bm;
    yd_error err = {0};
    yd_status st = yd_bookmarks_open(&bm, store_dir, 0, &err);
    if (st != YD_OK)
        return st;
    char id[64];
    st = yd_bookmarks_add(&bm, &loaded, 0, 12, NULL, "书签", "a note", id);
    if (st == YD_OK)
        st = yd_bookmarks_rename(&bm, id, "改名");
    if (st == YD_OK)
        st = yd_bookmarks_save(&bm, &err);
    if (st == YD_OK) {
        yd_bookmark **list;
        size_t count;
        st = yd_bookmarks_list(&bm, YD_ORDER_DOCUMENT, "书", &list, &count);
        if (st == YD_OK) {
            char *yaml;
            size_t length;
            st = yd_bookmarks_export_yaml(list, count, &yaml, &length);
            if (st == YD_OK)
                free(yaml);
            free(list);
        }
    }
    yd_bookmarks_free(&bm);
    return st;
}

static void test_bookmarks(void **state)
{
    (void)state;
    load_text();
    start_store("bookmarks.yaml");
    sweep("bookmarks, new file", bookmarks_op, NULL, put_seed);
    take_seed();
    sweep("bookmarks, existing file", bookmarks_op, NULL, put_seed);
    yd_document_free(&loaded);
}

static void silent(void *context, const char *path, const char *message)
{
    (void)context, (void)path, (void)message;
}

static yd_status corpus_op(void *context)
{
    const char *args[] = {context};
    yd_corpus c = {0};
    yd_status st = yd_corpus_load(&c, args, 1, NULL, silent, NULL);
    if (st == YD_OK && c.count < 2)
        st = YD_EINVAL;
    yd_corpus_free(&c);
    return st;
}

static void test_corpus(void **state)
{
    (void)state;
    sweep("corpus", corpus_op, (void *)fixture("outline"), NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document), cmocka_unit_test(test_document_gb18030),
        cmocka_unit_test(test_outline),  cmocka_unit_test(test_layout),
        cmocka_unit_test(test_search),   cmocka_unit_test(test_results),  cmocka_unit_test(test_config),
        cmocka_unit_test(test_theme),    cmocka_unit_test(test_state),
        cmocka_unit_test(test_bookmarks), cmocka_unit_test(test_corpus),
    };
    int failures = cmocka_run_group_tests(tests, NULL, NULL);
    free(store_dir);
    free(seed);
    return failures;
}
