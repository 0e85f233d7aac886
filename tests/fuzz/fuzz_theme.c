/* libFuzzer target: theme parsing (yd_theme_parse) and resolving every
 * style at every colour depth, with the direct-colour numbers of the
 * 24-bit ones. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/problems.h"
#include "yuedu/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_theme theme;
    yd_problems problems;
    yd_error err = {0};
    memset(&theme, 0, sizeof theme);
    yd_problems_init(&problems);
    if (yd_theme_parse(&theme, "fuzz", (const char *)data, size, &problems, &err) == YD_OK) {
        for (int s = 0; s < YD_STYLE_COUNT; s++)
            for (int d = YD_DEPTH_MONO; d <= YD_DEPTH_TRUE; d++) {
                yd_resolved_style r;
                yd_theme_resolve(&theme, (yd_style)s, (yd_color_depth)d, &r);
                /* A direct-colour number is -1 (default), 0-7 or 8..0xffffff. */
                int fg = yd_color_direct_value(r.fg), bg = yd_color_direct_value(r.bg);
                if (d == YD_DEPTH_TRUE && (fg < -1 || fg > 0xffffff || bg < -1 || bg > 0xffffff))
                    abort();
            }
    }
    char buf[1024];
    for (size_t k = 0; k < problems.count; k++)
        (void)yd_problem_format(&problems.items[k], buf, sizeof buf);
    yd_problems_free(&problems);
    yd_theme_free(&theme);
    return 0;
}
