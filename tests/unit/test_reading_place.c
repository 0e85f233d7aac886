/* The reading place: a position saved and restored at any width, with or
 * without the bookmark column, with the outline shown or hidden, shows the
 * same character in its top row every time (property test, seeded: set
 * YD_TEST_SEED to rerun a failure). */
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/layout.h"
#include "yuedu/reading_memory.h"
#include "yuedu/reading_place.h"
#include "yuedu/state.h"

enum { ROUNDS = 200, OUTLINE_WIDTH = 30 };

static unsigned long long rng;

static unsigned next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static int between(int lo, int hi) { return lo + (int)(next_random() % (unsigned)(hi - lo + 1)); }

/* Text of our own: Chinese words, punctuation the line breaking rules care
 * about, Latin words and numbers, short and long paragraphs, blank lines. */
static char *make_text(void)
{
    static const char *const pieces[] = {
        "读书", "笔记", "整理", "目录", "章节", "段落", "位置", "书签", "记录", "阅读器", "终端", "宽度",
        "，", "。", "、", "；", "：", "？", "！", "“", "”", "《", "》", "（", "）", "……", "——",
        "yuedu", "terminal", "2026", "42", " ", "　"};
    size_t cap = 200000, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    int paragraphs = between(40, 120);
    for (int p = 0; p < paragraphs; p++) {
        int words = next_random() % 6 == 0 ? 0 : between(1, 300);
        for (int w = 0; w < words && n + 64 < cap; w++) {
            const char *s = pieces[next_random() % (sizeof pieces / sizeof pieces[0])];
            memcpy(text + n, s, strlen(s));
            n += strlen(s);
        }
        text[n++] = '\n';
    }
    text[n] = 0;
    return text;
}

/* The text pane's width in a terminal `cols` wide, as the reader lays it
 * out (app_geometry): the outline and its divider, the bookmark column. */
static int pane_width(int cols, int outline, int gutter)
{
    int width = outline && cols - OUTLINE_WIDTH - 1 >= 20 ? cols - OUTLINE_WIDTH - 1 : cols;
    return width - gutter;
}

static void change_width(yd_reading_place *p, yd_layout *layout, const yd_document *doc, int width)
{
    int32_t offset;
    assert_int_equal(yd_place_offset(p, layout, doc, &offset, NULL), YD_OK);
    assert_int_equal(yd_layout_set_width(layout, width, NULL), YD_OK);
    assert_int_equal(yd_place_show(p, layout, offset, NULL), YD_OK);
}

/* The top row holds offset. */
static void assert_on_top(const yd_reading_place *p, yd_layout *layout, int32_t offset, unsigned long long seed,
                          int round)
{
    const yd_row *rows;
    int32_t count;
    assert_int_equal(yd_layout_paragraph(layout, p->top.para, &rows, &count, NULL), YD_OK);
    if (count == 0) /* a paragraph with no rows: its line is where offset is */
        return;
    assert_true(p->top.row < count);
    const yd_row *r = &rows[p->top.row];
    if (!(r->start <= offset && (offset < r->end || offset == r->start)))
        fail_msg("seed %llu, round %d: offset %d is not in the top row [%d, %d) at width %d", seed, round, offset,
                 r->start, r->end, yd_layout_text_width(layout));
}

