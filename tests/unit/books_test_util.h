/* Shared by the unit tests of zipped formats (test_epub.c, test_docx.c):
 * the books of tests/fixtures/formats/make-books.py written into a
 * temporary folder once, and loaded by name; small archives built in C
 * (tests/zip_build.h). Include after test_util.h and markup_test_util.h. */
#ifndef YUEDU_TEST_BOOKS_UTIL_H
#define YUEDU_TEST_BOOKS_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "../zip_build.h"
#include "yuedu/document.h"

static char *books_dir;

/* Write the books (and with hostile, the hostile archives) once. */
static inline const char *books(int hostile)
{
    static int written[2];
    if (!books_dir)
        books_dir = make_temp_dir();
    if (!written[hostile]) {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "python3 '%s' %s '%s'", fixture("formats/make-books.py"),
                 hostile ? "--hostile" : "", books_dir);
        if (system(cmd) != 0)
            fail_msg("%s failed", cmd);
        written[hostile] = 1;
    }
    return books_dir;
}

/* Load a book of the folder; the status, and err filled. */
static inline yd_status load_book(yd_document *d, const char *name, int hostile, yd_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", books(hostile), name);
    return yd_document_load(d, path, NULL, err);
}

/* An archive of n parts in memory loaded as a file named as. */
static inline yd_status load_parts(yd_document *d, const char *as, int n, const char *const *names,
                                   const char *const *data, yd_error *err)
{
    size_t lengths[16], size = 0;
    for (int k = 0; k < n; k++)
        lengths[k] = strlen(data[k]);
    unsigned char *zip = zb_build(n, names, data, lengths, 1, &size);
    assert_non_null(zip);
    yd_status st = yd_document_from_bytes(d, as, zip, size, NULL, err);
    free(zip);
    return st;
}

/* The text lines of d that are not blank, joined by newlines (to free). */
static inline char *paragraphs(const yd_document *d)
{
    size_t cap = 1, n = 0;
    char *all = calloc(1, 1);
    for (int32_t k = 0; k < d->line_count && all; k++) {
        char *l = line_of(d, k);
        const char *s = l;
        while (*s == ' ')
            s++;
        if (*s) {
            size_t len = strlen(s);
            char *bigger = realloc(all, cap + len + 1);
            if (bigger) {
                all = bigger;
                memcpy(all + n, s, len);
                n += len;
                all[n++] = '\n';
                all[n] = 0;
                cap = n + 1;
            }
        }
        free(l);
    }
    return all;
}

static inline int books_cleanup(void **state)
{
    (void)state;
    if (books_dir)
        rm_rf(books_dir);
    free(books_dir);
    books_dir = NULL;
    return 0;
}

#endif
