/* yuedu --doctor: what a reader over SSH trips on, checked one by one, each
 * with what to do about it: the locale, the terminal type and its colours
 * and mouse, the width the terminal gives East Asian Ambiguous characters
 * (asked of the terminal itself), tmux's settings, the configuration, and
 * whether the bookmark and state folders can be written.
 *
 * Every line is "ok", "note", "warn" or "fail", then what was found, then
 * after " -> " what to do. Exit status 1 when a line is "fail". The
 * terminal is asked only when standard input and output are a terminal;
 * nothing from the environment reaches it raw. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/atomic_file.h"
#include "yuedu/config.h"
#include "yuedu/late_libraries.h"
#include "yuedu/theme.h"

typedef enum verdict { V_OK, V_NOTE, V_WARN, V_FAIL } verdict;

typedef struct report {
    int failures, warnings;
} report;

static void doctor_say(report *r, verdict v, const char *fix, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* One line of the report, in the reader's language (fmt and fix are
 * msgids: make pot knows doctor_say). */
static void doctor_say(report *r, verdict v, const char *fix, const char *fmt, ...)
{
    /* Four cells each, in every language, so that the findings line up. */
    static const char *const words[] = {NC_("doctor verdict", "ok  "), NC_("doctor verdict", "note"),
                                        NC_("doctor verdict", "warn"), NC_("doctor verdict", "fail")};
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, _(fmt), ap);
    va_end(ap);
    printf("  %s  ", i18n_pgettext_context("doctor verdict", words[v]));
    cli_put_sanitized(stdout, line);
    if (fix) {
        fputs(" -> ", stdout);
        cli_put_sanitized(stdout, _(fix));
    }
    putchar('\n');
    r->failures += v == V_FAIL;
    r->warnings += v == V_WARN;
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static void check_locale(report *r)
{
    static const char *const names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    const char *name = NULL, *value = NULL;
    for (size_t k = 0; k < 3 && !name; k++)
        if (getenv(names[k]) && *getenv(names[k])) {
            name = names[k];
            value = getenv(names[k]);
        }
    const char *installed = setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    int utf8 = installed && codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    if (!name)
        doctor_say(r, V_WARN, N_("set LANG=zh_CN.UTF-8 (or C.UTF-8) in your shell's profile on this machine"),
            "locale: none is set; the reader falls back to C.UTF-8");
    else if (!installed)
        doctor_say(r, V_WARN, N_("install it (dpkg-reconfigure locales) or use C.UTF-8; over SSH, check the client's SendEnv"),
            "locale: %s=%s is not installed here; the reader falls back to a UTF-8 one", name, value);
    else if (!utf8)
        doctor_say(r, V_WARN, N_("use the same language in UTF-8, e.g. LANG=zh_CN.UTF-8"),
            "locale: %s=%s is %s, not UTF-8; the reader switches to a UTF-8 locale for the screen", name, value,
            codeset ? codeset : "?");
    else
        doctor_say(r, V_OK, NULL, "locale: %s=%s (UTF-8)", name, value);
    setlocale(LC_CTYPE, "");
}

/* TERM, its colours and its mouse, from terminfo. */
static void check_term(report *r)
{
    const char *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0) {
        doctor_say(r, V_FAIL, N_("set TERM to your terminal's type, e.g. TERM=xterm-256color"),
            "TERM is %s: the reader cannot drive this terminal", term && *term ? "dumb" : _("not set"));
        return;
    }
    int err = 0;
    if (setupterm((char *)term, -1, &err) != OK) {
        doctor_say(r, V_FAIL, N_("install its terminfo (ncurses-term) or use TERM=xterm-256color"),
            "TERM=%s: no terminfo entry on this machine", term);
        return;
    }
    int colors = tigetnum("colors");
    int direct = tigetflag("RGB") > 0 || colors >= 1 << 24;
    if (direct)
        doctor_say(r, V_OK, NULL, "TERM=%s: 24-bit colour", term);
    else if (colors >= 256)
        doctor_say(r, V_OK, NULL, "TERM=%s: 256 colours (themes with 24-bit colours use the nearest)", term);
    else if (colors >= 8)
        doctor_say(r, V_WARN, N_("if the terminal has more, say so: TERM=xterm-256color (or tmux-256color inside tmux)"),
            "TERM=%s: %d colours only", term, colors);
    else
        doctor_say(r, V_WARN, N_("use a colour terminal type; the reader uses the mono theme here"),
            "TERM=%s: no colours", term);
    const char *kmous = tigetstr("kmous");
    const char *xm = tigetstr("XM");
    if (!kmous || kmous == (char *)-1)
        doctor_say(r, V_NOTE, N_("M in the reader leaves the mouse to the terminal anyway"), "mouse: TERM=%s has no mouse", term);
    else if (xm && xm != (char *)-1 && strstr(xm, "1006"))
        doctor_say(r, V_OK, NULL, "mouse: SGR reports (any column)");
    else
        doctor_say(r, V_NOTE, N_("a terminal type with SGR mouse (xterm-256color) lifts the limit"),
            "mouse: X10 reports, clicks past column 223 are not seen");
    del_curterm(cur_term);
}

