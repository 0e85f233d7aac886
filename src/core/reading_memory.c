/* Where the reader left each document during this run
 * (yuedu/reading_memory.h). */
#include "yuedu/reading_memory.h"

#include <stdlib.h>
#include <string.h>

#include "yuedu/corpus.h"    /* yd_absolute_path */

yd_status yd_reading_memory_init(yd_reading_memory *m, size_t count)
{
    m->count = 0;
    m->left = malloc((count ? count : 1) * sizeof *m->left);
    if (!m->left)
        return YD_ENOMEM;
    for (size_t k = 0; k < count; k++)
        m->left[k] = -1;
    m->count = count;
    return YD_OK;
}

void yd_reading_memory_free(yd_reading_memory *m)
{
    free(m->left);
    m->left = NULL;
    m->count = 0;
}

void yd_reading_memory_leave(yd_reading_memory *m, size_t doc, int32_t offset)
{
    if (doc < m->count)
        m->left[doc] = offset < 0 ? 0 : offset;
}

yd_resume_from yd_reading_memory_resume(const yd_reading_memory *m, const yd_state *state, size_t doc,
                                        const yd_document *d, int32_t *offset)
{
    *offset = 0;
    if (doc < m->count && m->left[doc] >= 0) {
        /* The text may have been reloaded shorter since. */
        *offset = m->left[doc] <= d->length ? m->left[doc] : d->length;
        return YD_RESUME_RUN;
    }
    if (state && yd_state_get_position(state, d, offset) && *offset > 0 && *offset <= d->length)
        return YD_RESUME_SAVED;
    *offset = 0;
    return YD_RESUME_START;
}

static int is_document(const char *path, const char *document)
{
    char *abs = yd_absolute_path(path);
    int same = abs && strcmp(abs, document) == 0;
    free(abs);
    return same;
}

static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int yd_reading_find_document(const char *const *paths, size_t n, const char *document, size_t hint, size_t *out)
{
    if (hint < n && is_document(paths[hint], document)) {
        *out = hint;
        return 1;
    }
    const char *name = file_name(document);
    for (size_t k = 0; k < n; k++)
        if (k != hint && strcmp(file_name(paths[k]), name) == 0 && is_document(paths[k], document)) {
            *out = k;
            return 1;
        }
    return 0;
}

int yd_reading_resume_candidate(const yd_state *s, const char *const *paths, size_t n)
{
    enum { SHIFT = 8 }; /* files before it that failed to load then */
    for (size_t c = 0; c < s->ncorpora; c++) {
        const yd_state_corpus *corpus = &s->corpora[c];
        const char *name = file_name(corpus->document);
        for (size_t k = corpus->index; k < n && k <= corpus->index + SHIFT; k++)
            if (strcmp(file_name(paths[k]), name) == 0 && is_document(paths[k], corpus->document))
                return 1;
    }
    return 0;
}
