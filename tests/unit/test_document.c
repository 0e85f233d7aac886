/* Documents: decoding into UTF-16, line ends, the line index. */
#include <fcntl.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/decode.h"
#include "yuedu/document.h"
#include "../utf8_reference.h"

static void load(yd_document *doc, const char *bytes, size_t n)
{
    yd_error err = {0};
    yd_status st = yd_document_from_bytes(doc, "mem", (const unsigned char *)bytes, n, NULL, &err);
    if (st != YD_OK)
        fail_msg("load failed: %s", err.message);
}

static void assert_text(const yd_document *doc, const char *want)
{
    char *got = utf8_of(doc->text, doc->length);
    assert_string_equal(got, want);
    free(got);
}

static void test_line_ends_become_lf(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "一\r\n二\r三\n四", 16);
    assert_text(&d, "一\n二\n三\n四");
    assert_int_equal(d.line_count, 4);
    assert_int_equal(d.line_ends, YD_EOL_LF | YD_EOL_CRLF | YD_EOL_CR);
    assert_int_equal(d.line_starts[0], 0);
    assert_int_equal(d.line_starts[1], 2);
    assert_int_equal(d.line_starts[2], 4);
    assert_int_equal(d.line_starts[3], 6);
    yd_document_free(&d);

    /* CR CR LF is two line ends: a lone CR, then CRLF. */
    load(&d, "a\r\r\nb", 5);
    assert_text(&d, "a\n\nb");
    assert_int_equal(d.line_count, 3);
    yd_document_free(&d);
}

static void test_line_count_rules(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "", 0);
    assert_int_equal(d.line_count, 0);
    assert_int_equal(d.length, 0);
    yd_document_free(&d);
    load(&d, "x\n", 2); /* a final newline ends the last line */
    assert_int_equal(d.line_count, 1);
    yd_document_free(&d);
    load(&d, "x\n\n", 3); /* an empty line after it is a line */
    assert_int_equal(d.line_count, 2);
    yd_document_free(&d);
    load(&d, "\n", 1);
    assert_int_equal(d.line_count, 1);
    yd_document_free(&d);
}

static void test_bom_stripped_chars_counted(void **state)
{
    (void)state;
    yd_document d;
    /* BOM + 中 + U+20000 (a surrogate pair) + newline */
    load(&d, "\xEF\xBB\xBF\xE4\xB8\xAD\xF0\xA0\x80\x80\n", 11);
    assert_string_equal(d.encoding.name, "UTF-8-BOM");
    assert_int_equal(d.length, 4);
    assert_int_equal(d.chars, 3);
    assert_int_equal(d.text[0], 0x4E2D);
    assert_int_equal(d.bytes, 11);
    yd_document_free(&d);
}

static void test_line_lookup(void **state)
{
    (void)state;
    yd_document d;
    load(&d, "ab\ncde\n\nf", 9);
    assert_int_equal(yd_document_line_at(&d, 0), 0);
    assert_int_equal(yd_document_line_at(&d, 2), 0); /* the newline belongs to its line */
    assert_int_equal(yd_document_line_at(&d, 3), 1);
    assert_int_equal(yd_document_line_at(&d, 7), 2);
    assert_int_equal(yd_document_line_at(&d, 8), 3);
    assert_int_equal(yd_document_line_at(&d, 999), 3);
    int32_t s, e;
    yd_document_line_bounds(&d, 1, &s, &e);
    assert_int_equal(s, 3);
    assert_int_equal(e, 6);
    yd_document_line_bounds(&d, 2, &s, &e);
    assert_int_equal(s, e);
    yd_document_line_bounds(&d, 3, &s, &e);
    assert_int_equal(e - s, 1);
    yd_document_line_bounds(&d, 4, &s, &e);
    assert_int_equal(s, d.length);
    yd_document_free(&d);
}

static void test_forced_encoding(void **state)
{
    (void)state;
    /* 中文 in GBK, read as GBK and, wrongly, as UTF-8 when forced. */
    const unsigned char gbk[] = {0xD6, 0xD0, 0xCE, 0xC4};
    yd_document d;
    yd_error err = {0};
    yd_load_options gb = {.encoding = "GBK"};
    assert_int_equal(yd_document_from_bytes(&d, "m", gbk, 4, &gb, &err), YD_OK);
    assert_text(&d, "中文");
    assert_string_equal(d.encoding.name, "GB18030");
    yd_document_free(&d);
    yd_load_options u8 = {.encoding = "utf-8"};
    assert_int_equal(yd_document_from_bytes(&d, "m", gbk, 4, &u8, &err), YD_OK);
    assert_true(d.replacements >= 2);
    yd_document_free(&d);
    yd_load_options bad = {.encoding = "no-such-encoding"};
    assert_int_equal(yd_document_from_bytes(&d, "m", gbk, 4, &bad, &err), YD_EENCODING);
    assert_non_null(strstr(err.message, "no-such-encoding"));
    yd_document_free(&d); /* safe on a failed load */
}

