/* test_clean.c - the cleaner: rule classes, inline clean-ups, scoring and
 * smoothing, zones, titles, cross-document boilerplate, pathological
 * input. */
#include "helpers.h"

#include "../clean/clean_internal.h"
#include "../util/kb_limits.h"

#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif

/* Two paragraphs of prose, long enough to be content on their own. */
#define PARA1                                                                  \
	"Lower back pain is one of the most common reasons people see a "      \
	"doctor, and most of the time it gets better on its own within a "     \
	"few weeks. Staying active, using heat and taking short walks "        \
	"during the day help the muscles relax and recover."
#define PARA2                                                                  \
	"If the pain spreads down one leg, comes with numbness or "            \
	"weakness, or follows a fall, it is a good idea to have it "           \
	"checked, because these signs can point to a nerve that is "           \
	"pinched or to an injury that needs more than rest."
#define PARA3                                                                  \
	"Gentle stretching in the morning and evening keeps the hips and "     \
	"the back supple, and a short routine of five minutes is easier "      \
	"to keep up than a long one that is skipped on busy days."

static kb_cleaner_t *cl;

static char *
read_stopwords(size_t *len)
{
	FILE *f = fopen(KB_SRCDIR "/stopwords/english.txt", "rb");
	char *buf;
	long n;

	if (f == NULL) {
		/* Enough of a list for the tests. */
		static const char w[] = "a\nan\nthe\nof\nto\nin\non\nand\nor\n"
		                        "is\nare\nit\nthat\nthis\nwith\nfor\n"
		                        "be\nif\nas\nat\nby\nyou\nyour\n";
		*len = sizeof(w) - 1;
		return strdup(w);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int
setup(void **state)
{
	size_t len;
	char *sw = read_stopwords(&len);
	char *err = NULL;
	kb_status_t rc;

	(void)state;
	rc = kb_cleaner_new(sw, len, &cl, &err);
	free(sw);
	free(err);
	return rc == KB_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	kb_cleaner_free(cl);
	cl = NULL;
	return 0;
}

static kb_cleaned_t *
clean(const char *page)
{
	kb_cleaned_t *c = NULL;

	assert_int_equal(kb_cleaner_clean(cl, page, strlen(page), &c), KB_OK);
	assert_non_null(c);
	return c;
}

/* The first line whose raw text contains s. */
static const kb_clean_line_t *
line_with(const kb_cleaned_t *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->nlines; i++)
		if (strstr(c->lines[i].raw, s) != NULL)
			return &c->lines[i];
	fail_msg("no line contains \"%s\"", s);
	return NULL;
}

/* True when the cleaned text has a line equal to s. */
static int
has_line(const kb_cleaned_t *c, const char *s)
{
	const char *p = c->text;
	size_t n = strlen(s);

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len == n && memcmp(p, s, n) == 0)
			return 1;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* What a cleaned page must say of the first line holding a text. */
typedef struct line_want {
	const char *holds;	/* a text the line's raw text holds */
	int keep;		/* 1 kept, 0 dropped, EITHER unchecked */
	const char *rule;	/* the rule that decided it, or NULL */
} line_want_t;

#define EITHER (-1)

/* Cleans page and checks the n lines of want.  Returns the cleaned page
 * for further checks (to kb_cleaned_free). */
static kb_cleaned_t *
clean_checking(const char *page, const line_want_t *want, size_t n)
{
	kb_cleaned_t *c = clean(page);
	size_t i;

	for (i = 0; i < n; i++) {
		const kb_clean_line_t *l = line_with(c, want[i].holds);

		if ((want[i].keep != EITHER && !l->keep != !want[i].keep) ||
		    (want[i].rule != NULL && strcmp(l->rule, want[i].rule) != 0))
			fail_msg("\"%s\": %s by %s, expected %s by %s",
			         want[i].holds, l->keep ? "kept" : "dropped",
			         l->rule,
			         want[i].keep == EITHER ? "either"
			         : want[i].keep         ? "kept"
			                                : "dropped",
			         want[i].rule ? want[i].rule : "any rule");
	}
	return c;
}

#define CLEAN_CHECKING(page, want)                                        \
	clean_checking(page, want, sizeof(want) / sizeof(want[0]))

/* ---- one row per style of noise ---- */

typedef struct noise_row {
	const char *line;
	const char *rule;
} noise_row_t;

static const noise_row_t noise_rows[] = {
    /* site furniture above the article */
    {"Home > Health > Back care", "breadcrumb"},
    {"You are here: Home / Conditions / Back pain", "breadcrumb"},
    {"Current location: Home > Orthopedics > Text", "breadcrumb"},
    {"Home | News | Fitness | Diet | Mental Health", "nav_menu"},
    {"Home  Women  Community  Ask a Doctor  Tools", "nav_menu"},
    {"Log in | Sign up", "login"},
    {"Skip to main content", "login"},
    {"We use cookies to give you the best experience on our website.",
     "cookie"},
    {"Accept all  Reject all  Cookie settings", "cookie"},
    {"By using this site you agree to our Privacy Policy.", "cookie"},
    {"www.example-health.com", "site_header"},
    {"Trending: Sciatica · Neck pain · Shingles", "hot_search"},
    {"Get the app", "app_promo"},
    {"Follow us: Facebook | Instagram", "app_promo"},
    /* around and inside the article */
    {"Posted by Ana Riel on 2023-04-02 | 1,204 views", "byline"},
    {"Medically reviewed by Sam Lee, PT — Updated on April 12, 2022", "byline"},
    {"Last updated: 5 Jul 2017", "byline"},
    {"Omar Wilson, RD", "byline"},
    {"Share: Facebook | Twitter | Email | Print", "share"},
    {"Font size: A A A    Print this page", "share"},
    {"Advertisement", "advertisement"},
    {"[Ad]", "advertisement"},
    {"Sponsored Content", "advertisement"},
    {"Ads by Google", "advertisement"},
    {"Subscribe to our newsletter", "newsletter"},
    {"Enter your email address", "newsletter"},
    {"Image: iStock", "caption"},
    {"Photo by John Doe on Unsplash", "caption"},
    {"Publicité", "advertisement"},
    {"Print Friendly, PDF & Email", "share"},
    {"Back to Health A-Z", "nav_menu"},
    {"Lire la suite", "read_more"},
    {"View comments (3)", "comments"},
    {"About the author", "byline"},
    {"(Image source: Internet)", "caption"},
    {"Read more: Sciatica stretches", "read_more"},
    {"I hope everyone will find this helpful.", "filler"},
    {"Let's take a look together.", "filler"},
    {"----------", "separator"},
    {"Table of Contents", "toc"},
    /* after the article */
    {"<<: How to ease a stiff neck after a long drive?", "prev_next"},
    {">>: How can I sleep better on a long flight?", "prev_next"},
    {"Previous: Choosing your first pair of trail shoes", "prev_next"},
    {"Next article: Shin splints in the first month", "prev_next"},
    {"« Older post | Newer post »", "prev_next"},
    {"Newer post »", "prev_next"},
    {"PREV: Wolfram syndrome | NEXT: Mulibrey Nanism", "prev_next"},
    {"上一篇：Joubert syndrome", "prev_next"},
    {"下一篇：Essential Tremor", "prev_next"},
    {"Précédent : La sciatique", "prev_next"},
    {"Siguiente: Dolor de espalda", "prev_next"},
    {"Zurück", "prev_next"},
    {"Vorheriger Artikel: Rückenschmerzen", "prev_next"},
    {"Related articles:", "related"},
    {"You may also like", "related"},
    {"Dry skin in winter can be eased by a few sim...", "teaser"},
    {"Copyright © 2008-2020 CareCompass. All Rights Reserved.", "copyright"},
    {"© 2024 WellBack Daily", "copyright"},
    {"Disclaimer: This article is for general information only.", "disclaimer"},
    {"Tags: back pain, running, core strength", "tags"},
    {"Labels: sciatica, stretching", "tags"},
    {"3 comments", "comments"},
    {"Comments (12)", "comments"},
    {"Leave a comment", "comments"},
    {"Helpful (2951)  Not helpful (32)", "rating"},
    {"Was this article helpful? Yes No", "rating"},
    {"Page 1 of 3", "pagination"},
    {"1 2 3 Next »", "pagination"},
    {"京ICP备12345678号", "licence"},
    {"Privacy Policy · Terms of Service · Cookie Policy", "footer_links"},
};

static void
test_each_noise_style_is_dropped_by_its_rule(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(noise_rows) / sizeof(noise_rows[0]); i++) {
		char page[2048];
		kb_cleaned_t *c;
		const kb_clean_line_t *l;

		snprintf(page, sizeof(page),
		         "Back pain basics\n\n%s\n\n%s\n%s\n\n%s\n", PARA1,
		         noise_rows[i].line, PARA2, PARA3);
		c = clean(page);
		l = line_with(c, noise_rows[i].line);
		if (l->keep || strcmp(l->rule, noise_rows[i].rule) != 0)
			fail_msg("\"%s\": %s by %s, expected %s",
			         noise_rows[i].line,
			         l->keep ? "kept" : "dropped", l->rule,
			         noise_rows[i].rule);
		assert_true(has_line(c, PARA1));
		kb_cleaned_free(c);
	}
}

