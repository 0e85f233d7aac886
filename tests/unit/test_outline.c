/* Outline detection: every rule and every guard of docs/OUTLINE.md on small
 * documents written for these tests, then the fixtures under
 * tests/fixtures/outline (a regulation, a novel, Markdown notes, Traditional
 * Chinese, a saved web page) and the bundled guide's format showcase.
 *
 * An outline is compared as text, one node a line:
 *   LINE DEPTH KIND TITLE      (KIND: A article, H heading, I item)
 * which keeps each expectation readable next to its document. */
#include "test_util.h"
#include "yuedu/document.h"
#include "yuedu/outline.h"

static void load(yd_document *doc, const char *text)
{
    yd_error err = {0};
    if (yd_document_from_bytes(doc, "mem.txt", (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
        fail_msg("load failed: %s", err.message);
}

/* The outline of doc in the compact form above; malloc'ed. */
static char *dump(const yd_document *doc, const yd_outline *o)
{
    size_t cap = 256 + (size_t)o->count * 512, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = 0;
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        UChar buf[300];
        int32_t tl = yd_outline_node_title(doc, n, buf, 300);
        assert_true(tl <= 300);
        char *title = utf8_of(buf, tl);
        len += (size_t)snprintf(out + len, cap - len, "%d %d %c %s\n", n->line + 1, n->depth,
                                n->kind == YD_NODE_ARTICLE ? 'A' : n->kind == YD_NODE_ITEM ? 'I' : 'H', title);
        free(title);
        assert_true(len < cap);
    }
    return out;
}

/* Check the structure's own invariants: parents precede children, depth is
 * the parent's plus one, subtrees nest, the heading count is right. */
static void check_invariants(const yd_outline *o)
{
    int32_t headings = 0;
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        if (n->parent < 0) {
            assert_int_equal(n->depth, 1);
        } else {
            assert_true(n->parent < i);
            const yd_outline_node *p = &o->nodes[n->parent];
            assert_int_equal(n->depth, p->depth + 1);
            assert_true(p->end >= n->end);
            assert_int_not_equal(p->kind, YD_NODE_ITEM);
        }
        assert_true(n->end > i && n->end <= o->count);
        if (i > 0)
            assert_true(n->offset > o->nodes[i - 1].offset);
        headings += n->kind != YD_NODE_ITEM;
    }
    assert_int_equal(headings, o->headings);
}

static void expect_outline_doc(const yd_document *doc, const char *want)
{
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_outline_build(&o, doc, &err), YD_OK);
    check_invariants(&o);
    char *got = dump(doc, &o);
    if (strcmp(got, want) != 0)
        print_error("outline differs\n--- want\n%s--- got\n%s", want, got);
    assert_string_equal(got, want);
    free(got);
    yd_outline_free(&o);
}

static void expect_outline(const char *text, const char *want)
{
    yd_document d;
    load(&d, text);
    expect_outline_doc(&d, want);
    yd_document_free(&d);
}

