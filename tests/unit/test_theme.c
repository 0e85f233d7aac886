/* Themes: every bundled theme reads without a problem, the compiled-in
 * copies match the files, user themes take precedence over bundled ones,
 * NO_COLOR picks mono, resolution at each colour depth, and every kind of
 * problem in a theme file with its line and column. */
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/config.h"
#include "yuedu/theme.h"

const char *yd_theme_builtin_source(const char *name); /* src/core/theme_builtin.h */

static char themes_dir[1024];

static int setup(void **state)
{
    (void)state;
    snprintf(themes_dir, sizeof themes_dir, "%s/themes", YD_SOURCE_DIR);
    return 0;
}

static void report_of(const yd_problems *p, char *out, size_t size)
{
    out[0] = 0;
    for (size_t i = 0; i < p->count; i++) {
        char line[700];
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s\n", yd_problem_format(&p->items[i], line, sizeof line));
    }
}

static yd_theme parse(const char *text, char *report, size_t size)
{
    yd_theme t;
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    assert_int_equal(yd_theme_parse(&t, "t.yaml", text, strlen(text), &p, &err), YD_OK);
    report_of(&p, report, size);
    yd_problems_free(&p);
    return t;
}

static void test_bundled_themes(void **state)
{
    (void)state;
    DIR *dir = opendir(themes_dir);
    assert_non_null(dir);
    int n = 0;
    bool seen_required[4] = {false};
    static const char *const required[4] = {"default", "light", "high-contrast", "mono"};
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(len - 5), e->d_name);
        yd_theme t;
        yd_problems p;
        yd_problems_init(&p);
        yd_error err = {0};
        setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
        assert_int_equal(yd_theme_load(&t, name, themes_dir, NULL, &p, &err), YD_OK);
        char report[8192];
        report_of(&p, report, sizeof report);
        if (p.count)
            fail_msg("theme %s:\n%s", name, report);
        assert_string_equal(t.name, name);
        assert_non_null(t.path);
        assert_non_null(t.description);
        /* Every style a reader needs is there, and the file says its name. */
        assert_true(t.styles[YD_STYLE_TEXT].defined);
        for (int s = 0; s < YD_STYLE_COUNT; s++)
            if (s < YD_STYLE_HEADING4 || s > YD_STYLE_HEADING6)
                if (!t.styles[s].defined)
                    fail_msg("theme %s lacks %s", name, yd_style_name((yd_style)s));
        for (int k = 0; k < 4; k++)
            seen_required[k] |= strcmp(name, required[k]) == 0;
        /* Colour themes give all three forms of each colour they use. */
        for (int s = 0; s < YD_STYLE_COUNT; s++)
            for (int part = 0; part < 2; part++) {
                const yd_color *forms = part ? t.styles[s].bg : t.styles[s].fg;
                bool any = forms[0].kind || forms[1].kind || forms[2].kind;
                if (any && !(forms[0].kind && forms[1].kind && forms[2].kind))
                    fail_msg("theme %s: %s.%s lacks a form", name, yd_style_name((yd_style)s), part ? "bg" : "fg");
                if (strcmp(name, "mono") == 0 && any)
                    fail_msg("theme mono has a colour in %s", yd_style_name((yd_style)s));
            }
        yd_theme_free(&t);
        yd_problems_free(&p);
        n++;
    }
    closedir(dir);
    assert_true(n >= 4);
    for (int k = 0; k < 4; k++)
        if (!seen_required[k])
            fail_msg("themes/%s.yaml is missing", required[k]);
}

/* The compiled-in themes are the files (regenerate with
 * src/core/theme_builtin.sh). */
static void test_builtin_matches_files(void **state)
{
    (void)state;
    static const char *const names[] = {"default", "mono"};
    for (int i = 0; i < 2; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.yaml", themes_dir, names[i]);
        size_t n;
        unsigned char *file = slurp(path, &n);
        const char *builtin = yd_theme_builtin_source(names[i]);
        assert_non_null(builtin);
        if (strcmp(builtin, (const char *)file) != 0)
            fail_msg("src/core/theme_builtin.c is out of date with %s: run sh src/core/theme_builtin.sh", path);
        free(file);
        yd_theme t;
        yd_error err = {0};
        assert_int_equal(yd_theme_builtin(&t, names[i], &err), YD_OK);
        assert_string_equal(t.name, names[i]);
        assert_null(t.path);
        yd_theme_free(&t);
    }
    yd_theme t;
    yd_error err = {0};
    assert_int_equal(yd_theme_builtin(&t, "light", &err), YD_EINVAL);
    yd_theme_free(&t);
}