/* ---- inline clean-ups ---- */

typedef struct inline_row {
	const char *line;
	const char *kept;
} inline_row_t;

static const inline_row_t inline_rows[] = {
    {PARA2 " |", PARA2},
    {PARA2 " ...Read full article", PARA2},
    {PARA2 " [Read more]", PARA2},
    {PARA2 " (more)", PARA2},
    {PARA2 " Read more »", PARA2},
    {"If the pain spreads down one leg, see a doctor. I hope everyone "
     "will find this helpful. Rest helps most people within a week "
     "or two, and gentle walking speeds recovery.",
     "If the pain spreads down one leg, see a doctor. Rest helps most "
     "people within a week or two, and gentle walking speeds "
     "recovery."},
    {"Let's take a look with the editor below. Most back pain comes "
     "from the muscles and ligaments, not the spine itself, and it "
     "settles with movement.",
     "Most back pain comes from the muscles and ligaments, not the "
     "spine itself, and it settles with movement."},
    {"Most back pain settles with movement (Source: Internet) and "
     "does not need a scan or any special treatment at all.",
     "Most back pain settles with movement and does not need a scan "
     "or any special treatment at all."},
    {"Most back pain settles with movement and rest. Click here to "
     "download our free guide. It rarely needs a scan or any special "
     "treatment at all.",
     "Most back pain settles with movement and rest. It rarely needs "
     "a scan or any special treatment at all."},
};