/* The document title found in text, as UTF-8 ("" when none). */
static void expect_doc_title(const char *text, const char *want)
{
    yd_document d;
    yd_outline o;
    load(&d, text);
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    UChar buf[200];
    int32_t n = yd_outline_clean_title(d.text, o.title_start, o.title_length, buf, 200);
    char *got = utf8_of(buf, n);
    assert_string_equal(got, want);
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* ---- article markers ---------------------------------------------------- */

static void test_article_markers(void **state)
{
    (void)state;
    expect_outline("第一篇 春\n春天来了，河边的柳树发了芽。\n"
                   "第 2 篇：夏\n夏天的雨说来就来。\n"
                   "篇三　秋\n秋天适合读长书。\n"
                   "第四篇\n冬天很长。\n",
                   "1 1 A 第一篇 春\n3 1 A 第 2 篇：夏\n5 1 A 篇三 秋\n7 1 A 第四篇\n");
    /* 编 部分 卷 讲, Arabic numerals, no space before the title */
    expect_outline("第一编 总论\n这一编讲总的原则。\n第一部分 背景\n背景写在这里。\n"
                   "第二部分 做法\n做法写在这里。\n第二编 分论\n这一编讲具体问题。\n",
                   "1 1 A 第一编 总论\n3 2 A 第一部分 背景\n5 2 A 第二部分 做法\n7 1 A 第二编 分论\n");
    expect_outline("第1讲总论\n第一讲的正文写在这里。\n第2讲分论\n第二讲的正文写在这里。\n",
                   "1 1 A 第1讲总论\n3 1 A 第2讲分论\n");
}

static void test_article_colon_alone(void **state)
{
    (void)state;
    /* 一: or 一：alone on a line is a marker; with text after it is not. */
    expect_outline("开场白写在这里，说明一共有两篇。\n\n一:\n第一篇讲话的正文。\n一、开头\n正文。\n"
                   "二：\n第二篇讲话的正文。\n一、再开头\n正文。\n三：后面还有字的不算。\n",
                   "3 1 A 一:\n5 2 H 一、开头\n7 1 A 二：\n9 2 H 一、再开头\n");
}

static void test_article_suffix(void **state)
{
    (void)state;
    /* "…篇一" closing a short title: a part of a compilation. 上一篇 is a link. */
    expect_outline("# 读书心得汇编（三篇）\n\n## 读书心得篇一\n\n正文一。\n\n## 读书心得篇二\n\n正文二。\n\n"
                   "上一篇\n下一篇\n",
                   "3 1 A 读书心得篇一\n7 1 A 读书心得篇二\n");
}

static void test_article_levels_and_reset(void **state)
{
    (void)state;
    /* Headings nest in the innermost article; their levels are inferred
     * afresh in each article. */
    expect_outline("第一章 甲\n（一）先出现的是带括号的\n正文。\n一、后出现的\n正文。\n"
                   "第二章 乙\n一、这一章先用顿号\n正文。\n（一）再用括号\n正文。\n",
                   "1 1 A 第一章 甲\n2 2 H （一）先出现的是带括号的\n4 3 H 一、后出现的\n"
                   "6 1 A 第二章 乙\n7 2 H 一、这一章先用顿号\n9 3 H （一）再用括号\n");
}

static void test_bare_marker_takes_next_title(void **state)
{
    (void)state;
    expect_outline("第一章\n风起\n　　那天的风很大。\n第二章\n\n雨落\n　　雨一直下到天亮。\n",
                   "1 1 A 第一章 风起\n4 1 A 第二章 雨落\n");
}

static void test_article_restated_title(void **state)
{
    (void)state;
    /* A line repeating the article's title is its title, not a section;
     * a different short line after the marker is a section. */
    expect_outline("第一篇：在实践中学习\n在实践中学习\n学习要联系实际。这是第一篇的正文。\n"
                   "第二篇：读书方法\n精读\n精读要慢，要做笔记。\n泛读\n泛读要快，抓住大意。\n",
                   "1 1 A 第一篇：在实践中学习\n4 1 A 第二篇：读书方法\n5 2 H 精读\n7 2 H 泛读\n");
}

static void test_group_title(void **state)
{
    (void)state;
    /* A short line above an article marker names a group of articles. */
    expect_outline("这个文件收了两份材料。\n\n读书会章程\n第一章 总则\n第一条 本会以读书为乐。\n"
                   "第二章 会员\n第二条 会员自愿参加。\n\n夜读记\n第一回　灯下\n　　夜里读书，灯很暗。\n",
                   "3 1 A 读书会章程\n4 2 A 第一章 总则\n5 3 I 第一条 本会以读书为乐\n"
                   "6 2 A 第二章 会员\n7 3 I 第二条 会员自愿参加\n9 1 A 夜读记\n10 2 A 第一回 灯下\n");
}

/* ---- numbered headings -------------------------------------------------- */

static void test_levels_by_first_appearance(void **state)
{
    (void)state;
    expect_outline("一、总体要求\n正文。\n（一）指导思想\n正文。\n1.基本原则\n正文。\n（1）坚持实事求是\n正文。\n"
                   "（2）坚持循序渐进\n正文。\n2.工作目标\n正文。\n（二）主要任务\n正文。\n二、保障措施\n正文。\n",
                   "1 1 H 一、总体要求\n3 2 H （一）指导思想\n5 3 H 1.基本原则\n7 4 H （1）坚持实事求是\n"
                   "9 4 H （2）坚持循序渐进\n11 3 H 2.工作目标\n13 2 H （二）主要任务\n15 1 H 二、保障措施\n");
}

static void test_skipped_and_reversed_levels(void **state)
{
    (void)state;
    /* 一、 straight to 1.: 1. is the second level, no empty level. */
    expect_outline("一、甲\n正文。\n1.子项\n正文。\n（1）孙项\n正文。\n二、乙\n正文。\n（一）新出现\n正文。\n",
                   "1 1 H 一、甲\n3 2 H 1.子项\n5 3 H （1）孙项\n7 1 H 二、乙\n9 2 H （一）新出现\n");
    /* （一） before 一、: in this document （一） is the outer level. */
    expect_outline("（一）外层\n正文。\n一、内层\n正文。\n（二）外层再来\n正文。\n",
                   "1 1 H （一）外层\n3 2 H 一、内层\n5 1 H （二）外层再来\n");
}

static void test_style_variants(void **state)
{
    (void)state;
    /* 1、 1. 1． are one style; (一) and （一） are one style; 1) is its own. */
    expect_outline("（一）全角括号\n正文。\n1、顿号\n正文。\n2.半角点\n正文。\n3．全角点\n正文。\n"
                   "1) 半括号\n正文。\n(二)半角括号\n正文。\n(1)半角数字括号\n正文。\n（2）全角数字括号\n正文。\n",
                   "1 1 H （一）全角括号\n3 2 H 1、顿号\n5 2 H 2.半角点\n7 2 H 3．全角点\n9 3 H 1) 半括号\n"
                   "11 1 H (二)半角括号\n13 2 H (1)半角数字括号\n15 2 H （2）全角数字括号\n");
    /* decimal outline numbering 1.1 with a space; 一） half bracket */
    expect_outline("1. 引言\n正文。\n1.1 背景\n正文。\n1.2 目标\n正文。\n2. 方法\n正文。\n一）另一种\n正文。\n",
                   "1 1 H 1. 引言\n3 2 H 1.1 背景\n5 2 H 1.2 目标\n7 1 H 2. 方法\n9 2 H 一）另一种\n");
}

static void test_repeated_number_both_headings(void **state)
{
    (void)state;
    expect_outline("三、第一个三\n正文。\n三、第二个三\n正文。\n四、四个方面\n正文。\n一、一般规定\n正文。\n",
                   "1 1 H 三、第一个三\n3 1 H 三、第二个三\n5 1 H 四、四个方面\n7 1 H 一、一般规定\n");
}

static void test_run_in_titles(void **state)
{
    (void)state;
    expect_outline("一、提高认识。要认真学习有关文件，把握精神实质。\n"
                   "二、以读促写 每周完成一篇读书笔记，字数不限，贵在坚持下去。\n"
                   "三、书签　按 m 就能在当前位置加书签，名称可以随时修改，备注也可以。\n"
                   "四、主要做法：先读目录，再读正文，最后写摘要，一步也不要省略。\n"
                   "五、加强领导，明确责任。\n"
                   "六、认识 yuedu 的大纲\n正文。\n"
                   "七、创先争优 加速发展\n正文。\n"
                   "（一）读得懂！后面是正文。\n",
                   "1 1 H 一、提高认识\n2 1 H 二、以读促写\n3 1 H 三、书签\n4 1 H 四、主要做法\n"
                   "5 1 H 五、加强领导，明确责任\n6 1 H 六、认识 yuedu 的大纲\n8 1 H 七、创先争优 加速发展\n"
                   "10 2 H （一）读得懂\n");
}

static void test_long_title_truncated(void **state)
{
    (void)state;
    expect_outline("一、这是一个非常非常长的标题它没有任何标点符号所以一直写下去一直写下去一直写下去一直写下去"
                   "一直写下去一直写下去直到超过限制为止\n正文。\n",
                   "1 1 H 一、这是一个非常非常长的标题它没有任何标点符号所以一直写下去一直写下去一直写下去一直写下去"
                   "一直写下去一直写下去直到超过限…\n");
}

/* ---- Markdown ----------------------------------------------------------- */

static void test_markdown_levels(void **state)
{
    (void)state;
    /* Unnumbered: levels from the # count. Numbered: from the numbering,
     * whatever the # count (## and ### for the same level). */
    expect_outline("# 笔记\n\n## 缘起\n\n正文。\n\n### 细节\n\n正文。\n\n## 一、编号\n\n### （一）常见\n\n正文。\n\n"
                   "## （二）少见\n\n正文。\n\n### 二、小结 ##\n\n正文。\n\n## 附录\n\n正文。\n",
                   "3 1 H 缘起\n7 2 H 细节\n11 1 H 一、编号\n13 2 H （一）常见\n17 2 H （二）少见\n21 1 H 二、小结\n"
                   "25 1 H 附录\n");
}

static void test_markdown_lists(void **state)
{
    (void)state;
    /* In a Markdown file "1. " and "1) " start list entries; Chinese
     * numbering and "1、" stay headings. In a plain text file "1. " is a
     * heading. */
    const char *text = "正文开头。\n\n1. 第一点\n2. 第二点\n\n一、标题\n\n正文。\n\n1、小标题\n\n正文。\n\n3) 列表\n";
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "notes.MD", (const unsigned char *)text, strlen(text), NULL, &err),
                     YD_OK);
    expect_outline_doc(&d, "6 1 H 一、标题\n10 2 H 1、小标题\n");
    yd_document_free(&d);
    expect_outline(text, "3 1 H 1. 第一点\n4 1 H 2. 第二点\n6 2 H 一、标题\n10 1 H 1、小标题\n14 2 H 3) 列表\n");
}