static void test_user_theme_overrides(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char user[1100];
    snprintf(user, sizeof user, "%s/yuedu", dir);
    assert_int_equal(mkdir(user, 0700), 0);
    snprintf(user, sizeof user, "%s/yuedu/themes", dir);
    assert_int_equal(mkdir(user, 0700), 0);
    static const char mine[] = "styles:\n  text: {}\n  heading1: {fg: {8: magenta, 256: 201, true: \"#ff00ff\"}}\n";
    write_file(user, "default.yaml", mine, strlen(mine));
    write_file(user, "sepia.yaml", mine, strlen(mine));
    setenv("XDG_CONFIG_HOME", dir, 1);

    yd_theme t;
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    assert_int_equal(yd_theme_load(&t, "default", themes_dir, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 0);
    char want[1200];
    snprintf(want, sizeof want, "%s/default.yaml", user);
    assert_string_equal(t.path, want);
    yd_resolved_style rs;
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_int_equal(rs.fg.value, 201);
    yd_theme_free(&t);

    /* The bundled light theme is still found, the user's own too. */
    assert_int_equal(yd_theme_load(&t, "light", themes_dir, NULL, &p, &err), YD_OK);
    assert_non_null(strstr(t.path, "/themes/light.yaml"));
    assert_null(strstr(t.path, dir));
    yd_theme_free(&t);
    assert_int_equal(yd_theme_load(&t, "sepia", NULL, NULL, &p, &err), YD_OK);
    assert_string_equal(t.name, "sepia");
    yd_theme_free(&t);
    assert_int_equal(p.count, 0);

    /* Listing: built-in, bundled and the user's, once each, sorted. */
    char **names;
    size_t n;
    assert_int_equal(yd_theme_names(user, themes_dir, &names, &n, &err), YD_OK);
    char joined[512] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s ", names[i]);
    assert_string_equal(joined, "default high-contrast light mono sepia ");
    yd_theme_names_free(names, n);

    /* A file path works too. */
    snprintf(want, sizeof want, "%s/sepia.yaml", user);
    assert_int_equal(yd_theme_load(&t, want, NULL, NULL, &p, &err), YD_OK);
    assert_string_equal(t.path, want);
    yd_theme_free(&t);

    /* Not found: a problem, at the place the name was written, and the
     * built-in default. */
    yd_origin origin = {"config.yaml", 3, 8};
    assert_int_equal(yd_theme_load(&t, "solarized", themes_dir, &origin, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    char line[700];
    assert_non_null(strstr(yd_problem_format(&p.items[0], line, sizeof line),
                           "config.yaml:3:8: theme: no theme 'solarized'"));
    assert_non_null(strstr(line, "using the built-in default theme"));
    assert_string_equal(t.name, "default");
    assert_null(t.path);
    yd_theme_free(&t);
    yd_problems_free(&p);

    /* A path that is there but not a file (a folder) is said to be so, not
     * "not found"; a path that is not there is "not found". */
    assert_int_equal(yd_theme_load(&t, user, themes_dir, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(yd_problem_format(&p.items[0], line, sizeof line), "is not a file"));
    assert_string_equal(t.name, "default");
    yd_theme_free(&t);
    yd_problems_free(&p);
    snprintf(want, sizeof want, "%s/no-such.yaml", user);
    assert_int_equal(yd_theme_load(&t, want, themes_dir, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(yd_problem_format(&p.items[0], line, sizeof line), "not found"));
    yd_theme_free(&t);
    yd_problems_free(&p);

    /* mono without any theme folder: the built-in one, no problem. */
    assert_int_equal(yd_theme_load(&t, "mono", NULL, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 0);
    assert_string_equal(t.name, "mono");
    yd_theme_free(&t);

    /* A broken user theme: its problem, then the built-in theme. */
    write_file(user, "default.yaml", "styles: [\n", 10);
    assert_int_equal(yd_theme_load(&t, "default", themes_dir, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(p.items[0].message, "not valid YAML"));
    assert_null(t.path);
    assert_true(t.styles[YD_STYLE_HEADING1].defined);
    yd_theme_free(&t);
    yd_problems_free(&p);
    rm_rf(dir);
    free(dir);
}

static void test_no_color(void **state)
{
    (void)state;
    unsetenv("NO_COLOR");
    assert_false(yd_no_color(false));
    assert_true(yd_no_color(true));
    setenv("NO_COLOR", "", 1); /* empty: not set (no-color.org) */
    assert_false(yd_no_color(false));
    setenv("NO_COLOR", "1", 1);
    assert_true(yd_no_color(false));
    assert_string_equal(yd_theme_choose("light", yd_no_color(false)), "mono");
    unsetenv("NO_COLOR");
    assert_string_equal(yd_theme_choose("light", yd_no_color(false)), "light");
    assert_string_equal(yd_theme_choose(NULL, false), "default");
    assert_string_equal(yd_theme_choose("", false), "default");

    assert_int_equal(yd_color_depth_detect(256, true), YD_DEPTH_MONO);
    assert_int_equal(yd_color_depth_detect(-1, false), YD_DEPTH_MONO);
    assert_int_equal(yd_color_depth_detect(2, false), YD_DEPTH_MONO);
    assert_int_equal(yd_color_depth_detect(8, false), YD_DEPTH_8);
    assert_int_equal(yd_color_depth_detect(16, false), YD_DEPTH_8);
    assert_int_equal(yd_color_depth_detect(256, false), YD_DEPTH_256);
    assert_int_equal(yd_color_depth_detect(88, false), YD_DEPTH_8);
    /* Direct colour: terminfo's colors#0x1000000 (xterm-direct). */
    assert_int_equal(yd_color_depth_detect(1 << 24, false), YD_DEPTH_TRUE);
    assert_int_equal(yd_color_depth_detect(0x7fffffff, false), YD_DEPTH_TRUE);
    assert_int_equal(yd_color_depth_detect((1 << 24) - 1, false), YD_DEPTH_256);
    assert_int_equal(yd_color_depth_detect(1 << 24, true), YD_DEPTH_MONO);

    /* Colour numbers for direct-colour terminals. */
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_DEFAULT, 0}), -1);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_UNSET, 0}), -1);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_INDEX, 3}), 3);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_INDEX, 179}), 0xd7af5f);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_INDEX, 9}), 0xff0000);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_INDEX, 16}), 0x010000);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_INDEX, 255}), 0xeeeeee);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_RGB, 0x5fafd7}), 0x5fafd7);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_RGB, 0x000000}), 0x010000);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_RGB, 0x000007}), 0x010007);
    assert_int_equal(yd_color_direct_value((yd_color){YD_COLOR_RGB, 0x000008}), 0x000008);

    /* At depth MONO the default theme keeps only its attributes. */
    yd_theme t;
    yd_error err = {0};
    assert_int_equal(yd_theme_builtin(&t, "default", &err), YD_OK);
    yd_resolved_style rs;
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_MONO, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_DEFAULT);
    assert_int_equal(rs.bg.kind, YD_COLOR_DEFAULT);
    assert_int_equal(rs.attrs, YD_ATTR_BOLD);
    yd_theme_free(&t);
}