static void
test_inline_cleanups_keep_the_content_of_the_line(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(inline_rows) / sizeof(inline_rows[0]); i++) {
		char page[2048];
		kb_cleaned_t *c;
		const kb_clean_line_t *l;

		snprintf(page, sizeof(page), "Back pain basics\n\n%s\n%s\n",
		         PARA1, inline_rows[i].line);
		c = clean(page);
		l = &c->lines[3];
		assert_true(l->keep);
		assert_non_null(l->text);
		assert_string_equal(l->text, inline_rows[i].kept);
		assert_true(has_line(c, inline_rows[i].kept));
		kb_cleaned_free(c);
	}
}

/* ---- scoring and smoothing ---- */

static void
test_smoothing_keeps_a_short_heading_between_paragraphs(void **state)
{
	static const line_want_t want[] = {
	    {"When to worry", 1, "content"},
	    {"Stretches", 1, NULL},
	    {"- Knee to chest", 1, NULL},
	    {"- Cat and cow", 1, NULL},
	};
	kb_cleaned_t *c;

	(void)state;
	c = CLEAN_CHECKING("Back pain basics\n\n" PARA1 "\n\nWhen to worry\n"
	                   PARA2 "\n\nStretches\n- Knee to chest\n"
	                   "- Cat and cow\n" PARA3 "\n",
	                   want);
	assert_true(line_with(c, "When to worry")->score >= 0);
	kb_cleaned_free(c);
}

static void
test_smoothing_drops_a_short_line_among_noise(void **state)
{
	static const line_want_t want[] = {
	    {"Quantum Widgets", 0, "score"},
	    {"Gentle stretching", 1, NULL},
	};

	(void)state;
	kb_cleaned_free(CLEAN_CHECKING(
	    "Back pain basics\n\n" PARA1 "\n" PARA2 "\n\n"
	    "Log in | Sign up\nQuantum Widgets\nSkip to main content\n\n" PARA3
	    "\n",
	    want));
}

static void
test_link_density_drops_a_line_of_links(void **state)
{
	static const char page[] = "Back pain basics\n\n" PARA1 "\n"
	                           "Sciatica guide and stretches for runners "
	                           "and walkers alike\n" PARA2 "\n";
	float ld[] = {0, 0, 0, 1.0f, 0};
	kb_cleaned_t *c = NULL;

	(void)state;
	assert_int_equal(clean_core(cl, page, strlen(page), ld, 5, &c), KB_OK);
	assert_false(line_with(c, "Sciatica guide")->keep);
	assert_true(line_with(c, "If the pain")->keep);
	kb_cleaned_free(c);
	/* Without link density the same line reads as content. */
	c = clean(page);
	assert_true(line_with(c, "Sciatica guide")->keep);
	kb_cleaned_free(c);
}

/* ---- zones ---- */

static void
test_tail_drops_what_follows_the_end_of_the_article(void **state)
{
	static const line_want_t want[] = {
	    {"Why your feet", EITHER, "tail"},
	    {"Five breakfasts", 0, NULL},
	    {"Hay fever", 0, NULL},
	    {"If the pain", 1, NULL},
	};

	(void)state;
	kb_cleaned_free(CLEAN_CHECKING("Back pain basics\n\n" PARA1 "\n" PARA2
	                               "\n\n"
	                               "<<: Why do my knees click\n"
	                               "Why your feet go numb when you sit\n"
	                               "Five breakfasts for busy mornings\n"
	                               "Hay fever season starts earlier\n",
	                               want));
}