static void test_markdown_not_headings(void **state)
{
    (void)state;
    /* #tag without a space, ####### (seven), lines inside a code fence. */
    expect_outline("正文开头。\n\n#标签\n\n####### 七个井号\n\n```\n# 代码里的注释\n一、代码里的编号\n```\n\n"
                   "~~~\n## 另一种围栏\n~~~\n\n## 真的标题\n\n正文。\n",
                   "16 1 H 真的标题\n");
}

/* ---- unnumbered title lines -------------------------------------------- */

static void test_plain_titles(void **state)
{
    (void)state;
    expect_outline("开头是一段正文，说明这份材料的来历。\n放慢的时候\n遇到关键的论证，不妨停下来。\n"
                   "加快的时候，也别太快\n背景介绍可以略读。\n",
                   "2 1 H 放慢的时候\n4 1 H 加快的时候，也别太快\n");
    /* indented with full-width spaces like the paragraphs around it: prose */
    expect_outline("第一回　雨夜\n　　那一夜雨很大。\n　　三天以后\n　　雨停了。\n", "1 1 A 第一回 雨夜\n");
}

static void test_plain_title_guards(void **state)
{
    (void)state;
    /* ends in 。 however short; longer than 30 characters; a salutation; a
     * lead-in ending in a colon; nothing after it; a date line. */
    expect_outline("开头是一段正文。\n本文分为三篇。\n"
                   "这一行没有句末标点但是它实在太长了所以不能算作标题只能算作正文\n正文。\n"
                   "同志们：\n正文。\n下面我讲三点意见：\n正文。\n2024年5月8日\n正文。\n"
                   "作者：李明\n正文。\n最后一行",
                   "");
}