static void test_same_character_on_top(void **state)
{
    (void)state;
    unsigned long long seed = test_seed();
    fflush(stdout);
    rng = seed * 2654435761ULL + 1;

    char *dir = make_temp_dir();
    char *text = make_text();
    write_file(dir, "book.txt", text, strlen(text));
    free(text);
    char path[4200], store[4200];
    snprintf(path, sizeof path, "%s/book.txt", dir);
    snprintf(store, sizeof store, "%s/state", dir);
    yd_document doc;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&doc, path, NULL, &err), YD_OK);
    yd_width_table *widths;
    assert_int_equal(yd_width_table_new(1, &widths, &err), YD_OK);
    yd_layout_options options;
    yd_layout_options_default(&options);

    /* Where the reader first stops: any character (a hit, a bookmark)... */
    int32_t place = (int32_t)(next_random() % (unsigned)doc.length);
    while (place > 0 && doc.text[place] == '\n')
        place--;
    /* ... or, half the time, the top row after scrolling from it. */
    yd_layout *layout;
    options.width = pane_width(between(20, 200), 0, 0);
    assert_int_equal(yd_layout_new(&doc, widths, &options, &layout, &err), YD_OK);
    yd_reading_place p = {0};
    assert_int_equal(yd_place_show(&p, layout, place, NULL), YD_OK);
    if (next_random() % 2) {
        assert_int_equal(yd_layout_pos_move(layout, &p.top, between(-50, 50), NULL, NULL), YD_OK);
        assert_int_equal(yd_place_offset(&p, layout, &doc, &place, NULL), YD_OK);
    }
    yd_layout_free(layout);
    yd_state s;
    assert_int_equal(yd_state_open(&s, store, &err), YD_OK);
    assert_int_equal(yd_state_set_position(&s, &doc, place), YD_OK);
    assert_int_equal(yd_state_save(&s, &err), YD_OK);
    yd_state_free(&s);

    for (int round = 0; round < ROUNDS; round++) {
        /* A run of the reader: open at some terminal width, with the
         * outline shown or hidden; the bookmark column comes when the
         * bookmarks are placed, the outline may be toggled, the terminal
         * resized; then quit. */
        int cols = between(20, 200), outline = (int)(next_random() % 2), gutter = 0;
        options.width = pane_width(cols, outline, gutter);
        assert_int_equal(yd_layout_new(&doc, widths, &options, &layout, &err), YD_OK);
        assert_int_equal(yd_state_open(&s, store, &err), YD_OK);
        int32_t offset;
        assert_int_equal(yd_state_get_position(&s, &doc, &offset), 1);
        assert_int_equal(offset, place);
        assert_int_equal(yd_place_show(&p, layout, offset, NULL), YD_OK);
        assert_on_top(&p, layout, place, seed, round);
        for (int events = between(0, 4); events > 0; events--) {
            switch (next_random() % 3) {
            case 0: gutter = !gutter; break;   /* bookmarks placed, or all deleted */
            case 1: outline = !outline; break; /* the outline shown or hidden */
            default: cols = between(20, 200);  /* a resize */
            }
            change_width(&p, layout, &doc, pane_width(cols, outline, gutter));
            assert_on_top(&p, layout, place, seed, round);
        }
        assert_int_equal(yd_place_offset(&p, layout, &doc, &offset, NULL), YD_OK);
        assert_int_equal(offset, place);
        assert_int_equal(yd_state_set_position(&s, &doc, offset), YD_OK);
        assert_int_equal(yd_state_save(&s, &err), YD_OK);
        yd_state_free(&s);
        yd_layout_free(layout);
    }
    yd_width_table_free(widths);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

/* Scrolling lets go of the offset: the place is then the new top row. */
static void test_scrolling_moves_the_place(void **state)
{
    (void)state;
    yd_document doc;
    yd_error err = {0};
    const char text[] = "第一段文字比较长，需要在窄的宽度下折成好几行来显示才行。\n第二段。\n";
    yd_load_options lo = {.encoding = "UTF-8"};
    assert_int_equal(yd_document_from_bytes(&doc, "mem", (const unsigned char *)text, strlen(text), &lo, &err), YD_OK);
    yd_width_table *widths;
    assert_int_equal(yd_width_table_new(1, &widths, &err), YD_OK);
    yd_layout_options options;
    yd_layout_options_default(&options);
    options.width = 20;
    yd_layout *layout;
    assert_int_equal(yd_layout_new(&doc, widths, &options, &layout, &err), YD_OK);
    yd_reading_place p = {0};
    assert_int_equal(yd_place_show(&p, layout, 13, NULL), YD_OK);
    int32_t offset;
    assert_int_equal(yd_place_offset(&p, layout, &doc, &offset, NULL), YD_OK);
    assert_int_equal(offset, 13); /* not the start of its row */
    assert_int_equal(yd_layout_pos_move(layout, &p.top, 1, NULL, NULL), YD_OK);
    const yd_row *rows;
    int32_t count;
    assert_int_equal(yd_layout_paragraph(layout, p.top.para, &rows, &count, NULL), YD_OK);
    assert_int_equal(yd_place_offset(&p, layout, &doc, &offset, NULL), YD_OK);
    assert_int_equal(offset, rows[p.top.row].start);
    yd_layout_free(layout);
    yd_width_table_free(widths);
    yd_document_free(&doc);
}

