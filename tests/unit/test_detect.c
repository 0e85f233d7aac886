/* Encoding detection and decoding: every fixture in tests/fixtures/encodings
 * (listed in its MANIFEST.tsv with the expected encoding, replacement count
 * and line count) must be detected without being told, and decode to the
 * text in expected/NAME.utf8. */
#include "test_util.h"
#include "yuedu/decode.h"
#include "yuedu/detect.h"
#include "yuedu/document.h"

static yd_encoding_kind detect_str(const char *s, size_t n)
{
    yd_encoding enc;
    yd_detect_encoding((const unsigned char *)s, n, &enc);
    return enc.kind;
}

static void test_boms(void **state)
{
    (void)state;
    assert_int_equal(detect_str("\xEF\xBB\xBFhi", 5), YD_ENC_UTF8_BOM);
    assert_int_equal(detect_str("\xFF\xFEh\0", 4), YD_ENC_UTF16LE);
    assert_int_equal(detect_str("\xFE\xFF\0h", 4), YD_ENC_UTF16BE);
    yd_encoding enc;
    yd_detect_encoding((const unsigned char *)"\xFF\xFEh\0", 4, &enc);
    assert_int_equal(enc.bom_length, 2);
}

static void test_short_inputs_decided_sensibly(void **state)
{
    (void)state;
    assert_int_equal(detect_str("", 0), YD_ENC_UTF8);
    assert_int_equal(detect_str("hello", 5), YD_ENC_UTF8);
    assert_int_equal(detect_str("ab", 2), YD_ENC_UTF8); /* not U+6261 in UTF-16 */
    assert_int_equal(detect_str("\xE4\xB8\xAD", 3), YD_ENC_UTF8);      /* 中 */
    assert_int_equal(detect_str("\xD6\xD0\xCE\xC4", 4), YD_ENC_GB18030); /* 中文 GBK */
    assert_int_equal(detect_str("\xBE\x5C\xC5\xAA", 4), YD_ENC_BIG5);    /* 閱讀 Big5 */
    assert_int_equal(detect_str("\xA4\xA4\xA4\xE5", 4), YD_ENC_BIG5);    /* 中文 Big5 */
    assert_int_equal(detect_str("\x2D\x4E\x87\x65", 4), YD_ENC_UTF16LE); /* 中文, no ASCII */
}

static void test_costs(void **state)
{
    (void)state;
    const unsigned char overlong[] = {0xC0, 0xAF}, surrogate[] = {0xED, 0xA0, 0x80};
    assert_int_equal(yd_detect_cost_utf8((const unsigned char *)"plain", 5), 0);
    assert_true(yd_detect_cost_utf8(overlong, 2) > 0);
    assert_true(yd_detect_cost_utf8(surrogate, 3) > 0);
    /* GB2312 level 1 costs nothing in GB18030 and something in Big5. */
    const unsigned char gb[] = {0xD6, 0xD0, 0xCA, 0xC7}; /* 中是 */
    assert_int_equal(yd_detect_cost_gb18030(gb, sizeof gb), 0);
    assert_true(yd_detect_cost_big5(gb, sizeof gb) > 0);
    /* A GB18030 four-byte sequence is valid, a broken one is an error. */
    const unsigned char four[] = {0x95, 0x32, 0x82, 0x36}, broken[] = {0x95, 0x32, 0x20, 0x20};
    assert_true(yd_detect_cost_gb18030(four, 4) < yd_detect_cost_gb18030(broken, 4));
    /* GB18030 has no lead byte 0x80 (nor 0xFF): an error, the same as 0xFF,
     * not a rare two-byte character with the 'A' after it. */
    assert_true(yd_detect_cost_gb18030((const unsigned char *)"\x80" "A", 2) > 0);
    assert_int_equal(yd_detect_cost_gb18030((const unsigned char *)"\x80" "A", 2),
                     yd_detect_cost_gb18030((const unsigned char *)"\xFF" "A", 2));
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char noise[4096];
    uint32_t x = 12345;
    for (size_t k = 0; k < sizeof noise; k++) {
        x = x * 1103515245u + 12345u;
        noise[k] = (unsigned char)(x >> 16);
    }
    yd_encoding enc;
    yd_detect_encoding(noise, sizeof noise, &enc);
    assert_int_equal(enc.kind, YD_ENC_BINARY);
    assert_int_equal(detect_str("%PDF-1.7\n", 9), YD_ENC_BINARY);
    assert_int_equal(detect_str("\x7f" "ELF\2\1\1\0\0\0", 10), YD_ENC_BINARY);
    /* A stray NUL in a long text does not make it binary. */
    char text[400];
    memset(text, 'a', sizeof text);
    text[100] = '\0';
    assert_int_equal(detect_str(text, sizeof text), YD_ENC_UTF8);
    /* Nor in a short one: a stray NUL or two is no density. */
    static const char note[] = "第一条 空\0字节\n";
    assert_int_equal(detect_str(note, sizeof note - 1), YD_ENC_UTF8);
    static const char two[] = "第一条 空\0字节，第二个\0在这里。\n";
    assert_int_equal(detect_str(two, sizeof two - 1), YD_ENC_UTF8);
}