static void test_plain_title_not_below_numbers(void **state)
{
    (void)state;
    /* Once numbered headings have begun, a short line does not slip in
     * below them; where unnumbered titles opened the level, they go on. */
    expect_outline("一、甲\n正文。\n小标题\n正文。\n", "1 1 H 一、甲\n");
    expect_outline("前言写在这里。\n读书的方法\n正文。\n（一）精读\n正文。\n写作的方法\n正文。\n（一）多写\n正文。\n",
                   "2 1 H 读书的方法\n4 2 H （一）精读\n6 1 H 写作的方法\n8 2 H （一）多写\n");
}

static void test_runs_of_short_lines(void **state)
{
    (void)state;
    /* Related links at the end of a page, a banner: no node in a run. */
    expect_outline("开头是正文。\n标题甲\n正文。\n相关阅读\n如何读长文\n简繁转换的陷阱\n给文档编目录\n",
                   "2 1 H 标题甲\n");
    expect_outline("仅供学习\n会员专享\n欢迎订阅\n\n正文开始了，没有标题。\n", "");
    expect_doc_title("仅供学习\n会员专享\n欢迎订阅\n\n正文开始了，没有标题。\n", "");
}

static void test_paragraph_tail(void **state)
{
    (void)state;
    /* The short second half of a paragraph broken across lines. */
    expect_outline("开头是正文。\n这一段被编辑器折成了两行，第二行很短，也没有句末标点，可它只是上一行的\n后半句\n"
                   "正文继续。\n",
                   "");
}

static void test_signature_is_not_a_heading(void **state)
{
    (void)state;
    /* A short line followed only by a date closes the document. */
    expect_outline("正文写在这里。\n小标题\n正文。\n\n灯下读书会\n2024年3月25日\n", "2 1 H 小标题\n");
}

static void test_document_title(void **state)
{
    (void)state;
    expect_outline("阅读指南\n各位读者：\n欢迎使用。\n", "");
    expect_doc_title("阅读指南\n各位读者：\n欢迎使用。\n", "阅读指南");
    expect_doc_title("# 读书笔记 第三册\n\n正文。\n", "读书笔记 第三册");
    /* after a breadcrumb and a date line */
    expect_doc_title("首页 > 文章\n发布时间：2023-04-01\n阅读的节奏\n\n正文。\n", "阅读的节奏");
    expect_doc_title("一、开门见山\n正文。\n", "");
    /* the title with a byline under it; a heading after a blank line */
    expect_outline("机关读书会讲话\n2024年11月24日\n\n开场\n今天我们谈读书。\n", "4 1 H 开场\n");
}