static void
test_tail_ends_where_long_content_resumes(void **state)
{
	/* A related list in the middle of a page: the list goes, the
	 * article after it stays, with its heading. */
	static const line_want_t want[] = {
	    {"Why your feet", 0, NULL},
	    {"Gentle stretching", 1, NULL},
	    {"Stretching", 1, NULL},
	    {"If the pain", 1, NULL},
	};

	(void)state;
	kb_cleaned_free(CLEAN_CHECKING(
	    "Back pain basics\n\n" PARA1 "\n\nRelated articles:\n"
	    "Why your feet go numb\nFive breakfasts\n\nStretching\n" PARA3
	    "\n" PARA2 "\n",
	    want));
}

static void
test_table_of_contents_repeating_headings_is_dropped(void **state)
{
	static const line_want_t want[] = {
	    {"1. Causes", EITHER, "toc"},
	    {"2. Stretches", EITHER, "toc"},
	};
	kb_cleaned_t *c;

	(void)state;
	c = CLEAN_CHECKING("Back pain basics\n\nIn this article:\n1. Causes\n"
	                   "2. Stretches\n\nCauses\n" PARA1 "\nStretches\n"
	                   PARA3 "\n",
	                   want);
	assert_true(has_line(c, "Causes"));
	assert_true(has_line(c, "Stretches"));
	kb_cleaned_free(c);
}

static void
test_meta_description_is_named(void **state)
{
	static const line_want_t want[] = {
	    {"Summary:", EITHER, "meta_description"},
	};

	(void)state;
	kb_cleaned_free(CLEAN_CHECKING(
	    "Back pain basics\n\nSummary: Lower back pain is one of the "
	    "most common reasons people see a do...\n\n" PARA1 "\n" PARA2
	    "\n",
	    want));
}

static void
test_navigation_run_above_the_title_is_dropped(void **state)
{
	static const line_want_t want[] = {
	    {"Mental Health", EITHER, "nav_menu"},
	    {"Home", 0, NULL},
	};
	kb_cleaned_t *c;

	(void)state;
	c = CLEAN_CHECKING("Home\nNews\nFitness\nMental Health\nChildren\n"
	                   "Brachycephalofrontonasal dysplasia\n"
	                   "2018-12-07  5657 views\n"
	                   "\nBrachycephalofrontonasal dysplasia is a rare "
	                   "condition that affects the shape of the head and "
	                   "face; it is present from birth and is caused by "
	                   "changes in a single gene, and the signs vary from "
	                   "one child to the next.\n",
	                   want);
	assert_string_equal(c->title, "Brachycephalofrontonasal dysplasia");
	kb_cleaned_free(c);
}

/* ---- titles ---- */

typedef struct title_row {
	const char *page_head; /* lines before the body */
	const char *title;
	int title_line_kept; /* the line that gave it is kept */
} title_row_t;

static const title_row_t title_rows[] = {
    /* a site header with the title repeated below it */
    {"Spinal Post - Back Care - Back pain basics\n\nBack pain basics\n",
     "Back pain basics", 1},
    {"MoveWellDaily | Senior health | Back pain basics\n\n"
     "Back pain basics\n",
     "Back pain basics", 1},
    {"A+ Body Encyclopedia_Rare diseases_Back pain basics\n\n"
     "Back pain basics\n",
     "Back pain basics", 1},
    /* a site header alone: its last part */
    {"Spine Notes - Running - Back pain basics\n", "Back pain basics", 0},
    /* "Title | Site" */
    {"Back pain basics | Vitality Online\n", "Back pain basics", 0},
    /* a plain first line */
    {"Back pain basics\n", "Back pain basics", 1},
    /* a duplicated title line: one title */
    {"Back pain basics\nBack pain basics\n", "Back pain basics", 1},
    /* never the site's name */
    {"Spinal Post\n\nBack pain basics\n", "Back pain basics", 1},
    {"www.spinenotes.com\nBack pain basics\n", "Back pain basics", 1},
    {"Home > Health > Back pain basics\n", "Back pain basics", 0},
};

