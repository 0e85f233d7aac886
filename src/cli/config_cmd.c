/* --check-config, and reading the configuration and theme for the other
 * modes (the problems go to stderr, and the defaults are used). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/config.h"
#include "yuedu/theme.h"

/* Print each problem on out, prefix (may be "") first. */
static void print_problems(FILE *out, const char *prefix, const yd_problems *problems)
{
    char line[1024];
    for (size_t i = 0; i < problems->count; i++) {
        fputs(prefix, out);
        cli_put_sanitized(out, yd_problem_format(&problems->items[i], line, sizeof line));
        fputc('\n', out);
    }
    if (problems->dropped)
        fprintf(out, ngettext("%s... and %zu more problem\n", "%s... and %zu more problems\n", problems->dropped), prefix,
                problems->dropped);
}

int cli_load_settings(const char *config_path, const char *theme_option, int no_color, yd_config *config,
                      yd_theme *theme, yd_problems *problems)
{
    yd_error err = {0};
    if (yd_config_load(config, config_path, problems, &err) != YD_OK)
        return -1;
    char themes[PATH_MAX];
    const char *data_dir = cli_find_themes(themes, sizeof themes) == 0 ? themes : NULL;
    const char *name = yd_theme_choose(theme_option ? theme_option : config->theme, yd_no_color(no_color));
    yd_origin origin = {config->path, config->theme_line, config->theme_column};
    if (yd_theme_load(theme, name, data_dir, theme_option || !config->theme_line ? NULL : &origin, problems, &err) !=
        YD_OK)
        return -1;
    return 0;
}

int cli_read_config(const char *config_path, yd_config *config)
{
    yd_problems problems;
    yd_error err = {0};
    yd_problems_init(&problems);
    int rc = yd_config_load(config, config_path, &problems, &err) == YD_OK ? 0 : -1;
    print_problems(stderr, "yuedu: ", &problems);
    yd_problems_free(&problems);
    if (rc != 0)
        fputs(_("yuedu: out of memory\n"), stderr);
    return rc;
}

int cli_read_settings(const char *config_path, const char *theme_option, int no_color, yd_config *config,
                      yd_theme *theme, yd_problems *problems)
{
    yd_problems_init(problems);
    int rc = cli_load_settings(config_path, theme_option, no_color, config, theme, problems);
    print_problems(stderr, "yuedu: ", problems);
    if (rc != 0)
        fputs(_("yuedu: out of memory\n"), stderr);
    return rc;
}

int cli_check_config(const char *config_path, const char *theme_option, int no_color)
{
    yd_config config;
    yd_theme theme;
    yd_problems problems;
    yd_problems_init(&problems);
    memset(&theme, 0, sizeof theme);
    int rc = cli_load_settings(config_path, theme_option, no_color, &config, &theme, &problems);
    char where[PATH_MAX];
    const char *path = config_path;
    if (!path && yd_config_default_path(where, sizeof where) == 0)
        path = where;
    int code = EXIT_OK;
    if (rc != 0) {
        fputs(_("yuedu: out of memory\n"), stderr);
        code = EXIT_NOTHING;
    } else if (yd_problems_total(&problems) > 0) {
        print_problems(stdout, "", &problems);
        code = EXIT_NOTHING;
    } else {
        FILE *f = path ? fopen(path, "r") : NULL;
        if (f) {
            fclose(f);
            cli_put_sanitized(stdout, path);
            fputs(_(": no problems\n"), stdout);
        } else {
            fputs(_("no configuration file"), stdout);
            if (path) {
                fputs(" (", stdout);
                cli_put_sanitized(stdout, path);
                fputs(")", stdout);
            }
            fputs(_("; the defaults are used\n"), stdout);
        }
        fputs(_("theme "), stdout);
        cli_put_sanitized(stdout, theme.name ? theme.name : "?");
        fputs(theme.path ? _(" (") : _(" (built in"), stdout);
        if (theme.path)
            cli_put_sanitized(stdout, theme.path);
        fputs(_("): no problems\n"), stdout);
    }
    yd_problems_free(&problems);
    yd_config_free(&config);
    yd_theme_free(&theme);
    return code;
}