static void test_front_and_back_matter(void **state)
{
    (void)state;
    /* 前言 and 后记 are top nodes wherever they stand; back matter adopts
     * what follows it, front matter nothing. Spaced out is the same word. */
    expect_outline("书名\n\n前　言\n这本小书写给在终端里读书的人。\n一、缘起\n正文。\n二、做法\n正文。\n（一）细节\n正文。\n"
                   "附录\n一、术语表\n正文。\n后记\n写完这本书，已是深秋。\n",
                   "3 1 H 前 言\n5 1 H 一、缘起\n7 1 H 二、做法\n9 2 H （一）细节\n11 1 H 附录\n12 2 H 一、术语表\n"
                   "14 1 H 后记\n");
    expect_outline("楔子\n　　很多年以后，他还记得那个雨夜。\n第一回　雨夜\n　　正文。\n尾声\n　　故事讲完了。\n",
                   "1 1 H 楔子\n3 1 A 第一回 雨夜\n5 1 H 尾声\n");
}

static void test_table_of_contents(void **state)
{
    (void)state;
    /* Entries with a leader and a page number are the contents, not the
     * chapters. */
    expect_outline("目录\n第一章 总则……1\n第二章 借阅…………3\n一、借书......5\n\n第一章 总则\n正文。\n",
                   "1 1 H 目录\n6 1 A 第一章 总则\n");
}

/* ---- items ---------------------------------------------------------------- */

static void test_items(void **state)
{
    (void)state;
    expect_outline("一、甲\n一是多读。读得多了，自然会写。\n二是多写。\n一要勤快。\n二要坚持。\n"
                   "第一，先读目录。\n第二、再读正文。\n首先，打开文件。\n其次，看大纲。\n再次，做笔记。\n"
                   "最后，写摘要。\n其一，不求快。\n（一）乙\n正文。\n一方面，这不是条目。\n",
                   "1 1 H 一、甲\n2 2 I 一是多读\n3 2 I 二是多写\n4 2 I 一要勤快\n5 2 I 二要坚持\n"
                   "6 2 I 第一，先读目录\n7 2 I 第二、再读正文\n8 2 I 首先，打开文件\n9 2 I 其次，看大纲\n"
                   "10 2 I 再次，做笔记\n11 2 I 最后，写摘要\n12 2 I 其一，不求快\n13 2 H （一）乙\n");
}

static void test_items_do_not_change_levels(void **state)
{
    (void)state;
    /* Items before any heading sit at the top; they never open a level. */
    expect_outline("一是先说。\n一、甲\n第一，条目。\n（一）乙\n二是后说。\n（二）丙\n",
                   "1 1 I 一是先说\n2 1 H 一、甲\n3 2 I 第一，条目\n4 2 H （一）乙\n5 3 I 二是后说\n"
                   "6 2 H （二）丙\n");
}

/* ---- guards -------------------------------------------------------------- */

static void test_digit_continuations(void **state)
{
    (void)state;
    /* A wrapped paragraph whose next line starts with a digit, a decimal,
     * numbers listed in a sentence. */
    expect_outline("今年以来，我们坚持每周开展一次活动，到年底全年共举办读书会\n12场，参加的人越来越多。\n"
                   "和去年相比，参加读书会的人数有了明显的增加，同比增长了\n2.5个百分点，其中\n3、4月份最多。\n"
                   "参加活动的会员按照入会的时间先后被分成了新老两组，按照会员的年龄又分为\n一、二两组。\n"
                   "会员的借阅量比去年同期又有所提高，从全年的统计数字来看，总体上增长\n5%以上，读书的风气越来越浓。\n"
                   "2023年是开局之年。\n",
                   "");
}

static void test_clauses_are_body(void **state)
{
    (void)state;
    /* （一）…；（二）…；（三）…。 is one enumeration, not three headings. */
    expect_outline("第一章 借阅\n第四条 借书时应当登记下列信息：\n（一）借书人姓名；\n（二）书名和册数；\n（三）借出日期。\n"
                   "第五条 还书时当面点清。\n",
                   "1 1 A 第一章 借阅\n2 2 I 第四条 借书时应当登记下列信息\n6 2 I 第五条 还书时当面点清\n");
}