static void test_huge_single_line(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t k = 0; k + 3 <= n; k += 3)
        memcpy(big + k, "字", 3);
    n -= n % 3;
    yd_document d;
    load(&d, big, n);
    assert_int_equal(d.line_count, 1);
    assert_int_equal(d.chars, n / 3);
    assert_int_equal(d.replacements, 0);
    free(big);
    yd_document_free(&d);
}

static void test_load_errors(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&d, "/nonexistent/x.txt", NULL, &err), YD_EIO);
    assert_non_null(strstr(err.message, "No such file"));
    assert_int_equal(yd_document_load(&d, "/tmp", NULL, &err), YD_EIO);
    assert_non_null(strstr(err.message, "directory"));
    const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(yd_document_from_bytes(&d, "p", png, sizeof png, NULL, &err), YD_EBINARY);
    assert_string_equal(err.message, "skipped: binary file");
}

/* The UTF-8 fast path decodes, normalises line ends and indexes lines in one
 * pass; it must give exactly what ICU's decoder plus the plain index give,
 * ill-formed sequences included (one U+FFFD per maximal subpart). Inputs are
 * random strings of fragments chosen to hit every branch: ASCII runs of eight
 * (the widened path), pairs and runs of three-byte sequences (the two-at-a-time
 * and sixteen-at-a-time paths),
 * overlong and surrogate forms, truncations, BOMs, every line end. */
static void test_utf8_fast_path_matches_icu(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "abcdefgh", "abcdefghijklmnop", "\n", "\r", "\r\n", "\t", "\x00", "\x1b[31m", "\x7f",
        "中", "中文", "中文字", "阅读指南", "\xC2\xA9", "\xDF\xBF", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
        "\xE0\xA0\x80", "\xE0\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xE4\xB8",
        "\xE4", "\x80", "\xBF\xBF", "\xC0\xAF", "\xC1\xBF", "\xF5\x80\x80\x80", "\xF4\x90\x80\x80",
        "\xF0\x80\x80\x80", "\xF0\x9F\x98", "\xFF", "\xFE", "\xEF\xBB\xBF", "，。", "　",
        /* Runs of sixteen bytes and more of three-byte sequences (the SIMD path),
         * clean and with a surrogate, an overlong form or a truncation inside. */
        "阅读指南中文字，。阅读", "中文字\xED\xA0\x80中文字阅读", "中文\xE0\x80\x80中文字阅读指", "中文字阅\xE8\xAF中文字阅读",
    };
    enum { PIECES = sizeof pieces / sizeof pieces[0] };
    unsigned char buf[4096];
    uint32_t seed = 20261201;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)(seed >> 16) % 60;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % PIECES];
            /* A NUL piece is one byte; strlen would see none. */
            size_t len = piece[0] ? strlen(piece) : 1;
            memcpy(buf + n, piece, len);
            n += len;
        }
        yd_document d;
        yd_error err = {0};
        yd_load_options utf8 = {.encoding = "UTF-8"};
        assert_int_equal(yd_document_from_bytes(&d, "mem", buf, n, &utf8, &err), YD_OK);
        const char *why = utf8_reference_mismatch(buf, n, &d);
        if (why)
            fail_msg("round %d (%zu bytes): %s", round, n, why);
        yd_document_free(&d);
    }
}

/* A file of more than two 1 MB pieces is read and decoded a piece at a
 * time: the document must be the one made from all its bytes at once,
 * with pieces cut near CRLF, CR, ill-formed bytes, a BOM and a line longer
 * than a piece; and in GB18030 (read whole). */
static void assert_same_document(const yd_document *a, const yd_document *b)
{
    assert_int_equal(a->length, b->length);
    assert_memory_equal(a->text, b->text, (size_t)a->length * sizeof *a->text);
    assert_int_equal(a->line_count, b->line_count);
    assert_memory_equal(a->line_starts, b->line_starts, (size_t)a->line_count * sizeof *a->line_starts);
    assert_int_equal(a->chars, b->chars);
    assert_int_equal(a->replacements, b->replacements);
    assert_int_equal(a->line_ends, b->line_ends);
    assert_int_equal(a->bytes, b->bytes);
    assert_int_equal(a->encoding.kind, b->encoding.kind);
}