static void
test_title_comes_from_the_right_line(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(title_rows) / sizeof(title_rows[0]); i++) {
		char page[2048];
		kb_cleaned_t *c;
		int titles = 0;

		snprintf(page, sizeof(page), "%s\n%s\n%s\n",
		         title_rows[i].page_head, PARA1, PARA2);
		c = clean(page);
		if (strcmp(c->title, title_rows[i].title) != 0)
			fail_msg("row %zu: title \"%s\", expected \"%s\"", i,
			         c->title, title_rows[i].title);
		for (j = 0; j < c->nlines; j++)
			if (c->lines[j].is_title) {
				titles++;
				assert_int_equal(c->lines[j].keep,
				                 title_rows[i].title_line_kept);
			}
		assert_int_equal(titles, 1);
		/* The text never repeats the title line. */
		assert_false(has_line(c, title_rows[i].title));
		assert_true(has_line(c, PARA1));
		kb_cleaned_free(c);
	}
}

static void
test_title_from_a_page_without_a_title_line(void **state)
{
	kb_cleaned_t *c;

	(void)state;
	c = clean(PARA1 "\n<<: Why do my knees click\n");
	assert_string_equal(c->title, "Lower back pain is one of the most "
	                              "common reasons people see a doctor, "
	                              "and most of the time it gets better on "
	                              "its own within a few weeks.");
	/* The paragraph stays in the text. */
	assert_true(has_line(c, PARA1));
	assert_true(c->lines[0].is_title);
	assert_string_equal(c->lines[0].rule, "content");
	kb_cleaned_free(c);
}

/* ---- across documents ---- */

static void
test_learned_boilerplate_goes_but_section_headings_stay(void **state)
{
	char page[2048];
	kb_cleaned_t *c;
	int i;

	(void)state;
	for (i = 0; i < 20; i++) {
		snprintf(page, sizeof(page),
		         "Condition %d\n\nSymptoms\n%s\n"
		         "Zeta Widgets powered this page.\n\n%s\n",
		         i, PARA1, PARA2);
		assert_int_equal(kb_cleaner_learn(cl, page, strlen(page)),
		                 KB_OK);
	}
	c = clean("Condition 99\n\nSymptoms\n" PARA1
	          "\nZeta Widgets powered this page.\n\n" PARA2 "\n");
	assert_true(line_with(c, "Symptoms")->keep);
	assert_false(line_with(c, "Zeta Widgets")->keep);
	assert_string_equal(line_with(c, "Zeta Widgets")->rule, "boilerplate");
	kb_cleaned_free(c);
}

/* ---- whole pages ---- */

static void
test_a_clean_page_passes_through_unchanged(void **state)
{
	static const char body[] =
	    "Overview\n" PARA1 "\n\nSymptoms\n" PARA2 "\n- numbness in "
	    "one leg\n- weakness when walking on the heels\n\nTreatment\n" PARA3
	    "\n";
	char page[2048];
	kb_cleaned_t *c;
	size_t i;

	(void)state;
	snprintf(page, sizeof(page), "Sciatica\n\n%s", body);
	c = clean(page);
	assert_string_equal(c->title, "Sciatica");
	assert_string_equal(c->text, body);
	assert_int_equal(c->len, strlen(body));
	for (i = 0; i < c->nlines; i++)
		assert_true(c->lines[i].keep ||
		            strcmp(c->lines[i].rule, "blank") == 0);
	kb_cleaned_free(c);
}

static void
test_a_page_of_noise_gives_empty_text(void **state)
{
	kb_cleaned_t *c;
	size_t i;

	(void)state;
	c = clean("Home | News | Fitness | Diet\nLog in | Sign up\n"
	          "We use cookies to improve your experience on our website.\n"
	          "Accept all\n\nShare: Facebook | Twitter\n"
	          "<<: Why do my knees click\n>>: Five breakfasts\n"
	          "Tags: health\n© 2024 Spinal Post\n");
	assert_string_equal(c->text, "");
	assert_int_equal(c->len, 0);
	for (i = 0; i < c->nlines; i++)
		assert_false(c->lines[i].keep && !c->lines[i].is_title);
	kb_cleaned_free(c);
}

static void
test_every_dropped_line_names_its_reason(void **state)
{
	kb_cleaned_t *c;
	size_t i;

	(void)state;
	c = clean(
	    "Spinal Post - Back Care - Back pain basics\n\n"
	    "Back pain basics\nPosted by Ana on 2023-04-02 | 12 views\n\n" PARA1
	    " |\nAdvertisement\nOdd line\n" PARA2 "\n\n"
	    "Previous: Knees\nRelated articles:\nA\nB...\n"
	    "© 2024 Spinal Post\n");
	for (i = 0; i < c->nlines; i++) {
		const kb_clean_line_t *l = &c->lines[i];

		assert_non_null(l->rule);
		assert_true(l->rule[0] != '\0');
		if (l->keep)
			assert_non_null(l->text);
		else
			assert_null(l->text);
		assert_true(l->score == -1 || (l->score >= 0 && l->score <= 1));
	}
	kb_cleaned_free(c);
}