static void test_chapter_mentions(void **state)
{
    (void)state;
    /* A chapter named inside a sentence, indented in body text, followed by
     * prose words, or by a comma. */
    expect_outline("第一章 开端\n　　故事从这里开始。\n　　第二章里说到的那套书，其实缺了两卷\n"
                   "第三章的内容更短\n第二章，我们换一个话题\n　　故事接着讲。\n第二章 发展\n　　故事继续。\n",
                   "1 1 A 第一章 开端\n7 1 A 第二章 发展\n");
}

static void test_novel_titles_with_wide_spaces(void **state)
{
    (void)state;
    /* 第一回　A　B: the whole line is the title, wide spaces collapsed. */
    expect_outline("第一回　旧书摊前得长卷　终端窗里识大纲\n　　话说城东有一位读者。\n"
                   "第二回　一字之差寻不见　简繁折叠显神通\n　　过了几天。\n",
                   "1 1 A 第一回 旧书摊前得长卷 终端窗里识大纲\n3 1 A 第二回 一字之差寻不见 简繁折叠显神通\n");
}

static void test_traditional(void **state)
{
    (void)state;
    expect_outline("第一編 總則\n第一節 目的\n第一條 本會以讀書為樂。\n第二節 會員\n第二條 會員自願參加。\n"
                   "第二編 附則\n一、生效\n本規則公布後施行。\n",
                   "1 1 A 第一編 總則\n2 2 A 第一節 目的\n3 3 I 第一條 本會以讀書為樂\n4 2 A 第二節 會員\n"
                   "5 3 I 第二條 會員自願參加\n6 1 A 第二編 附則\n7 2 H 一、生效\n");
}

/* ---- text and structure ---------------------------------------------------- */

static void test_line_numbers_with_crlf_and_blank_lines(void **state)
{
    (void)state;
    expect_outline("\r\n\r\n正文。\r\n一、甲\r\n正文。\r\r二、乙\r\n", "4 1 H 一、甲\n7 1 H 二、乙\n");
}

static void test_empty_documents(void **state)
{
    (void)state;
    expect_outline("", "");
    expect_outline("\n\n\n", "");
    expect_outline("　　\n\t\n", "");
    expect_outline("一、", "1 1 H 一、\n");
}

static void test_title_cleaning(void **state)
{
    (void)state;
    /* Tabs and runs of spaces collapse to one space; controls are kept for
     * the caller to show safely. */
    expect_outline("第一章\t总\u3000\u3000则  \n正文。\n", "1 1 A 第一章 总 则\n");
    yd_document d;
    yd_outline o;
    load(&d, "一、红\x1b[31m色\n正文。\n");
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    assert_int_equal(o.count, 1);
    UChar buf[32];
    int32_t n = yd_outline_node_title(&d, &o.nodes[0], buf, 32);
    assert_int_equal(n, 9);
    assert_int_equal(buf[3], 0x1B);
    /* preflighting: a short buffer still reports the full length */
    assert_int_equal(yd_outline_node_title(&d, &o.nodes[0], buf, 2), 9);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_node_at_and_ends(void **state)
{
    (void)state;
    yd_document d;
    yd_outline o;
    load(&d, "前言。\n一、甲\n正文。\n（一）乙\n正文。\n二、丙\n正文。\n");
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    assert_int_equal(o.count, 3);
    assert_int_equal(yd_outline_node_at(&o, 0), -1);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[1]), 0);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[2] + 1), 0);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[4]), 1);
    assert_int_equal(yd_outline_node_at(&o, d.length), 2);
    assert_int_equal(o.nodes[0].end, 2);
    assert_int_equal(o.nodes[1].end, 2);
    assert_int_equal(o.nodes[2].end, 3);
    assert_int_equal(o.nodes[1].parent, 0);
    assert_int_equal(o.headings, 3);
    assert_string_equal(yd_node_kind_name(YD_NODE_ARTICLE), "article");
    assert_string_equal(yd_node_kind_name(YD_NODE_ITEM), "item");
    yd_outline_free(&o);
    yd_outline_free(&o); /* freeing twice is harmless */
    yd_document_free(&d);
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    /* More distinct styles than any document uses, and many articles:
     * depth stays bounded and the structure consistent. */
    char *text = malloc(1 << 20);
    assert_non_null(text);
    size_t len = 0;
    for (int r = 0; r < 200; r++)
        len += (size_t)sprintf(text + len, "第%d章 章\n第%d节 节\n一、甲\n（一）乙\n1.丙\n（1）丁\n1) 戊\n一）己\n①庚\n"
                                           "1.1 辛\n1.1.1 壬\n## 癸\n### 子\n#### 丑\n正文。\n",
                               r + 1, r + 1);
    yd_document d;
    load(&d, text);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    assert_int_equal(o.count, 200 * 14);
    for (int32_t i = 0; i < o.count; i++)
        assert_true(o.nodes[i].depth <= 14);
    yd_outline_free(&o);
    yd_document_free(&d);
    free(text);
}

