/* The theme's styles as curses attributes, and terminals without colour. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static int curses_color(yd_color c)
{
    if (c.kind == YD_COLOR_INDEX && (int)c.value < COLORS)
        return (int)c.value;
    return -1; /* the terminal's own colour */
}

/* The theme's styles as curses attributes: pair k+1 for style k. The
 * palette depth follows the terminfo entry: 8 or 256 colours, or 24-bit
 * when it has direct colour (xterm-direct, tmux-direct: COLORS is 2^24 and
 * a colour number is 0xRRGGBB, given through init_extended_pair).
 * COLORTERM alone never turns 24-bit on: the entry says how to ask for it
 * (docs/CONFIG.md, "Truecolour"). */
void app_init_styles(app *a)
{
    const tui_settings *ts = a->settings;
    int color = has_colors() && !ts->no_color;
    if (color && !a->colors_started) { /* COLORS is known only after start_color */
        start_color();
        use_default_colors();
        a->colors_started = 1;
    }
    yd_color_depth depth = color ? yd_color_depth_detect(COLORS, false) : YD_DEPTH_MONO;
    for (int k = 0; k < YD_STYLE_COUNT; k++) {
        yd_resolved_style r;
        yd_theme_resolve(a->theme, (yd_style)k, depth, &r);
        attr_t at = A_NORMAL;
        if (r.attrs & YD_ATTR_BOLD) at |= A_BOLD;
        if (r.attrs & YD_ATTR_DIM) at |= A_DIM;
        if (r.attrs & YD_ATTR_UNDERLINE) at |= A_UNDERLINE;
        if (r.attrs & YD_ATTR_REVERSE) at |= A_REVERSE;
        if (r.attrs & YD_ATTR_ITALIC) at |= A_ITALIC;
        int fg, bg;
        if (depth == YD_DEPTH_TRUE) {
            fg = yd_color_direct_value(r.fg);
            bg = yd_color_direct_value(r.bg);
        } else {
            fg = curses_color(r.fg);
            bg = curses_color(r.bg);
        }
        if (color && depth != YD_DEPTH_MONO && (fg >= 0 || bg >= 0) && init_extended_pair(k + 1, fg, bg) == OK)
            at |= COLOR_PAIR(k + 1);
        else if (color && depth != YD_DEPTH_MONO) /* after :theme, a pair no style uses any more */
            init_extended_pair(k + 1, -1, -1);
        a->styles[k] = at;
    }
}

/* A terminal without colours (vt100, xterm-mono) would drop every colour
 * of a colour theme, and with them the search hits and the divider: it
 * gets the mono theme (the user's, else the bundled one), as NO_COLOR does. */
void app_colourless_terminal(app *a)
{
    if (has_colors() || a->settings->no_color || (a->theme->name && strcmp(a->theme->name, "mono") == 0))
        return;
    yd_theme t;
    yd_problems problems;
    yd_problems_init(&problems);
    if (yd_theme_load(&t, "mono", a->settings->themes_dir, NULL, &problems, NULL) == YD_OK) {
        a->own_theme = t;
        a->own_theme_set = 1;
        a->theme = &a->own_theme;
    } else {
        yd_theme_free(&t);
    }
    yd_problems_free(&problems);
}