static void test_resolve(void **state)
{
    (void)state;
    char r[4096];
    yd_theme t = parse("styles:\n"
                       "  text: {fg: white, bg: {8: black, 256: 234, true: \"#1c1c1c\"}}\n"
                       "  heading1: {fg: {8: yellow, 256: 179, true: \"#d7af5f\"}, attrs: [bold, underline]}\n"
                       "  heading2: {fg: \"#5fafd7\"}\n"
                       "  heading3: {fg: 108, attrs: italic}\n"
                       "  item: {fg: bright-red}\n"
                       "  status: {fg: default, bg: default, attrs: [reverse, dim]}\n"
                       "  divider: {fg: {256: 240}}\n",
                       r, sizeof r);
    assert_string_equal(r, "");
    yd_resolved_style rs;
    /* Each form at its own depth. */
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_int_equal(rs.fg.value, 3);
    assert_int_equal(rs.attrs, YD_ATTR_BOLD | YD_ATTR_UNDERLINE);
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.value, 179);
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_TRUE, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_RGB);
    assert_int_equal(rs.fg.value, 0xd7af5f);
    /* The background left out comes from text. */
    assert_int_equal(rs.bg.kind, YD_COLOR_RGB);
    assert_int_equal(rs.bg.value, 0x1c1c1c);
    yd_theme_resolve(&t, YD_STYLE_HEADING1, YD_DEPTH_256, &rs);
    assert_int_equal(rs.bg.value, 234);
    /* Only truecolour given: the nearest 256 and 8 colours. */
    yd_theme_resolve(&t, YD_STYLE_HEADING2, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_int_equal(rs.fg.value, 74); /* #5fafd7 is exactly 74 */
    yd_theme_resolve(&t, YD_STYLE_HEADING2, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.value, 6); /* cyan */
    /* Only 256 given: at truecolour the index is used, at 8 the nearest. */
    yd_theme_resolve(&t, YD_STYLE_HEADING3, YD_DEPTH_TRUE, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_int_equal(rs.fg.value, 108);
    assert_int_equal(rs.attrs, YD_ATTR_ITALIC);
    yd_theme_resolve(&t, YD_STYLE_DIVIDER, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_true(rs.fg.value < 8);
    /* A name for every depth. */
    yd_theme_resolve(&t, YD_STYLE_ITEM, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.value, 1);
    yd_theme_resolve(&t, YD_STYLE_ITEM, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.value, 9);
    yd_theme_resolve(&t, YD_STYLE_ITEM, YD_DEPTH_TRUE, &rs); /* the terminal's own bright red */
    assert_int_equal(rs.fg.kind, YD_COLOR_INDEX);
    assert_int_equal(rs.fg.value, 9);
    /* default: the terminal's colours, even over text's. */
    yd_theme_resolve(&t, YD_STYLE_STATUS, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.kind, YD_COLOR_DEFAULT);
    assert_int_equal(rs.bg.kind, YD_COLOR_DEFAULT);
    assert_int_equal(rs.attrs, YD_ATTR_REVERSE | YD_ATTR_DIM);
    /* A heading level left out looks like the one above. */
    yd_theme_resolve(&t, YD_STYLE_HEADING6, YD_DEPTH_256, &rs);
    assert_int_equal(rs.fg.value, 108);
    assert_int_equal(rs.attrs, YD_ATTR_ITALIC);
    /* A style left out: text's colours, no attributes. */
    yd_theme_resolve(&t, YD_STYLE_BOOKMARK, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.value, 7);
    assert_int_equal(rs.bg.value, 0);
    assert_int_equal(rs.attrs, 0);
    yd_theme_free(&t);

    /* The bundled high-contrast theme: every style on black. */
    yd_problems p;
    yd_problems_init(&p);
    yd_error err = {0};
    assert_int_equal(yd_theme_load(&t, "high-contrast", themes_dir, NULL, &p, &err), YD_OK);
    assert_int_equal(p.count, 0);
    yd_theme_resolve(&t, YD_STYLE_OUTLINE, YD_DEPTH_8, &rs);
    assert_int_equal(rs.fg.value, 7);
    assert_int_equal(rs.bg.value, 0);
    yd_theme_free(&t);
    yd_problems_free(&p);

    assert_string_equal(yd_style_name(YD_STYLE_SEARCH_HIT), "search-hit");
    assert_int_equal(yd_style_from_name("outline-current"), YD_STYLE_OUTLINE_CURRENT);
    assert_int_equal(yd_style_from_name("heading7"), -1);
    for (int s = 0; s < YD_STYLE_COUNT; s++)
        assert_int_equal(yd_style_from_name(yd_style_name((yd_style)s)), s);
}

static void test_theme_problems(void **state)
{
    (void)state;
    char r[8192];
    yd_theme t = parse("name: bad\n"
                       "colours: 1\n"
                       "styles:\n"
                       "  text: {fg: chartreuse}\n"
                       "  heading1: {fg: {8: bright-red, 256: 300, true: \"#12345\"}, attrs: [bold, blink]}\n"
                       "  heading2: {fg: {16: red}, weight: 3}\n"
                       "  heading9: {}\n"
                       "  status: [reverse]\n"
                       "  message: {fg: {true: 12, 8: \"#ffffff\"}, attrs: {bold: true}}\n"
                       "  item: {bg: [red]}\n",
                       r, sizeof r);
    assert_string_equal(
        r,
        "t.yaml:2:1: unknown key 'colours' (name, description, styles); ignored\n"
        "t.yaml:4:14: styles.text.fg: unknown colour 'chartreuse' (a name such as red or bright-blue, 0-255, "
        "\"#rrggbb\" or default); using the terminal's colour\n"
        "t.yaml:5:22: styles.heading1.fg.8: 'bright-red' is not one of the 8 colours (black red green yellow blue "
        "magenta cyan white); using the text's colour\n"
        "t.yaml:5:39: styles.heading1.fg.256: 300 is out of range (0 to 255); using the text's colour\n"
        "t.yaml:5:50: styles.heading1.fg.true: '#12345' is not a colour of the form \"#rrggbb\"; using the text's "
        "colour\n"
        "t.yaml:5:75: styles.heading1.attrs: unknown attribute 'blink' (bold, dim, underline, reverse, italic); "
        "ignored\n"
        "t.yaml:6:19: styles.heading2.fg: unknown colour depth '16' (8, 256 or true); ignored\n"
        "t.yaml:6:29: styles.heading2: unknown key 'weight' (fg, bg, attrs); ignored\n"
        "t.yaml:7:3: styles: unknown style 'heading9' (text heading1 heading2 heading3 heading4 heading5 heading6 "
        "item outline outline-current outline-section outline-marker divider search-hit search-current status "
        "message placeholder bookmark selection cursor highlight1 highlight2 highlight3 highlight4 reference hint emphasis "
        "strong code link quote); ignored\n"
        "t.yaml:8:11: styles.status: expected a mapping (key: value lines); ignored\n"
        "t.yaml:9:24: styles.message.fg.true: numbers are colours for 256:, not true: (use \"#rrggbb\"); using the "
        "text's colour\n"
        "t.yaml:9:31: styles.message.fg.8: \"#rrggbb\" colours are for true:, not 8:; using the text's colour\n"
        "t.yaml:9:50: styles.message.attrs: expected a list such as [bold, underline]; ignored\n"
        "t.yaml:10:14: styles.item.bg: expected a colour, not a list; using the text's colour\n");
    /* What was right is kept. */
    assert_int_equal(t.styles[YD_STYLE_HEADING1].attrs, YD_ATTR_BOLD);
    assert_string_equal(t.name, "bad");
    yd_theme_free(&t);

    t = parse("styles:\n  heading-1: {}\n  serach-hit: {}\n", r, sizeof r);
    assert_string_equal(r, "t.yaml:2:3: styles: unknown style 'heading-1' (did you mean heading1?); ignored\n"
                           "t.yaml:3:3: styles: unknown style 'serach-hit' (did you mean search-hit?); ignored\n");
    yd_theme_free(&t);

    t = parse("styles: {text: {fg: [1}\n", r, sizeof r);
    assert_non_null(strstr(r, "t.yaml:1:23: not valid YAML"));
    assert_string_equal(strchr(r, '\n'), "\n"); /* one problem only */
    yd_theme_free(&t);

    t = parse("- text\n", r, sizeof r);
    assert_string_equal(r, "t.yaml:1:1: the file must be a mapping of keys to values (key: value), not a list; using "
                           "the terminal's colours\n");
    assert_string_equal(t.name, "t"); /* no name: the file's */
    yd_theme_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_themes), cmocka_unit_test(test_builtin_matches_files),
        cmocka_unit_test(test_user_theme_overrides), cmocka_unit_test(test_no_color),
        cmocka_unit_test(test_resolve), cmocka_unit_test(test_theme_problems),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
