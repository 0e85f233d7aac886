/* Shared by the unit tests and fuzz targets of zipped formats: a zip
 * archive built in memory with libzip from named parts, stored (not
 * compressed) unless asked, so that a test writes its book in C and a fuzz
 * target mutates the parts' XML rather than deflated bytes. */
#ifndef YUEDU_TESTS_ZIP_BUILD_H
#define YUEDU_TESTS_ZIP_BUILD_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The archive of n parts (names[k], data[k] of lengths[k] bytes), *size
 * its bytes; NULL on failure. deflate: compress the parts. */
static inline unsigned char *zb_build(int n, const char *const *names, const char *const *data,
                                      const size_t *lengths, int deflate, size_t *size)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!mem)
        return NULL;
    zip_source_keep(mem);
    zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
    if (!za) {
        zip_source_free(mem);
        return NULL;
    }
    for (int k = 0; k < n; k++) {
        if (lengths[k] == 0 && !deflate)
            continue; /* an empty part of a fuzz input: no such entry */
        zip_source_t *s = zip_source_buffer(za, data[k], lengths[k], 0);
        zip_int64_t at = s ? zip_file_add(za, names[k], s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
        if (at < 0) {
            zip_source_free(s);
            continue;
        }
        zip_set_file_compression(za, (zip_uint64_t)at, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    unsigned char *out = NULL;
    zip_stat_t st;
    if (zip_close(za) != 0) {
        zip_discard(za);
    } else if (zip_source_stat(mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(mem) == 0) {
        out = malloc(st.size + 1);
        if (out && zip_source_read(mem, out, st.size) == (zip_int64_t)st.size) {
            *size = st.size;
        } else {
            free(out);
            out = NULL;
        }
        zip_source_close(mem);
    }
    zip_source_free(mem);
    return out;
}

/* Parts separated by NUL bytes in data[0..size), named by names in order
 * (the rest dropped): the form of the fuzz targets' inputs. */
static inline unsigned char *zb_build_split(const unsigned char *data, size_t size, int n, const char *const *names,
                                            size_t *out_size)
{
    const char *parts[16];
    size_t lengths[16];
    int k = 0;
    size_t at = 0;
    while (k < n && k < 16 && at <= size) {
        const unsigned char *end = memchr(data + at, 0, size - at);
        size_t len = end ? (size_t)(end - (data + at)) : size - at;
        parts[k] = (const char *)data + at;
        lengths[k] = len;
        k++;
        at += len + 1;
        if (!end)
            break;
    }
    return zb_build(k, names, parts, lengths, 0, out_size);
}

#endif