static int tty_raw(int fd, struct termios *saved)
{
    struct termios raw;
    if (tcgetattr(fd, saved) != 0)
        return -1;
    raw = *saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    return tcsetattr(fd, TCSANOW, &raw);
}

/* Write q, read the answer up to the byte end within ms. Returns its length. */
static size_t ask(const char *q, char end, char *buf, size_t cap, int ms)
{
    size_t n = 0;
    if (write(STDOUT_FILENO, q, strlen(q)) < 0)
        return 0;
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    while (n + 1 < cap && poll(&p, 1, ms) > 0) {
        ssize_t got = read(STDIN_FILENO, buf + n, 1);
        if (got <= 0)
            break;
        if (buf[n++] == end)
            break;
    }
    buf[n] = 0;
    return n;
}

/* How many cells the terminal gives …: print it at the start of a line and
 * ask where the cursor went (ESC[6n); the answer is ESC[ROW;COLR. */
static void check_ambiwidth(report *r, const yd_config *config)
{
    struct termios saved;
    if (tty_raw(STDIN_FILENO, &saved) != 0) {
        doctor_say(r, V_NOTE, NULL, "ambiwidth: could not ask the terminal");
        return;
    }
    char answer[64];
    fflush(stdout);
    size_t n = ask("\r\xe2\x80\xa6\033[6n", 'R', answer, sizeof answer, 500);
    (void)!write(STDOUT_FILENO, "\r\033[K", 4); /* the … goes again */
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    int row, col;
    if (n == 0 || sscanf(answer, "\033[%d;%dR", &row, &col) != 2) {
        doctor_say(r, V_WARN, N_("set ambiwidth: 1 or 2 in config.yaml to match what the terminal shows"),
            "ambiwidth: the terminal did not say where the cursor is");
        return;
    }
    int cells = col - 1;
    if (config->ambiwidth && config->ambiwidth != cells)
        doctor_say(r, V_WARN, N_("set ambiwidth: auto (or the number the terminal uses) in config.yaml"),
            ngettext("ambiwidth: the terminal gives \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\xa6 %d cell, config.yaml says %d",
                     "ambiwidth: the terminal gives \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\xa6 %d cells, config.yaml says %d", cells),
            cells, config->ambiwidth);
    else
        doctor_say(r, V_OK, NULL, ngettext("ambiwidth: the terminal gives \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\xa6 %d cell%s",
                                        "ambiwidth: the terminal gives \xe2\x80\x9c\xe2\x80\x9d\xe2\x80\xa6 %d cells%s", cells),
                   cells, config->ambiwidth ? "" : _(" (auto finds it too)"));
}

/* A line of `tmux show-options -gv NAME` when inside tmux, or "". */
static void tmux_option(const char *name, char *buf, size_t cap)
{
    buf[0] = 0;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "tmux show-options -gv %s 2>/dev/null", name);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    if (fgets(buf, (int)cap, p))
        buf[strcspn(buf, "\n")] = 0;
    else
        buf[0] = 0;
    pclose(p);
}

static void check_tmux(report *r)
{
    if (!getenv("TMUX")) {
        doctor_say(r, V_NOTE, NULL, "tmux: not inside tmux");
        return;
    }
    char v[64];
    tmux_option("escape-time", v, sizeof v);
    if (*v && atoi(v) > 50)
        doctor_say(r, V_WARN, N_("set -sg escape-time 10 in ~/.tmux.conf"),
            "tmux: escape-time is %s ms, so Esc takes that long in every program", v);
    else if (*v)
        doctor_say(r, V_OK, NULL, "tmux: escape-time %s ms", v);
    tmux_option("set-clipboard", v, sizeof v);
    if (*v && strcmp(v, "off") == 0)
        doctor_say(r, V_WARN, N_("set -g set-clipboard on in ~/.tmux.conf"),
            "tmux: set-clipboard is off, so copies (OSC 52) never reach the terminal you sit at");
    else if (*v)
        doctor_say(r, V_OK, NULL, "tmux: set-clipboard %s (copies reach the outer terminal when it takes OSC 52)", v);
    const char *term = env_or("TERM", "");
    if (strncmp(term, "tmux", 4) != 0 && strncmp(term, "screen", 6) != 0)
        doctor_say(r, V_WARN, N_("set -g default-terminal tmux-256color in ~/.tmux.conf"),
            "tmux: TERM=%s inside tmux describes another terminal", term);
}

static void check_ssh(report *r)
{
    const char *conn = getenv("SSH_CONNECTION");
    if (!conn) {
        doctor_say(r, V_NOTE, NULL, "ssh: not an SSH session");
        return;
    }
    doctor_say(r, V_NOTE, N_("copies travel back with OSC 52 when the terminal you sit at allows it"),
        "ssh: a session from %.*s", (int)strcspn(conn, " "), conn);
}

