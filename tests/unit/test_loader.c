/* Background loading: same documents and order as a plain load, messages
 * for bad files, early stop without leaks. */
#include <limits.h>
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "test_util.h"
#include "../zip_build.h"
#include "yuedu/loader.h"

static char *make_corpus(int files)
{
    char *dir = make_temp_dir();
    char name[64], body[256];
    for (int k = 1; k <= files; k++) {
        snprintf(name, sizeof name, "%d.txt", k);
        int n = snprintf(body, sizeof body, "第%d篇\n正文第%d段。\n", k, k);
        write_file(dir, name, body, (size_t)n);
    }
    write_file(dir, "0-binary", "\x89PNG\r\n\x1a\n\0\0\0", 11);
    return dir;
}

static int prepared;

static void count_prepare(yd_document *doc, size_t index, void *context)
{
    (void)doc;
    (void)context;
    assert_int_equal(index, (size_t)prepared); /* indexes in order, no gaps */
    prepared++;
}

static void test_loads_everything_in_order(void **state)
{
    (void)state;
    char *dir = make_corpus(40);
    const char *args[] = {dir};
    yd_path_list paths;
    assert_int_equal(yd_corpus_collect(args, 1, &paths, NULL, NULL), YD_OK);
    assert_int_equal(paths.count, 41);
    yd_loader *l;
    prepared = 0;
    assert_int_equal(yd_loader_start(&l, &paths, NULL, count_prepare, NULL), YD_OK);
    assert_int_equal(paths.count, 0); /* taken over */
    assert_true(yd_loader_wait(l, 1, -1) >= 1);
    assert_int_equal(yd_loader_wait(l, 1000, -1), 40);
    assert_true(yd_loader_finished(l));
    size_t handled, total;
    yd_loader_progress(l, &handled, &total);
    assert_int_equal(handled, 41);
    assert_int_equal(total, 41);
    assert_int_equal(prepared, 40);
    for (size_t k = 0; k < 40; k++) {
        char want[64];
        snprintf(want, sizeof want, "%s/%zu.txt", dir, k + 1);
        assert_string_equal(yd_loader_document(l, k)->path, want);
        assert_int_equal(yd_loader_document(l, k)->line_count, 2);
    }
    assert_null(yd_loader_document(l, 40));
    char path[256], message[256];
    assert_true(yd_loader_pop_message(l, path, sizeof path, message, sizeof message));
    assert_non_null(strstr(path, "0-binary"));
    assert_string_equal(message, "skipped: binary file");
    assert_false(yd_loader_pop_message(l, path, sizeof path, message, sizeof message));
    yd_loader_free(l);
    rm_rf(dir);
    free(dir);
}

/* A document read only in part (malformed XML) is ready like any other,
 * and its notice comes as a message of its own kind (2), not as a file
 * left out (1). */
static void test_notice_of_a_document_read(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *names[] = {"word/document.xml"};
    const char *data[] = {"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>读得到的</w:t></w:r></w:p>\n"
                          "<w:p><w:r><w:t>断在这里"};
    size_t lengths[] = {strlen(data[0])}, size = 0;
    unsigned char *zip = zb_build(1, names, data, lengths, 1, &size);
    assert_non_null(zip);
    write_file(dir, "1.docx", (const char *)zip, size);
    free(zip);
    write_file(dir, "2.txt", "正文\n", strlen("正文\n"));
    write_file(dir, "3-binary", "\x89PNG\r\n\x1a\n\0\0\0", 11);
    const char *args[] = {dir};
    yd_path_list paths;
    assert_int_equal(yd_corpus_collect(args, 1, &paths, NULL, NULL), YD_OK);
    yd_loader *l;
    assert_int_equal(yd_loader_start(&l, &paths, NULL, NULL, NULL), YD_OK);
    assert_int_equal(yd_loader_wait(l, 10, -1), 2);
    char path[256], message[256];
    assert_int_equal(yd_loader_pop_message(l, path, sizeof path, message, sizeof message), 2);
    assert_non_null(strstr(path, "1.docx"));
    assert_string_equal(message, "document.xml is not well-formed XML (line 2): shown as far as it could be read");
    assert_int_equal(yd_loader_pop_message(l, path, sizeof path, message, sizeof message), 1);
    assert_non_null(strstr(path, "3-binary"));
    assert_int_equal(yd_loader_pop_message(l, path, sizeof path, message, sizeof message), 0);
    yd_loader_free(l);
    rm_rf(dir);
    free(dir);
}

static void test_stop_early(void **state)
{
    (void)state;
    char *dir = make_corpus(300);
    const char *args[] = {dir};
    yd_path_list paths;
    assert_int_equal(yd_corpus_collect(args, 1, &paths, NULL, NULL), YD_OK);
    yd_loader *l;
    assert_int_equal(yd_loader_start(&l, &paths, NULL, NULL, NULL), YD_OK);
    yd_loader_wait(l, 1, -1);
    yd_loader_free(l); /* mid-load: must join and free what was loaded */
    rm_rf(dir);
    free(dir);
}

