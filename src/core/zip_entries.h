/* Private to the converters of zipped formats (epub.c, docx.c): the entries
 * of a zip archive held in memory, read by name with caps, so that a
 * hostile archive costs a bounded amount of memory and time.
 *
 * Entry names are only ever looked up in the archive's own directory, never
 * used as paths of the file system. */
#ifndef YUEDU_ZIP_ENTRIES_H
#define YUEDU_ZIP_ENTRIES_H

#include <stddef.h>

#include "yuedu/status.h"

/* What one archive may make us read (docs/FORMATS.md): no entry larger
 * than this once expanded, no more than this expanded in all, no more
 * entries than this. */
#define YD_ZIP_MAX_ENTRY ((size_t)64 << 20)
#define YD_ZIP_MAX_TOTAL ((size_t)256 << 20)
#define YD_ZIP_MAX_ENTRIES 100000

typedef struct yd_zip {
    struct zip *archive;
    size_t expanded; /* bytes read out of it so far */
    size_t max_entry, max_total; /* the caps: YD_ZIP_MAX_ENTRY and _TOTAL
                                    (a test may lower them) */
} yd_zip;

/* Open the archive in bytes[0..length) (not copied: bytes must outlive z).
 * YD_EFORMAT with a message when it is no zip archive. */
yd_status yd_zip_open(yd_zip *z, const unsigned char *bytes, size_t length, yd_error *err);
void yd_zip_close(yd_zip *z);

/* Is there an entry of this exact name? */
int yd_zip_has(yd_zip *z, const char *name);

/* The whole entry of this exact name, NUL-terminated (*out to free), its
 * size in *length. YD_EFORMAT when there is none or it cannot be read
 * (encrypted, damaged), YD_ETOOBIG past a cap: err says which. */
yd_status yd_zip_read(yd_zip *z, const char *name, char **out, size_t *length, yd_error *err);

/* A href of a part (relative to the folder of the part named base, with
 * %XX escapes and without its #fragment) as the name of an entry: "." and
 * ".." resolved inside the archive, never above its root. NULL when out
 * of memory or the href points outside the archive (a scheme, an absolute
 * path). *fragment (may be NULL) gets the fragment, to free. */
char *yd_zip_resolve(const char *base, const char *href, char **fragment);

#endif