static void check_config(report *r, const char *path_option, yd_config *config)
{
    yd_theme theme = {0};
    yd_problems problems;
    yd_problems_init(&problems);
    char where[PATH_MAX];
    const char *path = path_option;
    if (!path && yd_config_default_path(where, sizeof where) == 0)
        path = where;
    if (cli_load_settings(path_option, NULL, 0, config, &theme, &problems) != 0) {
        doctor_say(r, V_FAIL, NULL, "configuration: out of memory");
    } else if (yd_problems_total(&problems) > 0) {
        char line[512];
        doctor_say(r, V_WARN, N_("yuedu --check-config lists them"), ngettext("configuration: %zu problem, the first: %s",
                                                     "configuration: %zu problems, the first: %s",
                                                     yd_problems_total(&problems)),
            yd_problems_total(&problems),
            yd_problem_format(&problems.items[0], line, sizeof line));
    } else if (path && access(path, F_OK) == 0) {
        doctor_say(r, V_OK, NULL, "configuration: %s, theme %s", path, theme.name ? theme.name : "?");
    } else {
        doctor_say(r, V_NOTE, NULL, "configuration: none at %s; the defaults", path ? path : "?");
    }
    yd_theme_free(&theme);
    yd_problems_free(&problems);
}

/* The folder of a store: when it exists, a file is created in it and
 * removed; when not, the nearest folder above it that exists must let the
 * reader make it. Nothing else on disk changes. */
static void check_store(report *r, const char *which, const char *what)
{
    static const char fix[] = N_("make it writable, or point XDG_DATA_HOME / XDG_STATE_HOME elsewhere");
    char dir[PATH_MAX], probe[PATH_MAX + 32];
    yd_error err = {0};
    if (yd_store_default_dir(which, dir, sizeof dir, &err) != YD_OK) {
        doctor_say(r, V_FAIL, NULL, "%s: %s", what, err.message);
        return;
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(probe, sizeof probe, "%s", dir);
        int found = 0;
        char *slash;
        while (!found && (slash = strrchr(probe, '/')) && slash > probe) {
            *slash = 0;
            found = stat(probe, &st) == 0;
        }
        if (!found) /* up to the root */
            found = snprintf(probe, sizeof probe, "/") > 0 && stat(probe, &st) == 0;
        if (!found || !S_ISDIR(st.st_mode))
            doctor_say(r, V_FAIL, fix, "%s: %s cannot be made (%s is not a folder)", what, dir, probe);
        else if (access(probe, W_OK) != 0)
            doctor_say(r, V_FAIL, fix, "%s: %s cannot be made (%s cannot be written)", what, dir, probe);
        else
            doctor_say(r, V_OK, NULL, "%s: %s (made at the first save)", what, dir);
        return;
    }
    snprintf(probe, sizeof probe, "%s/.doctor-%ld", dir, (long)getpid());
    int fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        doctor_say(r, V_FAIL, fix, "%s: %s cannot be written (%s)", what, dir, strerror(errno));
        return;
    }
    close(fd);
    unlink(probe);
    doctor_say(r, V_OK, NULL, "%s: %s (writable)", what, dir);
}

/* libxml2 and libzip are loaded only when a document needs them
 * (late_libraries.h): a broken installation would show only when the
 * first HTML, EPUB, DOCX or ODT document fails, so they are loaded here. */
static void check_formats(report *r)
{
    const char *problem = yd_late_libraries_load();
    if (problem)
        doctor_say(r, V_FAIL, N_("reinstall libxml2 and libzip (apt-get install --reinstall libxml2 libzip4)"),
                   "formats: HTML, EPUB, Word and OpenDocument cannot be read: %s", problem);
    else
        doctor_say(r, V_OK, NULL, "formats: libxml2 and libzip load (HTML, EPUB, Word, OpenDocument)");
}

int cli_doctor(const char *config_path)
{
    report r = {0, 0};
    yd_config config = {0};
    int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    printf("%s", _("yuedu doctor: what a reader over SSH trips on\n"));
    check_locale(&r);
    check_term(&r);
    check_config(&r, config_path, &config);
    if (tty)
        check_ambiwidth(&r, &config);
    else
        doctor_say(&r, V_NOTE, N_("run yuedu --doctor in the terminal you read in"), "ambiwidth: not a terminal, not asked");
    check_tmux(&r);
    check_ssh(&r);
    check_store(&r, "data", _("bookmarks"));
    check_store(&r, "state", _("reading state"));
    check_formats(&r);
    yd_config_free(&config);
    /* Two counts, each with its own plural form. */
    printf(ngettext("%d problem, ", "%d problems, ", r.failures), r.failures);
    printf(ngettext("%d warning\n", "%d warnings\n", r.warnings), r.warnings);
    return r.failures ? EXIT_NOTHING : EXIT_OK;
}