static void test_timeout_and_empty(void **state)
{
    (void)state;
    yd_path_list none = {0};
    yd_loader *l;
    assert_int_equal(yd_loader_start(&l, &none, NULL, NULL, NULL), YD_OK);
    assert_int_equal(yd_loader_wait(l, 1, 2000), 0); /* finished, nothing ready */
    assert_true(yd_loader_finished(l));
    yd_loader_free(l);
}

static size_t walked_count;

static int note_walked(size_t count, void *context)
{
    (void)context;
    assert_int_equal(prepared, 0); /* before any document */
    walked_count = count;
    return 0;
}

static int refuse_walked(size_t count, void *context)
{
    (void)count;
    (void)context;
    return -1;
}

static void note_walk_message(void *context, const char *path, const char *message)
{
    (void)path;
    snprintf(context, 256, "%s", message);
}

static void test_walks_on_its_thread(void **state)
{
    (void)state;
    char *dir = make_corpus(40);
    char loop[4096];
    snprintf(loop, sizeof loop, "%s/9-loop", dir);
    assert_int_equal(symlink(".", loop), 0);
    const char *args[] = {dir};
    yd_loader *l;
    prepared = 0;
    walked_count = 0;
    assert_int_equal(yd_loader_start_walk(&l, args, 1, NULL, note_walked, count_prepare, NULL), YD_OK);
    assert_int_equal(yd_loader_wait(l, 1000, -1), 40);
    assert_int_equal(walked_count, 41);
    size_t n;
    const char *const *paths = yd_loader_paths(l, &n);
    assert_int_equal(n, 41);
    assert_non_null(strstr(paths[0], "/0-binary"));
    assert_string_equal(yd_loader_document(l, 0)->path, paths[1]);
    char path[256], message[256], walk[256] = "";
    /* The walk's message first, then the loading's. */
    assert_true(yd_loader_pop_message(l, path, sizeof path, message, sizeof message));
    assert_non_null(strstr(path, "9-loop"));
    assert_true(yd_loader_pop_message(l, path, sizeof path, message, sizeof message));
    assert_string_equal(message, "skipped: binary file");
    yd_loader_walk_messages(l, note_walk_message, walk);
    assert_string_equal(walk, "skipped: directory already read (symbolic link loop?)");
    assert_int_equal(yd_loader_status(l), YD_OK);
    yd_loader_free(l);

    /* No room for the documents: nothing loads, and it says why. */
    assert_int_equal(yd_loader_start_walk(&l, args, 1, NULL, refuse_walked, NULL, NULL), YD_OK);
    assert_int_equal(yd_loader_wait(l, 1, -1), 0);
    assert_true(yd_loader_finished(l));
    assert_int_equal(yd_loader_status(l), YD_ENOMEM);
    yd_loader_free(l);
    rm_rf(dir);
    free(dir);
}

/* The walked callback held until the main thread has looked: the paths
 * are being written on the loader thread, so none are shown yet. */
static atomic_int walk_held, walk_go;

static int hold_walked(size_t count, void *context)
{
    (void)count;
    (void)context;
    atomic_store(&walk_held, 1);
    while (!atomic_load(&walk_go))
        sched_yield();
    return 0;
}

static void test_no_paths_until_walked(void **state)
{
    (void)state;
    char *dir = make_corpus(5);
    const char *args[] = {dir};
    yd_loader *l;
    atomic_store(&walk_held, 0);
    atomic_store(&walk_go, 0);
    assert_int_equal(yd_loader_start_walk(&l, args, 1, NULL, hold_walked, NULL, NULL), YD_OK);
    while (!atomic_load(&walk_held))
        sched_yield();
    size_t n = 1, handled = 1, total = 1;
    assert_null(yd_loader_paths(l, &n));
    assert_null(yd_loader_root(l));
    assert_int_equal(n, 0);
    yd_loader_progress(l, &handled, &total);
    assert_int_equal(handled, 0);
    assert_int_equal(total, 0);
    atomic_store(&walk_go, 1);
    assert_int_equal(yd_loader_wait(l, 1000, -1), 5);
    assert_non_null(yd_loader_paths(l, &n));
    assert_int_equal(n, 6);
    /* the root the walk found, without looking at every path again */
    char real[PATH_MAX];
    assert_non_null(realpath(dir, real));
    assert_non_null(yd_loader_root(l));
    assert_string_equal(yd_loader_root(l), real);
    yd_loader_free(l);

    /* paths given without a root: none */
    yd_path_list given = {0};
    assert_int_equal(yd_corpus_collect(args, 1, &given, NULL, NULL), YD_OK);
    free(given.root);
    given.root = NULL;
    assert_int_equal(yd_loader_start(&l, &given, NULL, NULL, NULL), YD_OK);
    assert_int_equal(yd_loader_wait(l, 1000, -1), 5);
    assert_null(yd_loader_root(l));
    yd_loader_free(l);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_everything_in_order),
        cmocka_unit_test(test_stop_early),
        cmocka_unit_test(test_timeout_and_empty),
        cmocka_unit_test(test_walks_on_its_thread),
        cmocka_unit_test(test_no_paths_until_walked),
        cmocka_unit_test(test_notice_of_a_document_read),
    };
    return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
