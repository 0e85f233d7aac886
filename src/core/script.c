/* Script display maps (include/yuedu/script.h). */
#include "yuedu/script.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "han_map.h"

enum { UNITS = 0x10000 };

typedef struct script_map {
    pthread_once_t once;
    _Atomic(UChar *) map; /* UNITS entries once built; NULL before or on failure */
    yd_status status;
    char message[256];
} script_map;

static script_map maps[2] = {{PTHREAD_ONCE_INIT, NULL, YD_OK, ""}, {PTHREAD_ONCE_INIT, NULL, YD_OK, ""}};

static void build(int which)
{
    static const UChar t2s_id[] = u"Traditional-Simplified";
    static const UChar s2t_id[] = u"Simplified-Traditional";
    script_map *m = &maps[which];
    UChar *map = malloc(UNITS * sizeof *map);
    if (!map) {
        m->status = YD_ENOMEM;
        snprintf(m->message, sizeof m->message, "out of memory");
        return;
    }
    for (int32_t c = 0; c < UNITS; c++)
        map[c] = (UChar)c;
    yd_error err = {0};
    m->status = yd_han_translit_map(which == 0 ? t2s_id : s2t_id, map, &err);
    if (m->status != YD_OK) {
        snprintf(m->message, sizeof m->message, "%s", err.message);
        free(map);
        return;
    }
    /* Kept for the life of the process: display may need it until exit. */
    atomic_store(&m->map, map);
}

static void build_simplified(void) { build(0); }
static void build_traditional(void) { build(1); }

yd_status yd_script_prepare(yd_script_display to, yd_error *err)
{
    if (to != YD_SCRIPT_SIMPLIFIED && to != YD_SCRIPT_TRADITIONAL)
        return YD_OK;
    int which = to == YD_SCRIPT_SIMPLIFIED ? 0 : 1;
    pthread_once(&maps[which].once, which == 0 ? build_simplified : build_traditional);
    if (maps[which].status != YD_OK)
        return yd_error_set(err, maps[which].status, "%s", maps[which].message);
    return YD_OK;
}

uint32_t yd_script_char(uint32_t c, yd_script_display to)
{
    if (c >= UNITS || (to != YD_SCRIPT_SIMPLIFIED && to != YD_SCRIPT_TRADITIONAL))
        return c;
    const UChar *map = atomic_load_explicit(&maps[to == YD_SCRIPT_SIMPLIFIED ? 0 : 1].map, memory_order_acquire);
    return map ? map[c] : c;
}

static const char *const names[] = {"original", "simplified", "traditional"};

const char *yd_script_name(yd_script_display to)
{
    return (unsigned)to < sizeof names / sizeof names[0] ? names[to] : NULL;
}

int yd_script_from_name(const char *name)
{
    for (int k = 0; k < (int)(sizeof names / sizeof names[0]); k++)
        if (name && strcmp(name, names[k]) == 0)
            return k;
    return -1;
}
