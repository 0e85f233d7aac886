/* Background loading: same documents and order as a plain load, messages
 * for bad files, early stop without leaks. */
#include "test_util.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_everything_in_order),
        cmocka_unit_test(test_stop_early),
        cmocka_unit_test(test_timeout_and_empty),
    };
    return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