/* The blank line kept between two blocks is a kept line like any other:
 * its text is "" (it was NULL, breaking the header's "NULL when dropped";
 * found by tests/fuzz/fuzz_clean.c on a seed article). */
static void
test_a_kept_blank_line_has_empty_text(void **state)
{
	kb_cleaned_t *c;
	size_t i, kept_blank = 0;

	(void)state;
	c = clean("Back pain basics\n\n" PARA1 "\n\n" PARA2 "\n");
	for (i = 0; i < c->nlines; i++) {
		const kb_clean_line_t *l = &c->lines[i];

		if (l->keep) {
			assert_non_null(l->text);
			assert_int_equal(strlen(l->text), l->text_len);
		} else {
			assert_null(l->text);
		}
		if (l->keep && strcmp(l->rule, "blank") == 0) {
			assert_string_equal(l->text, "");
			kept_blank++;
		}
	}
	assert_int_equal(kept_blank, 1);
	kb_cleaned_free(c);
}

static void
test_text_keeps_one_blank_line_between_blocks(void **state)
{
	kb_cleaned_t *c;

	(void)state;
	c = clean("Back pain basics\n\n\n" PARA1 "\nAdvertisement\n\n\n\n" PARA2
	          "\r\n" PARA3 "\n\n");
	assert_string_equal(c->text, PARA1 "\n\n" PARA2 "\n" PARA3 "\n");
	kb_cleaned_free(c);
}

/* ---- pathological input ---- */

static void
clean_quickly(const char *s, size_t len, double limit)
{
	kb_cleaned_t *c = NULL;
	double t0 = now();
	size_t i, raw = 0;

	assert_int_equal(kb_cleaner_clean(cl, s, len, &c), KB_OK);
	assert_non_null(c);
	assert_non_null(c->title);
	assert_non_null(c->text);
	assert_int_equal(strlen(c->text) <= c->len ? 1 : 0, 1);
	for (i = 0; i < c->nlines; i++) {
		assert_non_null(c->lines[i].rule);
		raw += c->lines[i].raw_len;
	}
	assert_true(raw <= len);
	kb_cleaned_free(c);
	if (now() - t0 > limit)
		fail_msg("cleaning %zu bytes took %.2f s", len, now() - t0);
}

static void
test_pathological_input_terminates_quickly(void **state)
{
	size_t n = 1u << 20, i;
	char *s = malloc(n);
	uint32_t x = 12345;

	(void)state;
	assert_non_null(s);
	clean_quickly("", 0, 1.0);
	clean_quickly("\n", 1, 1.0);
	clean_quickly("\n\n\n\r\n", 5, 1.0);
	/* One 1 MB line of prose-like words with sentence ends, ellipses,
	 * parentheses and arrows, which the patterns look at. */
	for (i = 0; i < n; i++)
		s[i] =
		    "Let's see. (Source: x) I hope... read more a>b>c >>"[i %
		                                                          51];
	clean_quickly(s, n, 5.0);
	/* Invalid UTF-8 and NUL-free binary junk. */
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		s[i] = (char)((x >> 16) | 1);
	}
	clean_quickly(s, n, 5.0);
	for (i = 0; i < n; i++)
		s[i] = (char)(0x80 + (i % 64));
	clean_quickly(s, n, 5.0);
	/* A million short lines, and lines made of separators. */
	for (i = 0; i < n; i++)
		s[i] = i % 2 ? '\n' : 'a';
	clean_quickly(s, n, 5.0);
	for (i = 0; i < n; i++)
		s[i] = "| - > \xC2\xBB \xE2\x80\xA6\n"[i % 11];
	clean_quickly(s, n, 5.0);
	/* Long runs of blank lines between headings, and thousands of
	 * furniture lines that every title candidate is compared with. */
	for (i = 0; i < n; i++)
		s[i] = i % 4096 < 8 ? "Heading\n"[i % 4096] : '\n';
	clean_quickly(s, n, 5.0);
	for (i = 0; i < n; i++)
		s[i] = "\xC2\xA9 2024 Site\nTitle\n"[i % 18];
	clean_quickly(s, n, 5.0);
	free(s);
	/* One 10 MB line without a space (issue 14): one "word" that every
	 * pattern and every word count runs over once. */
	n = 10u << 20;
	s = malloc(n);
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[i] = "abcdefghij"[i % 10];
	clean_quickly(s, n, time_limit(10.0));
	for (i = 0; i < n; i++)
		s[i] = "a.b:c|d>1"[i % 9];
	clean_quickly(s, n, time_limit(10.0));
	free(s);
}