/* ---- fixture files ---------------------------------------------------------- */

static void expect_file(const char *name, const char *want)
{
    yd_document d;
    yd_error err = {0};
    if (yd_document_load(&d, fixture(name), NULL, &err) != YD_OK)
        fail_msg("cannot load %s: %s", name, err.message);
    expect_outline_doc(&d, want);
    yd_document_free(&d);
}

static void test_fixture_regulation(void **state)
{
    (void)state;
    expect_file("outline/regulation.txt",
                "3 1 A 第一章 总则\n"
                "4 2 I 第一条 为了管好社区图书角，方便居民借阅，制定本办法\n"
                "5 2 I 第二条 图书角向本社区全体居民开放，借阅不收费用\n"
                "6 1 A 第二章 借阅\n"
                "7 2 A 第一节 借书\n"
                "8 3 I 第三条 居民凭门禁卡借书，每次不超过三册\n"
                "9 3 I 第四条 借书时应当登记下列信息\n"
                "13 2 A 第二节 还书\n"
                "14 3 I 第五条 借期为三十天，到期可以续借一次\n"
                "16 1 A 第三章 附则\n"
                "17 2 I 第六条 本办法自公布之日起施行\n");
}

static void test_fixture_novel(void **state)
{
    (void)state;
    expect_file("outline/novel.txt", "3 1 A 第一回 雨夜借书遇故人 灯前论字识新知\n"
                                     "6 1 A 第二回 翻检旧志寻地名 比对异文见真章\n"
                                     "12 1 A 第三回 月下归途\n");
}

static void test_fixture_markdown_notes(void **state)
{
    (void)state;
    expect_file("outline/notes.md", "5 1 H 缘起\n9 1 H 一、标题的编号\n11 2 H （一）常见的编号\n15 3 H 1. 一个例子\n"
                                    "19 2 H （二）井号个数不可靠\n30 1 H 二、小结\n");
}

static void test_fixture_traditional(void **state)
{
    (void)state;
    expect_file("outline/traditional.txt", "3 1 A 第一講 為什麼要讀長文\n4 2 H 一、長文的難處\n6 2 H 二、幾個辦法\n"
                                           "7 3 H （一）先看大綱\n9 3 H （二）邊讀邊記\n"
                                           "10 4 I 首先，把每一節的要點寫在旁邊\n11 4 I 其次，讀完一篇再回頭對照大綱\n"
                                           "12 1 A 第二講 工具的選擇\n13 2 H 一、終端裡的閱讀器\n");
}

static void test_fixture_webpage(void **state)
{
    (void)state;
    expect_file("outline/webpage.txt", "7 1 H 放慢的时候\n10 1 H 加快的时候\n");
}

static void test_fixture_hard_wrapped(void **state)
{
    (void)state;
    /* Every paragraph broken at 48 columns: a first line that happens to
     * look like a title is not one; the list of attachments (附件：1.… 2.…)
     * and the signature are not headings either. */
    expect_file("outline/wrapped.txt", "7 1 H 一、活动时间\n10 1 H 二、活动内容\n11 2 H （一）共读一本书\n"
                                       "14 2 H （二）撰写读书笔记\n17 1 H 三、有关要求\n");
    /* the same guard where no numbered heading would have refused the line */
    expect_outline("前言。\n\n书名号里的书要读完\n读书的时候要做笔记，做笔记的时候要写下自己的\n想法，不要只抄原文。\n"
                   "读完一本书要写一段总结，总结的时候要回头看一\n遍笔记，看看当时的想法。\n"
                   "每个月要和朋友交流一次，交流的时候要带着书，\n把画线的句子读给对方听。\n",
                   "3 1 H 书名号里的书要读完\n");
}

