/* The compiled-in themes (theme_builtin.c, generated). Internal to the core. */
#ifndef YUEDU_THEME_BUILTIN_H
#define YUEDU_THEME_BUILTIN_H

/* The YAML text of built-in theme name ("default", "mono"), or NULL. */
const char *yd_theme_builtin_source(const char *name);

#endif