static void
test_api_accepts_null_and_empty_stopwords(void **state)
{
	kb_cleaner_t *c2 = NULL;
	kb_cleaned_t *c = NULL;
	char *err = NULL;

	(void)state;
	kb_cleaner_free(NULL);
	kb_cleaned_free(NULL);
	assert_int_equal(kb_cleaner_new("", 0, &c2, &err), KB_OK);
	assert_null(err);
	assert_int_equal(kb_cleaner_clean(c2, "Title\n\n" PARA1 "\n",
	                                  strlen("Title\n\n" PARA1 "\n"), &c),
	                 KB_OK);
	assert_string_equal(c->title, "Title");
	assert_true(has_line(c, PARA1));
	kb_cleaned_free(c);
	assert_int_equal(kb_cleaner_learn(c2, "", 0), KB_OK);
	kb_cleaner_free(c2);
}

/* Cleans the HTML page built in page (and frees it), within a generous
 * bound of 5 s: pathological pages must stay in proportion to their
 * size.  what and n name the case in a failure. */
static kb_cleaned_t *
clean_html_within_bound(kb_buf_t *page, const char *what, size_t n)
{
	kb_cleaned_t *c = NULL;
	double t0 = now();

	assert_int_equal(page->err, KB_OK);
	assert_int_equal(kb_cleaner_clean_html(cl, page->data, page->len, &c),
			 KB_OK);
	if (now() - t0 > time_limit(5.0))
		fail_msg("%s %zu took %.2f s", what, n, now() - t0);
	kb_buf_free(page);
	return c;
}

/* HTML nested past libxml2's default limit of 256 levels, and 100,000
 * deep, keeps the whole article: the same cleaned text and title as the
 * flat page, in time and memory in proportion (the walk needs no C stack
 * per level).  Before, everything past level 256 was silently lost. */
static void
test_deeply_nested_html_keeps_the_article(void **state)
{
	static const char body[] =
	    "<h1>Knee hugs for a stiff lower back</h1>\n"
	    "<p>Lie on your back with both knees bent and your feet flat on "
	    "the floor. Bring one knee towards your chest and hold it there "
	    "with both hands.</p>\n"
	    "<p>Hold the stretch for 20 seconds, then lower the leg slowly and "
	    "repeat with the other knee. Do this five times each side.</p>\n"
	    "<p>Stop if the stretch causes pain that spreads into your leg, "
	    "and see a doctor if the pain does not settle.</p>\n";
	static const size_t depths[] = {0, 300, 100000};
	char *flat_text = NULL, *flat_title = NULL;
	size_t i, d;

	(void)state;
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		kb_buf_t page;
		kb_cleaned_t *c;

		kb_buf_init(&page);
		kb_buf_puts(&page, "<html><head><title>Knee hugs</title></head>"
				   "<body>\n");
		for (d = 0; d < depths[i]; d++)
			kb_buf_puts(&page, "<div>\n");
		kb_buf_puts(&page, body);
		for (d = 0; d < depths[i]; d++)
			kb_buf_puts(&page, "</div>\n");
		kb_buf_puts(&page, "</body></html>\n");
		c = clean_html_within_bound(&page, "depth", depths[i]);
		if (strstr(c->text, "Hold the stretch for 20 seconds") == NULL)
			fail_msg("depth %zu lost the article", depths[i]);
		if (i == 0) {
			flat_text = strdup(c->text);
			flat_title = strdup(c->title);
		} else {
			assert_string_equal(c->text, flat_text);
			assert_string_equal(c->title, flat_title);
		}
		kb_cleaned_free(c);
	}
	free(flat_text);
	free(flat_title);
}

/* A tag with 100,000 attributes (quadratic in libxml2: 32k took 8 s) keeps
 * its first 256, says how many it lost, and cleans like the same page
 * without them, in time in proportion; a '>' inside a quoted value does
 * not end the tag. */
static void
test_many_attributes_are_cut_in_linear_time(void **state)
{
	static const char body[] =
	    ">Hold each knee to your chest for 20 seconds, then lower it "
	    "slowly and repeat five times on each side.</p>\n"
	    "<p>Stop if the stretch causes pain that spreads into your leg."
	    "</p></body></html>\n";
	static const size_t counts[] = {0, 10, 100000};
	char *plain = NULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		kb_buf_t page;
		kb_cleaned_t *c;

		kb_buf_init(&page);
		kb_buf_puts(&page, "<html><head><title>Knee hugs</title>"
				   "</head><body><p");
		for (k = 0; k < counts[i]; k++)
			kb_buf_printf(&page, " data-a%zu=\"x>y\"", k);
		kb_buf_puts(&page, body);
		c = clean_html_within_bound(&page, "attributes", counts[i]);
		assert_int_equal(c->dropped_attrs,
				 counts[i] > 256 ? counts[i] - 256 : 0);
		if (i == 0)
			plain = strdup(c->text);
		else
			assert_string_equal(c->text, plain);
		kb_cleaned_free(c);
	}
	assert_non_null(strstr(plain, "Hold each knee"));
	free(plain);
}

