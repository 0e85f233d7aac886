/* The outline path of a place and the title of its document (outline_path.h). */
#include <stdlib.h>
#include <string.h>

#include "yuedu/outline_path.h"
#include "yuedu/utf8_text.h"

char *yd_outline_path_utf8(const yd_document *doc, const yd_outline *o, int32_t offset)
{
    int32_t chain[16], depth = 0;
    for (int32_t p = yd_outline_node_at(o, offset); p >= 0 && depth < 16; p = o->nodes[p].parent)
        if (o->nodes[p].kind != YD_NODE_ITEM)
            chain[depth++] = p;
    UChar path[1024];
    int32_t n = 0;
    UChar title[128];
    while (depth-- > 0 && n + 3 + 128 < 1024) {
        if (n) {
            path[n++] = u' ';
            path[n++] = 0x203A;
            path[n++] = u' ';
        }
        int32_t len = yd_outline_node_title(doc, &o->nodes[chain[depth]], title, 128);
        len = len < 128 ? len : 128;
        memcpy(path + n, title, (size_t)len * sizeof *title);
        n += len;
    }
    if (n == 0)
        return strdup("");
    return yd_utf8_of_utf16(path, n, NULL);
}

char *yd_document_title_utf8(const yd_document *doc, const yd_outline *o)
{
    if (o->title_start >= 0 && o->title_length > 0) {
        UChar u[256];
        int32_t n = yd_outline_clean_title(doc->text, o->title_start, o->title_length, u, 256);
        if (n > 0)
            return yd_utf8_of_utf16(u, n < 256 ? n : 256, NULL);
    }
    const char *slash = strrchr(doc->path, '/');
    return strdup(slash ? slash + 1 : doc->path);
}