static void test_bundled_guide_showcase(void **state)
{
    (void)state;
    /* docs/guide/04: the traps the guide itself describes. */
    yd_document d;
    yd_error err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/guide/04-格式示例.txt", YD_SOURCE_DIR);
    if (yd_document_load(&d, path, NULL, &err) != YD_OK)
        skip_missing("%s", path);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    char *got = dump(&d, &o);
    /* chapters under the group title, sections under chapters, articles (条) as items */
    assert_non_null(strstr(got, "4 1 A 灯下读书会章程\n5 2 A 第一章 总则\n6 3 I "));
    assert_non_null(strstr(got, "10 3 A 第一节 会员\n"));
    /* the whole 第一回 line is the title */
    assert_non_null(strstr(got, "24 2 A 第一回 旧书摊前得长卷 终端窗里识大纲\n"));
    assert_non_null(strstr(got, "37 2 A 篇一 标题为什么要编号\n"));
    assert_non_null(strstr(got, "47 2 A 一:\n"));
    assert_non_null(strstr(got, "63 3 H (1) 打开文件夹\n"));
    assert_non_null(strstr(got, "70 3 H 段落与缩进\n"));
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_bundled_guide_traps(void **state)
{
    (void)state;
    /* docs/guide/02: salutation, a short line ending in 。, continuation
     * lines that start with a digit, run-in headings after 。 and after a
     * full-width space. */
    yd_document d;
    yd_error err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/guide/02-閱讀指南.txt", YD_SOURCE_DIR);
    if (yd_document_load(&d, path, NULL, &err) != YD_OK)
        skip_missing("%s", path);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    char *got = dump(&d, &o);
    assert_int_equal(o.title_line, 0); /* yuedu 閱讀指南 names the document */
    assert_true(strncmp(got, "5 1 A 第一篇 認識大綱\n6 2 H 一、大綱是怎麼來的\n", 40) == 0);
    assert_non_null(strstr(got, "\n16 3 H （三）標題與正文連寫\n"));
    assert_non_null(strstr(got, "\n19 3 H 1、稱呼語\n"));
    assert_non_null(strstr(got, "\n25 3 I 一是條列項目"));
    assert_non_null(strstr(got, "\n68 3 H （一）畫面上出現奇怪的符號\n73 3 H （二）終端機太窄\n"));
    for (int32_t i = 0; i < o.count; i++) {
        int32_t line = o.nodes[i].line + 1;
        assert_true(line != 2 && line != 4 && line != 29 && line != 70 && line != 71 && line != 85);
    }
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_markers),
        cmocka_unit_test(test_article_colon_alone),
        cmocka_unit_test(test_article_suffix),
        cmocka_unit_test(test_article_levels_and_reset),
        cmocka_unit_test(test_bare_marker_takes_next_title),
        cmocka_unit_test(test_article_restated_title),
        cmocka_unit_test(test_group_title),
        cmocka_unit_test(test_levels_by_first_appearance),
        cmocka_unit_test(test_skipped_and_reversed_levels),
        cmocka_unit_test(test_style_variants),
        cmocka_unit_test(test_repeated_number_both_headings),
        cmocka_unit_test(test_run_in_titles),
        cmocka_unit_test(test_long_title_truncated),
        cmocka_unit_test(test_markdown_levels),
        cmocka_unit_test(test_markdown_lists),
        cmocka_unit_test(test_markdown_not_headings),
        cmocka_unit_test(test_plain_titles),
        cmocka_unit_test(test_plain_title_guards),
        cmocka_unit_test(test_plain_title_not_below_numbers),
        cmocka_unit_test(test_runs_of_short_lines),
        cmocka_unit_test(test_paragraph_tail),
        cmocka_unit_test(test_signature_is_not_a_heading),
        cmocka_unit_test(test_document_title),
        cmocka_unit_test(test_front_and_back_matter),
        cmocka_unit_test(test_table_of_contents),
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_items_do_not_change_levels),
        cmocka_unit_test(test_digit_continuations),
        cmocka_unit_test(test_clauses_are_body),
        cmocka_unit_test(test_chapter_mentions),
        cmocka_unit_test(test_novel_titles_with_wide_spaces),
        cmocka_unit_test(test_traditional),
        cmocka_unit_test(test_line_numbers_with_crlf_and_blank_lines),
        cmocka_unit_test(test_empty_documents),
        cmocka_unit_test(test_title_cleaning),
        cmocka_unit_test(test_node_at_and_ends),
        cmocka_unit_test(test_deep_nesting_is_bounded),
        cmocka_unit_test(test_fixture_regulation),
        cmocka_unit_test(test_fixture_novel),
        cmocka_unit_test(test_fixture_markdown_notes),
        cmocka_unit_test(test_fixture_traditional),
        cmocka_unit_test(test_fixture_webpage),
        cmocka_unit_test(test_fixture_hard_wrapped),
        cmocka_unit_test(test_bundled_guide_showcase),
        cmocka_unit_test(test_bundled_guide_traps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