static void test_encoding_names(void **state)
{
    (void)state;
    yd_encoding enc;
    yd_error err = {0};
    assert_int_equal(yd_encoding_from_name("gbk", &enc, &err), YD_OK);
    assert_int_equal(enc.kind, YD_ENC_GB18030);
    assert_int_equal(yd_encoding_from_name("BIG5", &enc, &err), YD_OK);
    assert_int_equal(enc.kind, YD_ENC_BIG5);
    assert_int_equal(yd_encoding_from_name("ISO-8859-1", &enc, &err), YD_OK);
    assert_int_equal(enc.kind, YD_ENC_NAMED);
    assert_int_equal(yd_encoding_from_name("klingon-8", &enc, &err), YD_EENCODING);
    assert_string_equal(err.message, "unknown encoding 'klingon-8'");
}

static void test_utf16_unpaired_surrogate_replaced(void **state)
{
    (void)state;
    const unsigned char bytes[] = {0xFF, 0xFE, 0x2D, 0x4E, 0x00, 0xD8, 0x41, 0x00, 0x42};
    yd_encoding enc;
    yd_detect_encoding(bytes, sizeof bytes, &enc);
    yd_utf16 out;
    assert_int_equal(yd_decode(bytes, sizeof bytes, &enc, &out, NULL), YD_OK);
    assert_int_equal(out.length, 4);
    assert_int_equal(out.units[1], 0xFFFD); /* lone high surrogate */
    assert_int_equal(out.units[3], 0xFFFD); /* dangling odd byte */
    assert_int_equal(out.replacements, 2);
    yd_utf16_free(&out);
}

/* Every fixture of the manifest. */
static void test_fixtures(void **state)
{
    (void)state;
    size_t mlen;
    char *manifest = (char *)slurp(fixture("encodings/MANIFEST.tsv"), &mlen);
    int checked = 0;
    for (char *line = strtok(manifest, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0])
            continue;
        char file[256], encoding[64], repl[32], lines[32];
        if (sscanf(line, "%255[^\t]\t%63[^\t]\t%31[^\t]\t%31s", file, encoding, repl, lines) != 4)
            fail_msg("bad manifest row: %s", line);
        char path[512];
        snprintf(path, sizeof path, "encodings/%s", file);
        size_t n;
        unsigned char *bytes = slurp(fixture(path), &n);
        yd_document doc;
        yd_error err = {0};
        yd_status st = yd_document_from_bytes(&doc, file, bytes, n, NULL, &err);
        if (strcmp(encoding, "binary") == 0) {
            if (st != YD_EBINARY)
                fail_msg("%s: want binary, got status %d", file, st);
        } else {
            if (st != YD_OK)
                fail_msg("%s: %s", file, err.message);
            if (strcmp(doc.encoding.name, encoding) != 0)
                fail_msg("%s: detected %s, want %s", file, doc.encoding.name, encoding);
            if (doc.replacements != strtoul(repl, NULL, 10))
                fail_msg("%s: %zu replacements, want %s", file, doc.replacements, repl);
            if (doc.line_count != atoi(lines))
                fail_msg("%s: %d lines, want %s", file, (int)doc.line_count, lines);
            snprintf(path, sizeof path, "encodings/expected/%s.utf8", file);
            size_t wn;
            char *want = (char *)slurp(fixture(path), &wn);
            size_t gn;
            char *got = utf8_of_n(doc.text, doc.length, &gn);
            if (gn != wn || memcmp(got, want, wn) != 0)
                fail_msg("%s: decoded text differs from expected/%s.utf8", file, file);
            free(got);
            free(want);
            yd_document_free(&doc);
        }
        free(bytes);
        checked++;
    }
    free(manifest);
    assert_true(checked >= 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boms),
        cmocka_unit_test(test_short_inputs_decided_sensibly),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_encoding_names),
        cmocka_unit_test(test_utf16_unpaired_surrogate_replaced),
        cmocka_unit_test(test_fixtures),
    };
    return cmocka_run_group_tests_name("detect", tests, NULL, NULL);
}
