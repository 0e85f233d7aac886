/* The reader's late libraries (src/late/late_libraries.c), compiled here
 * with a libxml2 that cannot be found and the real libzip: every libxml2
 * function fails as libxml2 reports failure and the load says why; every
 * libzip function goes on to the real one, loaded on first use. */
#define YD_LIBXML2_SONAME "libyuedu-absent-xml.so.7"
#include "../../src/late/late_libraries.c"

#include "test_util.h"

/* A zip archive of one stored entry, a.txt holding "hi" (Python's zipfile). */
static const unsigned char one_entry[] = {0x50,0x4b,0x03,0x04,0x14,0x00,0x00,0x00,0x00,0x00,0x51,0x5d,0x86,0x5d,0xac,0x2a,0x93,0xd8,0x02,0x00,0x00,0x00,0x02,0x00,0x00,0x00,0x05,0x00,0x00,0x00,0x61,0x2e,0x74,0x78,0x74,0x68,0x69,0x50,0x4b,0x01,0x02,0x14,0x03,0x14,0x00,0x00,0x00,0x00,0x00,0x51,0x5d,0x86,0x5d,0xac,0x2a,0x93,0xd8,0x02,0x00,0x00,0x00,0x02,0x00,0x00,0x00,0x05,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x80,0x01,0x00,0x00,0x00,0x00,0x61,0x2e,0x74,0x78,0x74,0x50,0x4b,0x05,0x06,0x00,0x00,0x00,0x00,0x01,0x00,0x01,0x00,0x33,0x00,0x00,0x00,0x25,0x00,0x00,0x00,0x00,0x00};

static void absent_library_fails_cleanly(void **state)
{
    (void)state;
    static const char xml_text[] = "<a>text</a>";
    assert_null(xmlReadMemory(xml_text, (int)sizeof xml_text - 1, "a.xml", NULL, 0));
    assert_null(htmlReadMemory(xml_text, (int)sizeof xml_text - 1, "a.html", NULL, 0));
    assert_null(xmlDocGetRootElement(NULL));
    assert_null(xmlGetProp(NULL, (const xmlChar *)"id"));
    assert_null(xmlNodeGetContent(NULL));
    assert_int_equal(xmlGetLineNo(NULL), -1);
    xmlFreeDoc(NULL);
    xmlInitParser();
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFree(NULL);
    const char *why = yd_late_libraries_load();
    assert_non_null(why);
    assert_non_null(strstr(why, "libyuedu-absent-xml.so.7"));
}

static void present_library_is_loaded_and_used(void **state)
{
    (void)state;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(one_entry, sizeof one_entry, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    zip_error_fini(&ze);
    assert_non_null(z);
    assert_int_equal(zip_get_num_entries(z, 0), 1);
    zip_int64_t at = zip_name_locate(z, "a.txt", 0);
    assert_int_equal(at, 0);
    assert_int_equal(zip_name_locate(z, "b.txt", 0), -1);
    zip_stat_t st;
    zip_stat_init(&st);
    assert_int_equal(zip_stat_index(z, (zip_uint64_t)at, 0, &st), 0);
    assert_int_equal(st.size, 2);
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)at, 0);
    assert_non_null(f);
    char buf[8] = {0};
    assert_int_equal(zip_fread(f, buf, sizeof buf), 2);
    assert_string_equal(buf, "hi");
    assert_int_equal(zip_fclose(f), 0);
    zip_discard(z);
    /* libzip itself was loaded: only libxml2 is missing. */
    assert_true(zip.loaded);
    assert_false(xml.loaded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absent_library_fails_cleanly),
        cmocka_unit_test(present_library_is_loaded_and_used),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