/* The <h1> that names the article is found however deep it is nested:
 * the title search stopped at 512 levels, and the page then kept the
 * <title>'s site name. */
static void
test_a_deeply_nested_h1_still_names_the_article(void **state)
{
	static const size_t depths[] = {0, 600, 100000};
	size_t i, d;

	(void)state;
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		kb_buf_t page;
		kb_cleaned_t *c;

		kb_buf_init(&page);
		kb_buf_puts(&page, "<html><head><title>Knee hugs for a stiff "
				   "back, and other gentle moves to try at "
				   "home</title></head><body>\n");
		for (d = 0; d < depths[i]; d++)
			kb_buf_puts(&page, "<div>\n");
		kb_buf_puts(&page, "<h1>Knee hugs for a stiff back</h1>\n"
				   "<p>" PARA1 "</p>\n<p>" PARA2 "</p>\n");
		for (d = 0; d < depths[i]; d++)
			kb_buf_puts(&page, "</div>\n");
		kb_buf_puts(&page, "</body></html>\n");
		c = clean_html_within_bound(&page, "h1 depth", depths[i]);
		assert_string_equal(c->title, "Knee hugs for a stiff back");
		kb_cleaned_free(c);
	}
}

/* A page is read up to its KB_LIMIT_HTML_TAGS-th tag: libxml2 keeps a
 * node of some 500 bytes per element, so 64 MiB of empty elements took
 * gigabytes.  What comes before the cut is cleaned as usual, the result
 * says how much was cut, and a page under the limit is read whole. */
static void
test_a_page_past_the_tag_limit_is_cut_and_says_so(void **state)
{
	static const size_t counts[] = {1000, KB_LIMIT_HTML_TAGS + 50000};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		kb_buf_t page;
		kb_cleaned_t *c;
		size_t head, tail = 0;

		kb_buf_init(&page);
		kb_buf_puts(&page, "<html><head><title>Knee hugs</title>"
				   "</head><body>\n<p>" PARA1 "</p>\n");
		head = page.len;
		for (k = 0; k < counts[i]; k++)
			kb_buf_puts(&page, "<span>x</span>\n");
		kb_buf_puts(&page, "</body></html>\n");
		/* Five tags (html, head, title, body, p) come before the
		 * spans, of 15 bytes each; the cut is at the first tag past
		 * the limit, and takes the rest. */
		if (counts[i] + 5 > KB_LIMIT_HTML_TAGS)
			tail = page.len - head - (KB_LIMIT_HTML_TAGS - 5) * 15;
		c = clean_html_within_bound(&page, "tags", counts[i]);
		assert_non_null(strstr(c->text, "Lower back pain is one"));
		assert_int_equal(c->cut_html_bytes, tail);
		kb_cleaned_free(c);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_each_noise_style_is_dropped_by_its_rule),
	    T(test_inline_cleanups_keep_the_content_of_the_line),
	    T(test_smoothing_keeps_a_short_heading_between_paragraphs),
	    T(test_smoothing_drops_a_short_line_among_noise),
	    T(test_link_density_drops_a_line_of_links),
	    T(test_tail_drops_what_follows_the_end_of_the_article),
	    T(test_tail_ends_where_long_content_resumes),
	    T(test_table_of_contents_repeating_headings_is_dropped),
	    T(test_meta_description_is_named),
	    T(test_navigation_run_above_the_title_is_dropped),
	    T(test_title_comes_from_the_right_line),
	    T(test_title_from_a_page_without_a_title_line),
	    T(test_learned_boilerplate_goes_but_section_headings_stay),
	    T(test_a_clean_page_passes_through_unchanged),
	    T(test_a_page_of_noise_gives_empty_text),
	    T(test_every_dropped_line_names_its_reason),
	    T(test_text_keeps_one_blank_line_between_blocks),
	    T(test_a_kept_blank_line_has_empty_text),
	    T(test_pathological_input_terminates_quickly),
	    T(test_api_accepts_null_and_empty_stopwords),
	    T(test_deeply_nested_html_keeps_the_article),
	    T(test_many_attributes_are_cut_in_linear_time),
	    T(test_a_page_past_the_tag_limit_is_cut_and_says_so),
	    T(test_a_deeply_nested_h1_still_names_the_article),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