static void check_large_named(const unsigned char *bytes, size_t n, const char *encoding, const char *name)
{
    char *dir = make_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
    yd_load_options o = {.encoding = encoding};
    yd_document whole, streamed;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&whole, path, bytes, n, &o, &err), YD_OK);
    assert_int_equal(yd_document_load(&streamed, path, &o, &err), YD_OK);
    assert_same_document(&streamed, &whole);
    assert_int_equal(streamed.stamp.size, (int64_t)n);
    yd_document_free(&whole);
    yd_document_free(&streamed);
    rm_rf(dir);
    free(dir);
}

static void check_large(const unsigned char *bytes, size_t n, const char *encoding)
{
    check_large_named(bytes, n, encoding, "large.txt");
}

static void test_large_file_in_pieces(void **state)
{
    (void)state;
    unsigned seed = test_seed();
    static const char *const pieces[] = {"字", "文", "a", "\n", "\r\n", "\r", "\xE4\xB8", "\x80", "𠀀", "\xEF\xBB\xBF"};
    size_t n = ((size_t)50 << 20) + 1, k = 0;
    unsigned char *big = malloc(n + 8);
    assert_non_null(big);
    memcpy(big, "\xEF\xBB\xBF", 3);
    k = 3;
    /* 20 MB of one line (longer than a piece), then random pieces. */
    for (; k + 3 <= ((size_t)20 << 20); k += 3)
        memcpy(big + k, "长", 3);
    while (k < n) {
        const char *p = pieces[(size_t)rand_r(&seed) % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(p);
        memcpy(big + k, p, len);
        k += len;
    }
    check_large(big, n, NULL); /* odd length, detected */
    check_large(big, n - 1, "utf-8");
    /* A CR as the very last byte of the first piece's read (a piece is
     * 1 MB, and one byte more for a file of odd length). */
    big[((size_t)1 << 20) + 1 - 1] = '\r';
    big[((size_t)1 << 20) + 1] = '\n';
    check_large(big, n, NULL);
    free(big);
}

/* Markdown and HTML larger than two pieces are rendered as smaller ones
 * are (they used to be decoded as they were read, and shown raw: # and
 * tags as text), an HTML page in the charset its <meta> declares. */
static void test_large_markup_rendered(void **state)
{
    (void)state;
    size_t n = (size_t)3 << 20, k = 0;
    unsigned char *big = malloc(n + 64);
    assert_non_null(big);
    k += (size_t)sprintf((char *)big, "# 第一章 总则\n\n");
    while (k + 40 < n)
        k += (size_t)sprintf((char *)big + k, "正文，第%zu句。\n\n", k);
    check_large_named(big, k, NULL, "large.md");
    yd_document d;
    yd_error err = {0};
    char *dir = make_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/large.md", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(big, 1, k, f), k);
    fclose(f);
    assert_int_equal(yd_document_load(&d, path, NULL, &err), YD_OK);
    assert_true(d.length > 6 && d.text[0] != '#'); /* rendered: the heading without its # */
    yd_document_free(&d);
    rm_rf(dir);
    free(dir);
    k = (size_t)sprintf((char *)big, "<html><head><meta charset=\"gbk\"></head><body>");
    while (k + 64 < n)
        k += (size_t)sprintf((char *)big + k, "<p>\xd5\xfd\xce\xc4 %zu</p>", k); /* 正文 in GBK */
    check_large_named(big, k, NULL, "large.html");
    free(big);
}

static void test_too_large(void **state)
{
    (void)state;
    /* A file past YD_DECODE_MAX_BYTES is refused before a byte is read: a
     * sparse file, so the test costs no disk. */
    char *dir = make_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/huge.txt", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)YD_DECODE_MAX_BYTES + 1), 0);
    close(fd);
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&d, path, NULL, &err), YD_ETOOBIG);
    assert_non_null(strstr(err.message, "file too large"));
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_ends_become_lf),
        cmocka_unit_test(test_line_count_rules),
        cmocka_unit_test(test_bom_stripped_chars_counted),
        cmocka_unit_test(test_line_lookup),
        cmocka_unit_test(test_forced_encoding),
        cmocka_unit_test(test_huge_single_line),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_utf8_fast_path_matches_icu),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_large_file_in_pieces),
        cmocka_unit_test(test_large_markup_rendered),
    };
    return cmocka_run_group_tests_name("document", tests, NULL, NULL);
}
