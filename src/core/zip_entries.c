/* Entries of a zip archive in memory, read with caps (zip_entries.h), with
 * libzip (docs/DEPENDENCIES.md). */
#include "zip_entries.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

yd_status yd_zip_open(yd_zip *z, const unsigned char *bytes, size_t length, yd_error *err)
{
    memset(z, 0, sizeof *z);
    z->max_entry = YD_ZIP_MAX_ENTRY;
    z->max_total = YD_ZIP_MAX_TOTAL;
    /* libzip opens no bytes as an archive of no entries; a file of none
     * is no archive, and each format would blame a missing part. */
    if (length == 0)
        return yd_error_set(err, YD_EFORMAT, "not a zip archive, or a damaged one");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, length, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return yd_error_set(err, YD_ENOMEM, "out of memory opening the archive");
    }
    z->archive = zip_open_from_source(src, ZIP_RDONLY, &ze);
    zip_error_fini(&ze);
    if (!z->archive) {
        zip_source_free(src);
        return yd_error_set(err, YD_EFORMAT, "not a zip archive, or a damaged one");
    }
    zip_int64_t n = zip_get_num_entries(z->archive, 0);
    if (n < 0 || n > YD_ZIP_MAX_ENTRIES) {
        yd_zip_close(z);
        return yd_error_set(err, YD_EFORMAT, "archive of %lld entries (the limit is %d)", (long long)n,
                            YD_ZIP_MAX_ENTRIES);
    }
    return YD_OK;
}

void yd_zip_close(yd_zip *z)
{
    if (z->archive)
        zip_discard(z->archive);
    memset(z, 0, sizeof *z);
}

int yd_zip_has(yd_zip *z, const char *name) { return zip_name_locate(z->archive, name, 0) >= 0; }

yd_status yd_zip_read(yd_zip *z, const char *name, char **out, size_t *length, yd_error *err)
{
    *out = NULL;
    *length = 0;
    zip_int64_t at = zip_name_locate(z->archive, name, 0);
    if (at < 0)
        return yd_error_set(err, YD_EFORMAT, "damaged archive: a part it names is missing");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->archive, (zip_uint64_t)at, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return yd_error_set(err, YD_EFORMAT, "damaged archive: an entry cannot be read");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return yd_error_set(err, YD_EFORMAT, "encrypted archive (a password or DRM protects it)");
    /* The sizes the directory claims decide before anything is expanded. */
    if (st.size > z->max_entry)
        return yd_error_set(err, YD_ETOOBIG, "zip bomb? an entry expands to %llu bytes (the limit is %zu)",
                            (unsigned long long)st.size, z->max_entry);
    if (z->expanded + st.size > z->max_total)
        return yd_error_set(err, YD_ETOOBIG, "zip bomb? the archive expands to more than %zu bytes",
                            z->max_total);
    size_t want = (size_t)st.size;
    char *buf = malloc(want + 1);
    if (!buf)
        return yd_error_set(err, YD_ENOMEM, "out of memory reading the archive");
    zip_file_t *f = zip_fopen_index(z->archive, (zip_uint64_t)at, 0);
    if (!f) {
        free(buf);
        return yd_error_set(err, YD_EFORMAT, "damaged archive: an entry cannot be read");
    }
    /* Read one byte past the claimed size: an entry that expands to more
     * than its directory says is damaged or hostile, and stops there. */
    size_t got = 0;
    char extra;
    for (;;) {
        zip_int64_t r = got < want ? zip_fread(f, buf + got, want - got) : zip_fread(f, &extra, 1);
        if (r < 0) {
            zip_fclose(f);
            free(buf);
            return yd_error_set(err, YD_EFORMAT, "damaged archive: an entry cannot be read");
        }
        if (r == 0)
            break;
        if (got == want) {
            zip_fclose(f);
            free(buf);
            return yd_error_set(err, YD_EFORMAT, "damaged archive: an entry is larger than it says");
        }
        got += (size_t)r;
    }
    zip_fclose(f);
    buf[got] = 0;
    z->expanded += got;
    *out = buf;
    *length = got;
    return YD_OK;
}

static int hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *yd_zip_resolve(const char *base, const char *href, char **fragment)
{
    if (fragment)
        *fragment = NULL;
    /* Another scheme (http:, mailto:, data:) or an absolute path is not
     * in the archive. */
    for (const char *p = href; *p && *p != '/' && *p != '#' && *p != '?'; p++)
        if (*p == ':')
            return NULL;
    if (href[0] == '/')
        return NULL;
    const char *hash = strchr(href, '#');
    size_t hlen = hash ? (size_t)(hash - href) : strlen(href);
    const char *slash = strrchr(base, '/');
    size_t blen = slash ? (size_t)(slash - base) + 1 : 0;
    char *joined = malloc(blen + hlen + 1), *out = malloc(blen + hlen + 1);
    if (!joined || !out) {
        free(joined);
        free(out);
        return NULL;
    }
    memcpy(joined, base, blen);
    size_t n = blen;
    for (size_t i = 0; i < hlen; i++) { /* %XX decoded; a query is not part of a name */
        if (href[i] == '?')
            break;
        if (href[i] == '%' && i + 2 < hlen && hex(href[i + 1]) >= 0 && hex(href[i + 2]) >= 0) {
            char c = (char)(hex(href[i + 1]) * 16 + hex(href[i + 2]));
            i += 2;
            if (c == 0) { /* no name holds a NUL */
                free(joined);
                free(out);
                return NULL;
            }
            joined[n++] = c;
        } else {
            joined[n++] = href[i];
        }
    }
    joined[n] = 0;
    /* Segments: "." dropped, ".." takes the one before, never above the root. */
    size_t o = 0;
    for (char *seg = joined; seg <= joined + n;) {
        char *end = strchr(seg, '/');
        if (!end)
            end = joined + n;
        size_t len = (size_t)(end - seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (o == 0) {
                free(joined);
                free(out);
                return NULL;
            }
            o--; /* the '/' after the previous segment */
            while (o > 0 && out[o - 1] != '/')
                o--;
        } else if (len > 0 && !(len == 1 && seg[0] == '.')) {
            memcpy(out + o, seg, len);
            o += len;
            if (end < joined + n)
                out[o++] = '/';
        }
        seg = end + 1;
    }
    out[o] = 0;
    free(joined);
    if (o == 0 || out[o - 1] == '/') { /* the root or a folder: no part */
        free(out);
        return NULL;
    }
    if (fragment && hash && hash[1]) {
        *fragment = strdup(hash + 1);
        if (!*fragment) {
            free(out);
            return NULL;
        }
    }
    return out;
}
