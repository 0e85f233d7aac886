/* The wcwidth() override (src/tui/term_width.c): ncursesw, which asks
 * wcwidth() for every character it places, counts the cells the layout
 * counted once term_width_use() is called; glibc's widths before. This is
 * what keeps curses, terminal and layout in step under ambiwidth 2. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <locale.h>

#include "test_util.h"
#include "../../src/tui/term_width.c"

static int cursor_after(wchar_t c, int y)
{
    cchar_t cc;
    wchar_t s[2] = {c, 0};
    setcchar(&cc, s, 0, 0, NULL);
    mvadd_wch(y, 0, &cc);
    return getcurx(stdscr);
}

static void test_curses_follows_the_table(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        skip_missing("the C.UTF-8 locale");
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    SCREEN *screen = newterm("xterm", out, stdin);
    if (!screen) {
        fclose(out);
        skip_missing("terminfo for xterm");
    }
    set_term(screen);
    yd_width_table *t1, *t2;
    yd_error err = {0};
    assert_int_equal(yd_width_table_new(1, &t1, &err), YD_OK);
    assert_int_equal(yd_width_table_new(2, &t2, &err), YD_OK);

    int glibc_quote = cursor_after(0x201C, 0), glibc_han = cursor_after(0x4E2D, 1);
    term_width_use(t2);
    int amb2_quote = cursor_after(0x201C, 2), amb2_han = cursor_after(0x4E2D, 3);
    int amb2_dots = cursor_after(0x2026, 4);
    term_width_use(t1);
    int amb1_quote = cursor_after(0x201C, 5);
    term_width_use(NULL);
    endwin();
    delscreen(screen);
    fclose(out);

    assert_int_equal(glibc_quote, 1);
    assert_int_equal(glibc_han, 2);
    assert_int_equal(amb2_quote, 2); /* “ takes two cells, as the layout said */
    assert_int_equal(amb2_han, 2);
    assert_int_equal(amb2_dots, 2);
    assert_int_equal(amb1_quote, 1);
    /* code points the layout never sends: glibc's answer */
    term_width_use(t2);
    assert_int_equal(wcwidth(0x1B), -1);
    assert_int_equal(wcwidth(L'a'), 1);
    term_width_use(NULL);
    yd_width_table_free(t1);
    yd_width_table_free(t2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curses_follows_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