/* Opening a document as a whole: where it was left in this run, else the
 * saved place, else its start. */
static void test_reading_memory(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char text[] = "第一行。\n第二行。\n第三行。\n";
    write_file(dir, "one.txt", text, strlen(text));
    write_file(dir, "two.txt", text, strlen(text));
    char one_path[4200], two_path[4200], store[4200];
    snprintf(one_path, sizeof one_path, "%s/one.txt", dir);
    snprintf(two_path, sizeof two_path, "%s/two.txt", dir);
    snprintf(store, sizeof store, "%s/state", dir);
    yd_document one, two;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&one, one_path, NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&two, two_path, NULL, &err), YD_OK);
    yd_state s;
    assert_int_equal(yd_state_open(&s, store, &err), YD_OK);
    assert_int_equal(yd_state_set_position(&s, &two, 5), YD_OK);
    yd_reading_memory m;
    assert_int_equal(yd_reading_memory_init(&m, 2), YD_OK);
    int32_t offset;
    assert_int_equal(yd_reading_memory_resume(&m, &s, 0, &one, &offset), YD_RESUME_START);
    assert_int_equal(offset, 0);
    assert_int_equal(yd_reading_memory_resume(&m, &s, 1, &two, &offset), YD_RESUME_SAVED);
    assert_int_equal(offset, 5);
    yd_reading_memory_leave(&m, 0, 10);
    yd_reading_memory_leave(&m, 1, 0); /* left at its start: that is where it opens now */
    assert_int_equal(yd_reading_memory_resume(&m, &s, 0, &one, &offset), YD_RESUME_RUN);
    assert_int_equal(offset, 10);
    assert_int_equal(yd_reading_memory_resume(&m, &s, 1, &two, &offset), YD_RESUME_RUN);
    assert_int_equal(offset, 0);
    yd_reading_memory_leave(&m, 5, 3); /* no such document: ignored */

    /* The last document of a corpus among the paths: by its index, else
     * by its name. */
    const char *paths[] = {one_path, two_path};
    size_t found = 9;
    assert_int_equal(yd_reading_find_document(paths, 2, two_path, 1, &found), 1);
    assert_int_equal(found, 1);
    assert_int_equal(yd_reading_find_document(paths, 2, two_path, 0, &found), 1);
    assert_int_equal(found, 1);
    assert_int_equal(yd_reading_find_document(paths, 1, two_path, 1, &found), 0);

    /* Worth finding the corpus root only when a corpus's last document is
     * at (or just after) its old index among the paths. */
    assert_int_equal(yd_reading_resume_candidate(&s, paths, 2), 0); /* none remembered */
    assert_int_equal(yd_state_set_corpus_document(&s, dir, two_path, 0), YD_OK);
    assert_int_equal(yd_reading_resume_candidate(&s, paths, 2), 1); /* one after its index */
    const char *only_one[] = {one_path};
    assert_int_equal(yd_reading_resume_candidate(&s, only_one, 1), 0);
    const char *before_it[] = {two_path, one_path};
    assert_int_equal(yd_state_set_corpus_document(&s, dir, two_path, 1), YD_OK);
    assert_int_equal(yd_reading_resume_candidate(&s, before_it, 2), 0); /* before its index */
    yd_reading_memory_free(&m);
    yd_state_free(&s);
    yd_document_free(&one);
    yd_document_free(&two);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_character_on_top),
        cmocka_unit_test(test_scrolling_moves_the_place),
        cmocka_unit_test(test_reading_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
