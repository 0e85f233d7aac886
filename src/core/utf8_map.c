/* Mapping a UTF-8 file for byte scanning (yuedu/utf8_map.h). */
#include "yuedu/utf8_map.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yuedu/byte_search.h"
#include "yuedu/decode.h"
#include "yuedu/detect.h"
#include "yuedu/format.h"
#include "yuedu/purify.h"

/* Formats whose document text is the file's text as it is. Formats with a
 * loader of their own (a markup turned into text: Markdown, HTML) must not
 * be here: their hits are in the rendered text, without the markers. */
static int plain_format(const char *path)
{
    return yd_format_of_path(path) == YD_FORMAT_TEXT;
}

int yd_utf8_map_open(yd_utf8_map *map, const char *path, const yd_load_options *options)
{
    memset(map, 0, sizeof *map);
    if (!plain_format(path) || (options && options->purify && options->purify->count > 0))
        return 0; /* purify rules may rewrite the text: it is not the file's bytes */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (size_t)st.st_size > YD_DECODE_MAX_BYTES) {
        close(fd);
        return 0;
    }
    size_t size = (size_t)st.st_size;
    void *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
        return 0;
    /* Read once, front to back: let the kernel read ahead and map pages
     * in large runs. */
    madvise(base, size, MADV_SEQUENTIAL);
    yd_encoding enc;
    if (options && options->encoding) {
        if (yd_encoding_from_name(options->encoding, &enc, NULL) != YD_OK)
            enc.kind = YD_ENC_BINARY;
    } else {
        yd_detect_encoding(base, size, &enc);
    }
    if (enc.kind != YD_ENC_UTF8 && enc.kind != YD_ENC_UTF8_BOM) {
        munmap(base, size);
        return 0;
    }
    size_t start = yd_utf8_text_start(base, size, enc.bom_length);
    map->base = base;
    map->size = size;
    map->text = (const unsigned char *)base + start;
    map->length = size - start;
    return 1;
}

void yd_utf8_map_close(yd_utf8_map *map)
{
    if (map->base)
        munmap(map->base, map->size);
    memset(map, 0, sizeof *map);
}

void yd_utf8_map_release(const yd_utf8_map *map, size_t from, size_t to)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0 || to <= from)
        return;
    uintptr_t base = (uintptr_t)map->base, lo = (uintptr_t)(map->text + from), hi = (uintptr_t)(map->text + to);
    lo = (lo + (uintptr_t)page - 1) & ~((uintptr_t)page - 1); /* whole pages inside the range only */
    hi &= ~((uintptr_t)page - 1);
    if (hi > lo && lo >= base)
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
}
