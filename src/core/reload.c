/* Files that change while open; see include/yuedu/reload.h. */
#include "yuedu/reload.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static int same_text(const yd_document *a, const yd_document *b)
{
    return a->length == b->length && memcmp(a->text, b->text, (size_t)a->length * sizeof *a->text) == 0;
}

yd_anchor_match yd_reload_follow(const yd_document *old, int32_t offset, const yd_document *fresh,
                                 int32_t *new_offset)
{
    yd_anchor anchor;
    if (yd_anchor_capture(&anchor, old, offset, NULL) != YD_OK) {
        *new_offset = offset < 0 ? 0 : offset > fresh->length ? fresh->length : offset;
        return YD_ANCHOR_STALE;
    }
    yd_anchor_match m = yd_anchor_locate(&anchor, fresh, NULL, new_offset);
    yd_anchor_free(&anchor);
    return m;
}

yd_reload_result yd_reload_check(yd_document *doc, const yd_load_options *options, int32_t offset,
                                 yd_document *fresh, int32_t *new_offset, yd_anchor_match *match, yd_error *err)
{
    memset(fresh, 0, sizeof *fresh);
    *new_offset = offset;
    *match = YD_ANCHOR_EXACT;
    struct stat st;
    if (stat(doc->path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return YD_RELOAD_GONE;
        yd_error_set(err, YD_EIO, "cannot open: %s", strerror(errno));
        return YD_RELOAD_FAILED;
    }
    yd_file_stamp now;
    yd_file_stamp_of(&st, &now);
    if (yd_file_stamp_same(&now, &doc->stamp))
        return YD_RELOAD_NONE;
    yd_status ls = yd_document_load(fresh, doc->path, options, err);
    if (ls != YD_OK) {
        if (ls != YD_ENOMEM)
            doc->stamp = now; /* told once; read again when it changes again */
        return YD_RELOAD_FAILED;
    }
    if (same_text(doc, fresh)) {
        doc->stamp = fresh->stamp;
        yd_document_free(fresh);
        return YD_RELOAD_NONE;
    }
    *match = yd_reload_follow(doc, offset, fresh, new_offset);
    return YD_RELOAD_NEW_TEXT;
}
