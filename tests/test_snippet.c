/* test_snippet.c - advice snippets: list styles, dosage, carry-over,
 * intros, headings, cautions, names, body parts, the lexicon loader,
 * pathological input, and the acceptance items of the seed articles.
 *
 * Example texts are our own or quote corpus/; the seed articles are read
 * at run time from ../shared/seeds (or $RELIEF_SHARED/seeds), cleaned by
 * the cleaner as in indexing, and those tests skip when they are absent.
 * KB_SLOW=1 relaxes the time limits for sanitizer builds.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#include "../indexer/kb_indexer.h"
#include "../snippet/kb_snippet.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"

#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif
#define LEXICON KB_SRCDIR "/lexicon"

/* ---- helpers ---- */

typedef struct fixture {
	kb_segmenter_t *sg;
	kb_snippet_t *v;
	size_t n;
} fixture_t;

static int
group_setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	char *err = NULL;

	if (f == NULL)
		return -1;
	if (kb_segmenter_new(LEXICON, &f->sg, &err) != KB_OK) {
		fprintf(stderr, "lexicon: %s\n", err ? err : "?");
		free(err);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
group_teardown(void **state)
{
	fixture_t *f = *state;

	kb_segmenter_free(f->sg);
	free(f);
	return 0;
}

/* Frees the snippets of the last segment() after each test. */
static int
test_teardown(void **state)
{
	fixture_t *f = *state;

	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	return 0;
}

/* Segments text (no title) into f->v, f->n. */
static void
segment(fixture_t *f, const char *text)
{
	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	assert_int_equal(
	    kb_segment(f->sg, "", 0, text, strlen(text), &f->v, &f->n), KB_OK);
}

/* The first snippet whose text contains needle, or NULL. */
static const kb_snippet_t *
find(const fixture_t *f, const char *needle)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strstr(f->v[i].text, needle) != NULL)
			return &f->v[i];
	return NULL;
}

static const kb_snippet_t *
find_named(const fixture_t *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

static int
has_part(const kb_snippet_t *s, const char *part)
{
	size_t i;

	for (i = 0; i < s->nbody_parts; i++)
		if (strcmp(s->body_parts[i], part) == 0)
			return 1;
	return 0;
}

/* ---- list styles ---- */

static void
test_every_list_style_splits_into_items(void **state)
{
	static const struct {
		const char *style;
		const char *text;
		const char *items[4];
	} rows[] = {
	    {"dot lines",
	     "1. Sit right back in the seat.\n"
	     "2. Keep both feet flat on the floor.\n"
	     "3. Set the lumbar support at belt height.\n",
	     {"Sit right back in the seat.",
	      "Keep both feet flat on the floor.",
	      "Set the lumbar support at belt height."}},
	    {"comma, run together on one line",
	     "Try these at home: 1, arch bridge: lie on the back and lift "
	     "the hips. 2, flat support: rest on the forearms and toes. 3, "
	     "cross support: reach out one arm and the opposite leg.",
	     {"arch bridge: lie on the back and lift the hips.",
	      "flat support: rest on the forearms and toes.",
	      "cross support: reach out one arm and the opposite "
	      "leg."}},
	    {"paren lines",
	     "1) Standing calf stretch - hands on a wall.\n"
	     "2) Standing quad stretch - hold one ankle behind you.\n",
	     {"Standing calf stretch - hands on a wall.",
	      "Standing quad stretch - hold one ankle behind you."}},
	    {"parens, run together",
	     "You can do a lot at home. (1) Tennis ball against the wall: "
	     "lean into it. (2) Partner massage: lie face down. (3) Warm "
	     "up first: take a warm shower.",
	     {"Tennis ball against the wall: lean into it.",
	      "Partner massage: lie face down.",
	      "Warm up first: take a warm shower."}},
	    {"circled digits",
	     "Morning routine: ① Rock the knees side to side. ② Hug each "
	     "knee to the chest. ③ Tilt the pelvis ten times.",
	     {"Rock the knees side to side.", "Hug each knee to the chest.",
	      "Tilt the pelvis ten times."}},
	    {"Step N",
	     "Step 1. Supine abdominal bracing: tighten the abdominal "
	     "wall.\n"
	     "Step 2. Hip bridge: lift the pelvis until the trunk and "
	     "thighs are in line.\n",
	     {"Supine abdominal bracing: tighten the abdominal wall.",
	      "Hip bridge: lift the pelvis until the trunk and thighs "
	      "are in line."}},
	    {"dash bullets",
	     "- Raise the phone to eye level.\n"
	     "- Use both hands and your thumbs less.\n",
	     {"Raise the phone to eye level.",
	      "Use both hands and your thumbs less."}},
	    {"round bullets",
	     "\xe2\x80\xa2 Memory foam holds its shape.\n"
	     "\xe2\x80\xa2 Latex is springier and cooler.\n",
	     {"Memory foam holds its shape.",
	      "Latex is springier and cooler."}},
	    {"star bullets",
	     "* Wear shoes with grip.\n"
	     "* Test the weight by tipping one corner.\n",
	     {"Wear shoes with grip.",
	      "Test the weight by tipping one corner."}},
	    {"numbering with gaps, run together",
	     "Keep in mind: 1. Drink water through the day. 2. Warm up "
	     "before a run. 3. Wear loose clothes. 6. Stretch after "
	     "exercise. 7. Rest on hard days.",
	     {"Drink water through the day.", "Warm up before a run.",
	      "Wear loose clothes.", "Stretch after exercise."}},
	};
	fixture_t *f = *state;
	size_t r, k;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		size_t want = 0;

		segment(f, rows[r].text);
		while (want < 4 && rows[r].items[want] != NULL)
			want++;
		for (k = 0; k < want; k++) {
			const kb_snippet_t *s = find(f, rows[r].items[k]);

			if (s == NULL)
				fail_msg("%s: no snippet has \"%s\"",
				         rows[r].style, rows[r].items[k]);
			/* The item is its own snippet, marker left out. */
			if (strcmp(s->text, rows[r].items[k]) != 0 &&
			    strstr(s->text, rows[r].items[k]) !=
			        s->text + strlen(s->text) -
			            strlen(rows[r].items[k]))
				fail_msg("%s: item %zu is \"%s\"",
				         rows[r].style, k, s->text);
		}
	}
}

static void
test_gap_numbered_list_keeps_every_item(void **state)
{
	fixture_t *f = *state;

	segment(f, "Keep in mind: 1. Drink water. 2. Warm up first. 3. Wear "
	           "loose clothes. 6. Stretch after exercise. 7. Rest on hard "
	           "days. 8. Sleep on a firm mattress.");
	assert_non_null(find(f, "Rest on hard days."));
	assert_non_null(find(f, "Sleep on a firm mattress."));
	assert_null(find(f, "6. Stretch"));
	assert_int_equal(f->n, 6);
}

static void
test_numbers_in_prose_are_not_list_markers(void **state)
{
	static const char *const rows[] = {
	    "Lying on the back, put 1-2 pillows under the knees and "
	    "raise the hips 5 to 10 centimeters. Do this 3, 4 times a day.",
	    "The trial ran from 2019. 2020 was the first full year of "
	    "data, and 2.5 kg was the average loss.",
	    "Hold the stretch. 1 minute is plenty for most people.",
	    "Aim for 10 minutes. 20 minutes is better once you are fit.",
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r]);
		if (f->n != 1)
			fail_msg("row %zu: %zu snippets, want 1", r, f->n);
	}
}

/* ---- dosage ---- */

/* A sentence and the dosage read from it, min and max of each part; the
 * parts a row leaves out are 0 (none). */
typedef struct dose_row {
	const char *text;
	unsigned hold[2], reps[2], sets[2], day[2];
	int side;
} dose_row_t;

static void
check_doses(fixture_t *f, const dose_row_t *rows, size_t n)
{
	size_t r;

	for (r = 0; r < n; r++) {
		const kb_dosage_t *d;

		segment(f, rows[r].text);
		if (f->n != 1)
			fail_msg("\"%s\": %zu snippets", rows[r].text, f->n);
		d = &f->v[0].dosage;
		if (d->hold_min != rows[r].hold[0] ||
		    d->hold_max != rows[r].hold[1] ||
		    d->reps_min != rows[r].reps[0] ||
		    d->reps_max != rows[r].reps[1] ||
		    d->sets_min != rows[r].sets[0] ||
		    d->sets_max != rows[r].sets[1] ||
		    d->per_day_min != rows[r].day[0] ||
		    d->per_day_max != rows[r].day[1] ||
		    d->per_side != rows[r].side)
			fail_msg("\"%s\": hold %u-%u reps %u-%u sets %u-%u "
			         "day %u-%u side %d",
			         rows[r].text, d->hold_min, d->hold_max,
			         d->reps_min, d->reps_max, d->sets_min,
			         d->sets_max, d->per_day_min, d->per_day_max,
			         d->per_side);
	}
}

static void
test_dosage_phrasings_are_read(void **state)
{
	static const dose_row_t rows[] = {
	    {"Hold for 10 seconds.", .hold = {10, 10}},
	    {"Hold 10 secs, then relax.", .hold = {10, 10}},
	    {"Hold 15 sec.", .hold = {15, 15}},
	    {"Hold 10 s and lower.", .hold = {10, 10}},
	    {"Hold 10s and lower.", .hold = {10, 10}},
	    {"Maintain 10 seconds, then relax.", .hold = {10, 10}},
	    {"Hold for 1 minute.", .hold = {60, 60}},
	    {"Require 12 seconds, 10 on one side.",
	     .hold = {12, 12}, .reps = {10, 10}, .side = 1},
	    {"Requirements 10 seconds, 10.",
	     .hold = {10, 10}, .reps = {10, 10}},
	    {"Hold for 10 seconds and do 10 of them.",
	     .hold = {10, 10}, .reps = {10, 10}},
	    {"Repeat 5 times.", .reps = {5, 5}},
	    {"Do 10 reps.", .reps = {10, 10}},
	    {"Do 12 repetitions.", .reps = {12, 12}},
	    {"Hold for 10 seconds, do 10.", .hold = {10, 10}, .reps = {10, 10}},
	    {"Ten times, slowly.", .reps = {10, 10}},
	    {"Twelve times, slowly.", .reps = {12, 12}},
	    {"Do 8 slow cycles.", .reps = {8, 8}},
	    {"Then 10 pelvic tilts.", .reps = {10, 10}},
	    {"Do 3 sets of 10.", .reps = {10, 10}, .sets = {3, 3}},
	    {"Do at least three groups.", .sets = {3, 3}},
	    {"Glute bridge 3 x 12.", .reps = {12, 12}, .sets = {3, 3}},
	    {"Plank 3 x 30 seconds.", .hold = {30, 30}, .sets = {3, 3}},
	    {"Side plank 3 x 20 seconds per side.",
	     .hold = {20, 20}, .sets = {3, 3}, .side = 1},
	    {"Bird dog, 10 on each side.", .reps = {10, 10}, .side = 1},
	    {"Bird dog, 10 each side.", .reps = {10, 10}, .side = 1},
	    {"Hold for 30 seconds each leg.", .hold = {30, 30}, .side = 1},
	    {"Hold for 30 seconds, 3 times on each side.",
	     .hold = {30, 30}, .reps = {3, 3}, .side = 1},
	    {"2 sets of 8 per side.",
	     .reps = {8, 8}, .sets = {2, 2}, .side = 1},
	    {"Do it once a day.", .day = {1, 1}},
	    {"Do it twice a day.", .day = {2, 2}},
	    {"Do it two or three times a day.", .day = {2, 3}},
	    {"Do it 2-3 times daily.", .day = {2, 3}},
	    {"Do it once or twice a day.", .day = {1, 2}},
	    {"Do it 3 times per day.", .day = {3, 3}},
	    {"Hold for 5 to 10 seconds.", .hold = {5, 10}},
	    {"Hold 20 to 30 seconds, 2 to 3 sets.",
	     .hold = {20, 30}, .sets = {2, 3}},
	    {"Repeat 12 to 15 times.", .reps = {12, 15}},
	    {"Repeat 8-10 times.", .reps = {8, 10}},
	    {"Hold 5 seconds, repeat 12 to 15 times, 2 sets, twice a "
	     "day.",
	     .hold = {5, 5}, .reps = {12, 15}, .sets = {2, 2}, .day = {2, 2}},
	    {"Do the pair twice.", .reps = {2, 2}},
	};

	check_doses(*state, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_numbers_that_are_not_dosage_are_left_alone(void **state)
{
	/* Each reads as no dosage at all. */
	static const char *const texts[] = {
	    "Raise the hips 5 to 10 centimeters off the bed.",
	    "Hold 5 to 10 centimeters, restore.",
	    "Use 1-2 pillows under both knees.",
	    "It gets better within 4 to 6 weeks.",
	    "Walk for 15 minutes.",
	    "Bend the knees to 90 degrees.",
	    "Strength work 3 times a week.",
	    "Rest 30 seconds between rounds.",
	    "Published in 2023 after 600 km of testing.",
	    "Carry 2.5 kg in each hand.",
	    "Once the pain settles, walk more.",
	    "Pain of 5 out of 10 is the limit.",
	    "Do the five movements in order as one round.",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		dose_row_t none = {.text = texts[i]};

		check_doses(*state, &none, 1);
	}
}

/* ---- carry-over, intros, headings, cautions ---- */

static void
test_group_sentence_dosage_carries_to_every_item(void **state)
{
	fixture_t *f = *state;
	const kb_snippet_t *a, *b;

	segment(f, "Two moves: 1, \"hip bridge\" exercise: lift the hips off "
	           "the bed. Hold 10 seconds, 10 times. 2, \"side plank\" "
	           "exercise: rest on one forearm. Hold 20 seconds, 5 on each "
	           "side. The above actions are one group; do at least three "
	           "groups, two or three times a day.");
	a = find_named(f, "hip bridge");
	b = find_named(f, "side plank");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(f->n, 2);
	assert_int_equal(a->dosage.hold_min, 10);
	assert_int_equal(a->dosage.reps_min, 10);
	assert_int_equal(a->dosage.per_side, 0);
	assert_int_equal(b->dosage.hold_min, 20);
	assert_int_equal(b->dosage.reps_min, 5);
	assert_int_equal(b->dosage.per_side, 1);
	assert_int_equal(a->dosage.sets_min, 3);
	assert_int_equal(b->dosage.sets_min, 3);
	assert_int_equal(a->dosage.per_day_min, 2);
	assert_int_equal(a->dosage.per_day_max, 3);
	assert_int_equal(b->dosage.per_day_min, 2);
	assert_int_equal(b->dosage.per_day_max, 3);
}

static void
test_closing_dosage_line_and_heading_carry_over(void **state)
{
	fixture_t *f = *state;
	const kb_snippet_t *s;

	/* A closing paragraph about the list. */
	segment(f, "1. Pelvic tilts, lying on your back.\n"
	           "2. Knee rocking side to side.\n\n"
	           "Do each of these 10 times, twice a day.\n");
	s = find(f, "Knee rocking");
	assert_non_null(s);
	assert_int_equal(s->dosage.reps_min, 10);
	assert_int_equal(s->dosage.per_day_min, 2);
	/* The heading above the list (from corpus/text-neck...). */
	segment(f,
	        "Exercises (twice a day, takes 5 minutes)\n"
	        "1. Chin tuck: slide the chin straight back. Hold 5 seconds. "
	        "Repeat 10 times.\n"
	        "2. Shoulder rolls: roll both shoulders up, back and down. "
	        "10 times.\n");
	s = find_named(f, "shoulder rolls");
	assert_non_null(s);
	assert_int_equal(s->dosage.per_day_min, 2);
	assert_int_equal(s->dosage.reps_min, 10);
	/* An item's own dosage is never overwritten. */
	segment(f, "1. Chin tuck: hold 5 seconds, once a day.\n"
	           "2. Shoulder rolls: 10 times.\n\n"
	           "Do each of these twice a day.\n");
	assert_int_equal(find_named(f, "chin tuck")->dosage.per_day_min, 1);
	assert_int_equal(find_named(f, "shoulder rolls")->dosage.per_day_min,
	                 2);
}

static void
test_intro_sentence_joins_its_list(void **state)
{
	fixture_t *f = *state;
	const kb_snippet_t *s;
	size_t i;

	/* A short intro ending in a colon is the list's heading. */
	segment(f, "Training the core helps. Simple exercise methods: 1, "
	           "\"arch bridge\" exercise: lift the hips. 2, \"flat "
	           "support\" exercise: rest on the forearms.");
	for (i = 0; i < f->n; i++)
		assert_string_not_equal(f->v[i].text,
		                        "Simple exercise methods:");
	s = find_named(f, "arch bridge");
	assert_non_null(s);
	assert_string_equal(s->section, "Simple exercise methods");
	assert_string_equal(find_named(f, "flat support")->section,
	                    "Simple exercise methods");
	assert_non_null(find(f, "Training the core helps."));
	/* A sentence intro opens the first item, and its dosage applies to
	 * all of them. */
	segment(f,
	        "Strength matters. The following two moves are best done "
	        "once a day.\n\n"
	        "Scissor leg (lower belly strengthening) : lie on "
	        "your back and bend your knees. Repeat 5 times.\n\n"
	        "Back extension : lie face down and lift the chest. Hold for "
	        "5 seconds. Repeat 5 times.\n");
	s = find_named(f, "scissor leg");
	assert_non_null(s);
	assert_ptr_equal(strstr(s->text, "The following two moves"),
	                 s->text);
	assert_int_equal(s->dosage.per_day_min, 1);
	assert_int_equal(find_named(f, "back extension")->dosage.per_day_min,
	                 1);
	for (i = 0; i < f->n; i++)
		assert_string_not_equal(f->v[i].text, "The following two moves "
		                                      "are best done once a "
		                                      "day.");
	/* "keep the following in mind:" before a run-together list. */
	segment(f, "Cramps may come from fatigue. So keep the following in "
	           "mind every day: 1. Drink water. 2. Warm up before "
	           "exercise. 3. Wear loose clothes.");
	assert_int_equal(f->n, 4);
	assert_string_equal(find(f, "Drink water.")->section,
	                    "So keep the following in mind every day");
}

static void
test_headings_become_sections(void **state)
{
	fixture_t *f = *state;
	const kb_snippet_t *s;

	segment(f, "Why it happens\n"
	           "Muscle fatigue, not damage. The muscles hold the head up "
	           "for hours.\n\n"
	           "What helps\n\n"
	           "Raise the phone to eye level and rest your elbows on a "
	           "table.\n\n"
	           "Be sure to eat.\n\n"
	           "Protein at each meal helps the muscles repair after a "
	           "long run, and so does a good night's sleep.\n");
	assert_int_equal(f->n, 3);
	assert_string_equal(find(f, "Muscle fatigue")->section,
	                    "Why it happens");
	assert_string_equal(find(f, "Raise the phone")->section, "What helps");
	s = find(f, "Protein");
	assert_string_equal(s->section, "Be sure to eat");
	assert_null(find(f, "Why it happens"));
}

static void
test_note_and_caution_become_caution_snippets(void **state)
{
	static const struct {
		const char *text, *caution, *other;
	} rows[] = {
	    {"Do the routine every morning.\n\n"
	     "Note: stop if the pain spreads down your leg.\n",
	     "Note: stop if the pain spreads down your leg.",
	     "Do the routine every morning."},
	    {"Keep the waist warm at night. Caution: see a doctor if "
	     "the legs become numb. Walking every day also helps.",
	     "Caution: see a doctor if the legs become numb.",
	     "Walking every day also helps."},
	    {"Tip: skip long holds lying flat on your back.\n",
	     "Tip: skip long holds lying flat on your back.", NULL},
	    {"Warning: do not use heat on a swollen joint.\n",
	     "Warning: do not use heat on a swollen joint.", NULL},
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		const kb_snippet_t *s;

		segment(f, rows[r].text);
		s = find(f, rows[r].caution);
		assert_non_null(s);
		assert_string_equal(s->text, rows[r].caution);
		assert_string_equal(s->kind, "caution");
		if (rows[r].other != NULL) {
			s = find(f, rows[r].other);
			assert_non_null(s);
			assert_string_not_equal(s->kind, "caution");
			assert_null(strstr(s->text, "Caution"));
		}
	}
}

/* ---- names, kinds, body parts ---- */

static void
test_names_are_found_in_quotes_labels_and_titles(void **state)
{
	static const struct {
		const char *text, *name;
	} rows[] = {
	    {"\xe2\x80\x9cside bridge\xe2\x80\x9d exercise: use the "
	     "forearm as a fulcrum.",
	     "side bridge"},
	    {"\"arch bridge\" movement: lift the hips.", "arch bridge"},
	    {"Scissor leg (lower belly strengthening) : lie on "
	     "your back.",
	     "scissor leg"},
	    {"Glute bridge - lie on your back, knees bent.", "glute bridge"},
	    {"1. Plank\n\nLie face down, then lift onto your forearms.",
	     "plank"},
	    {"Better sleeping position = one or two pillows tucked "
	     "under both knees.",
	     "pillow under the knees"},
	    {"Lying on your side, place a firm pillow between your "
	     "knees.",
	     "pillow between the knees"},
	    {"Hamstring stretch lying on the back with a strap, 30 "
	     "seconds.",
	     "hamstring stretch"},
	    {"Pelvic tilts, lying on your back, 10 times.", "pelvic tilts"},
	    {"When: in the first 48 hours after a strain.", ""},
	    {"What it does: stretches the muscles of the lower back.", ""},
	    {"Many people find that the waist is sore in the morning.", ""},
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r].text);
		assert_int_equal(f->n, 1);
		if (strcmp(f->v[0].name, rows[r].name) != 0)
			fail_msg("\"%s\": name \"%s\", want \"%s\"",
			         rows[r].text, f->v[0].name, rows[r].name);
	}
}

static void
test_kinds_follow_the_lexicon(void **state)
{
	static const struct {
		const char *text, *kind;
	} rows[] = {
	    {"Plank: hold on the forearms and toes for 20 seconds, 3 "
	     "sets.",
	     "exercise"},
	    {"Hamstring stretch: loop a strap around one foot and raise "
	     "the leg until you feel a stretch.",
	     "stretch"},
	    {"On your side, keep a firm pillow between the knees so the "
	     "top leg does not twist the pelvis.",
	     "posture"},
	    {"Walk for 10 minutes every hour and take short breaks from "
	     "sitting.",
	     "lifestyle"},
	    {"Eat more fresh vegetables and fruit, and foods rich in "
	     "protein and calcium.",
	     "nutrition"},
	    {"A warm pack or a hot water bottle for 15 minutes relaxes "
	     "the muscles.",
	     "treatment"},
	    {"See a doctor at once if the pain comes with fever or "
	     "numbness in the legs.",
	     "caution"},
	    {"This stiffness is caused by discs taking up water during "
	     "the night, which leads to tight joints.",
	     "cause"},
	    {"The main symptoms are soreness and stiffness, and aching "
	     "that feels worse in the morning.",
	     "symptom"},
	    {"The spine is a column of vertebrae.", "explanation"},
	    {"Do not lift heavy boxes with a rounded back.", "avoid"},
	    {"Lying flat on your back on a soft mattress: wrong position.",
	     "avoid"},
	    {"Bend your knees to lift the load; do not jerk.",
	     "posture"},
	    {"Do not use a cold pack if you have Raynaud's phenomenon.",
	     "caution"},
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r].text);
		assert_int_equal(f->n, 1);
		if (strcmp(f->v[0].kind, rows[r].kind) != 0)
			fail_msg("\"%s\": %s, want %s", rows[r].text,
			         f->v[0].kind, rows[r].kind);
	}
}

static void
test_body_part_synonyms_are_normalised(void **state)
{
	static const struct {
		const char *text;
		const char *parts[4];
	} rows[] = {
	    {"The lumbar spine takes the load.", {"lower back"}},
	    {"My waist is sore every morning.", {"lower back"}},
	    {"A dull low back ache after running.", {"lower back"}},
	    {"Pain in the lower back and the waist.", {"lower back"}},
	    {"Stiff neck and sore knees, then the lumbar area.",
	     {"neck", "knees", "lower back"}},
	    {"Between the shoulder blades it burns.", {"upper back"}},
	    {"Squeeze the glutes and the hamstrings.", {"buttocks", "legs"}},
	};
	fixture_t *f = *state;
	size_t r, k;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		size_t want = 0;

		segment(f, rows[r].text);
		assert_int_equal(f->n, 1);
		while (want < 4 && rows[r].parts[want] != NULL)
			want++;
		if (f->v[0].nbody_parts != want)
			fail_msg("\"%s\": %zu parts, want %zu", rows[r].text,
			         f->v[0].nbody_parts, want);
		for (k = 0; k < want; k++)
			assert_string_equal(f->v[0].body_parts[k],
			                    rows[r].parts[k]);
	}
}

/* ---- windows and offsets ---- */

static void
test_long_paragraph_is_cut_into_sentence_windows(void **state)
{
	fixture_t *f = *state;
	kb_buf_t b;
	size_t i;

	kb_buf_init(&b);
	for (i = 0; i < 30; i++)
		kb_buf_printf(&b,
		              "Sentence %zu has exactly eight words in "
		              "it. ",
		              i);
	segment(f, b.data);
	assert_true(f->n >= 3 && f->n <= 6);
	for (i = 0; i < f->n; i++) {
		size_t w = 0, k;
		int in = 0;

		for (k = 0; k < f->v[i].len; k++) {
			if (f->v[i].text[k] == ' ') {
				in = 0;
			} else if (!in) {
				in = 1;
				w++;
			}
		}
		assert_true(w >= 40 && w <= 80);
		assert_int_equal(f->v[i].text[f->v[i].len - 1], '.');
		assert_ptr_equal(strstr(f->v[i].text, "Sentence"),
		                 f->v[i].text);
	}
	kb_buf_free(&b);
}

static void
test_snippets_map_back_to_the_text(void **state)
{
	fixture_t *f = *state;
	const char *text =
	    "Core exercises\n\n"
	    "1. Plank\n\nLie face down. Hold for 20 seconds.\n\n"
	    "2. Side plank\n\nLie on your side. Hold for 15 seconds.\n\n"
	    "Note: stop if it hurts.\n";
	size_t i, end = 0;

	segment(f, text);
	assert_int_equal(f->n, 3);
	for (i = 0; i < f->n; i++) {
		const kb_snippet_t *s = &f->v[i];

		assert_int_equal(s->ordinal, i + 1);
		assert_true(s->start >= end);
		assert_true(s->start + s->span <= strlen(text));
		assert_true(s->span >= s->len - 8);
		end = s->start + s->span;
	}
	assert_int_equal(f->v[0].start, strstr(text, "1. Plank") - text);
	assert_string_equal(f->v[0].section, "Core exercises");
	assert_string_equal(f->v[2].kind, "caution");
}

static void
test_title_line_repeated_in_text_is_skipped(void **state)
{
	fixture_t *f = *state;
	const char *text = "Why my back hurts\nIt hurts because I sit.\n";

	kb_snippets_free(f->v, f->n);
	assert_int_equal(kb_segment(f->sg, "Why my back hurts", 17, text,
	                            strlen(text), &f->v, &f->n),
	                 KB_OK);
	assert_int_equal(f->n, 1);
	assert_string_equal(f->v[0].text, "It hurts because I sit.");
}

/* ---- empty and pathological input ---- */

static void
test_empty_input_gives_no_snippets(void **state)
{
	static const char *const rows[] = {"",       " ", "\n\n\n",
	                                   " \t \n", "|", "\xe2\x80\xa2\n"};
	fixture_t *f = *state;
	size_t r;

	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	assert_int_equal(kb_segment(f->sg, NULL, 0, NULL, 0, &f->v, &f->n),
	                 KB_OK);
	assert_null(f->v);
	assert_int_equal(f->n, 0);
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r]);
		assert_true(f->n <= 1);
		if (f->n == 0)
			assert_null(f->v);
	}
}

/* Builds a text of about bytes bytes by repeating unit. */
static char *
repeat(const char *unit, size_t bytes)
{
	size_t ul = strlen(unit), n = bytes / ul + 1, i;
	char *s = malloc(n * ul + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[n * ul] = '\0';
	return s;
}

static void
test_pathological_input_terminates_fast(void **state)
{
	static const struct {
		const char *what, *unit;
		size_t bytes;
	} rows[] = {
	    {"10 MB one line of words", "lorem ipsum dolor ", 10u << 20},
	    {"10 MB one line of sentences", "Hold it 10 seconds. ", 10u << 20},
	    {"100k run-together markers", "1. a 2. b 3. c 4. d ", 25000 * 20},
	    {"100k bullet lines", "- stand up\n", 100000 * 11},
	    {"100k numbered lines", "1. Sit.\n2. Stand.\n", 50000 * 18},
	    {"1 MB of brackets and quotes", "((\"\xe2\x80\x9c[", 1u << 20},
	    {"1 MB of colons", "a: ", 1u << 20},
	    {"1 MB of invalid UTF-8", "\xff\xfe\xc3", 1u << 20},
	    {"1 MB of numbers", "1 2 3 4 5 6 7 8 9 10 ", 1u << 20},
	};
	fixture_t *f = *state;
	size_t r;
	/* Generous for sanitizer builds: the point is "not quadratic". */
	double limit = getenv("KB_SLOW") ? 120.0 : 20.0;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		char *s = repeat(rows[r].unit, rows[r].bytes);
		double t0 = now(), dt;

		kb_snippets_free(f->v, f->n);
		f->v = NULL;
		f->n = 0;
		assert_int_equal(
		    kb_segment(f->sg, "t", 1, s, strlen(s), &f->v, &f->n),
		    KB_OK);
		dt = now() - t0;
		if (dt > limit)
			fail_msg("%s: %.1f s", rows[r].what, dt);
		free(s);
	}
}

/* An article gives at most KB_LIMIT_SNIPPETS snippets; the passages past
 * them are counted for the caller's warning, never dropped silently, and
 * an article under the limit drops none. */
static void
test_snippets_past_the_limit_are_counted(void **state)
{
	static const size_t counts[] = {50, KB_LIMIT_SNIPPETS + 500};
	fixture_t *f = *state;
	size_t r, i;

	for (r = 0; r < sizeof(counts) / sizeof(counts[0]); r++) {
		kb_buf_t b;
		double t0 = now();

		kb_buf_init(&b);
		for (i = 0; i < counts[r]; i++)
			kb_buf_printf(&b, "Exercise %zu: lie on your back and "
					  "lift the hips %zu times, then rest "
					  "for %zu seconds.\n\n",
				      i, i, i + 1);
		assert_int_equal(b.err, KB_OK);
		segment(f, b.data);
		if (counts[r] <= KB_LIMIT_SNIPPETS) {
			assert_int_equal(kb_segmenter_dropped(f->sg), 0);
			assert_true(f->n > 0);
		} else {
			assert_int_equal(f->n, KB_LIMIT_SNIPPETS);
			assert_true(kb_segmenter_dropped(f->sg) >= 400);
		}
		if (now() - t0 > time_limit(5.0))
			fail_msg("%zu paragraphs: %.1f s", counts[r],
				 now() - t0);
		kb_buf_free(&b);
	}
	/* Each call says what it dropped itself. */
	segment(f, "Lie on your back and lift the hips ten times.\n");
	assert_int_equal(kb_segmenter_dropped(f->sg), 0);
	assert_int_equal(kb_segmenter_dropped(NULL), 0);
}

/* ---- the lexicon loader ---- */

/* Copies the shipped lexicon into a fresh directory. */
static char *
copy_lexicon(void)
{
	static const char *const files[] = {"kinds.txt", "names.txt",
	                                    "body-parts.txt", "cues.txt"};
	char *dir = strdup("/tmp/relief-lex-XXXXXX");
	size_t i;

	assert_non_null(dir);
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 4; i++) {
		char src[512];
		size_t len;
		char *data;

		snprintf(src, sizeof(src), "%s/%s", LEXICON, files[i]);
		data = read_whole(src, &len);
		assert_non_null(data);
		write_file(dir, files[i], data, len);
		free(data);
	}
	return dir;
}

static void
remove_lexicon(char *dir)
{
	static const char *const files[] = {"kinds.txt", "names.txt",
	                                    "body-parts.txt", "cues.txt"};
	char path[512];
	size_t i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	free(dir);
}

static void
test_lexicon_errors_name_file_and_line(void **state)
{
	static const struct {
		const char *file, *content, *where;
		kb_status_t rc;
	} rows[] = {
	    {"kinds.txt", "# a comment\n\nexercise\t3\t\\b(?:plank\n",
	     "kinds.txt:3:", KB_ERR_CORRUPT},
	    {"kinds.txt", "exercize\t3\tplank\n",
	     "kinds.txt:1:", KB_ERR_CORRUPT},
	    {"kinds.txt", "exercise\tlots\tplank\n",
	     "kinds.txt:1:", KB_ERR_CORRUPT},
	    {"kinds.txt", "exercise\t3\n", "kinds.txt:1:", KB_ERR_CORRUPT},
	    {"kinds.txt",
	     "exercise\t3\t=plank|one two three four five six seven\n",
	     "kinds.txt:1:", KB_ERR_CORRUPT},
	    {"names.txt", "#\n$2\t(one) group\n",
	     "names.txt:2:", KB_ERR_CORRUPT},
	    {"names.txt", "$x\tplank\n", "names.txt:1:", KB_ERR_CORRUPT},
	    {"body-parts.txt", "neck\tneck|(\n",
	     "body-parts.txt:1:", KB_ERR_CORRUPT},
	    {"body-parts.txt", "neck\n", "body-parts.txt:1:", KB_ERR_CORRUPT},
	    {"cues.txt", "\n\nsummary\t^in short\n",
	     "cues.txt:3:", KB_ERR_CORRUPT},
	    {"cues.txt", "intro\t[z-a]\n", "cues.txt:1:", KB_ERR_CORRUPT},
	};
	size_t r;

	(void)state;
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		char *dir = copy_lexicon(), *err = NULL;
		kb_segmenter_t *sg = (kb_segmenter_t *)1;

		write_text(dir, rows[r].file, rows[r].content);
		assert_int_equal(kb_segmenter_new(dir, &sg, &err), rows[r].rc);
		assert_null(sg);
		assert_non_null(err);
		if (strstr(err, rows[r].where) == NULL)
			fail_msg("row %zu: \"%s\" lacks \"%s\"", r, err,
			         rows[r].where);
		free(err);
		remove_lexicon(dir);
	}
}

/* A rule of the lexicon that backtracks out of proportion stops at the
 * match limit: the segmenter counts such matches and names the rule
 * file and line of the first, for the indexer's warning, rather than
 * letting the rule fail to match in silence; a call that needs no such
 * cut reports none. */
static void
test_a_rule_stopped_at_the_match_limit_is_named(void **state)
{
	static const char text[] =
	    "Lie on your back and slowly lift the hips towards the ceiling "
	    "while you squeeze the buttocks together tightly!\n";
	char *dir = copy_lexicon(), path[512], *err = NULL, *kinds;
	kb_segmenter_t *sg = NULL;
	kb_snippet_t *v = NULL;
	size_t n = 0, len, i;
	unsigned line = 0, lines = 0;
	const char *file = "x";

	(void)state;
	snprintf(path, sizeof(path), "%s/kinds.txt", dir);
	kinds = read_whole(path, &len);
	assert_non_null(kinds);
	for (i = 0; i < len; i++)
		lines += kinds[i] == '\n';
	/* Nested quantifiers over the same letters: exponential. */
	kinds = realloc(kinds, len + 64);
	assert_non_null(kinds);
	len += (size_t)sprintf(kinds + len, "exercise\t1\t(\\w+\\s?)+$\n");
	write_path(path, kinds, len);
	free(kinds);
	assert_int_equal(kb_segmenter_new(dir, &sg, &err), KB_OK);
	assert_int_equal(kb_segment(sg, "t", 1, text, strlen(text), &v, &n),
			 KB_OK);
	assert_true(kb_segmenter_stopped(sg, &file, &line) > 0);
	assert_string_equal(file, "kinds.txt");
	assert_int_equal(line, lines + 1);
	kb_snippets_free(v, n);
	assert_int_equal(kb_segment(sg, "t", 1, "Rest.\n", 6, &v, &n), KB_OK);
	assert_int_equal(kb_segmenter_stopped(sg, &file, &line), 0);
	assert_null(file);
	assert_int_equal(line, 0);
	kb_snippets_free(v, n);
	kb_segmenter_free(sg);
	remove_lexicon(dir);
}

static void
test_missing_lexicon_file_is_an_io_error(void **state)
{
	char *dir = copy_lexicon(), path[512], *err = NULL;
	kb_segmenter_t *sg = NULL;

	(void)state;
	snprintf(path, sizeof(path), "%s/names.txt", dir);
	unlink(path);
	assert_int_equal(kb_segmenter_new(dir, &sg, &err), KB_ERR_IO);
	assert_null(sg);
	assert_non_null(strstr(err, "names.txt"));
	free(err);
	/* NULL errmsg is allowed. */
	assert_int_equal(kb_segmenter_new(dir, &sg, NULL), KB_ERR_IO);
	remove_lexicon(dir);
	kb_segmenter_free(NULL);
	kb_snippets_free(NULL, 0);
}

static void
test_fingerprint_follows_the_rules(void **state)
{
	fixture_t *f = *state;
	char *dir = copy_lexicon(), fp1[32];
	kb_segmenter_t *sg;
	const char *fp;
	size_t i;

	fp = kb_segmenter_fingerprint(f->sg);
	assert_int_equal(strlen(fp), 16);
	for (i = 0; i < 16; i++)
		assert_non_null(strchr("0123456789abcdef", fp[i]));
	assert_int_equal(kb_segmenter_new(dir, &sg, NULL), KB_OK);
	assert_string_equal(kb_segmenter_fingerprint(sg), fp);
	snprintf(fp1, sizeof(fp1), "%s", fp);
	kb_segmenter_free(sg);
	/* One more rule: a new fingerprint, and the rule works. */
	write_text(dir, "names.txt", "wobble board\t\\bwobble board\\b\n");
	assert_int_equal(kb_segmenter_new(dir, &sg, NULL), KB_OK);
	assert_string_not_equal(kb_segmenter_fingerprint(sg), fp1);
	kb_snippets_free(f->v, f->n);
	assert_int_equal(
	    kb_segment(sg, "", 0, "Stand on a wobble board.", 24, &f->v, &f->n),
	    KB_OK);
	assert_int_equal(f->n, 1);
	assert_string_equal(f->v[0].name, "wobble board");
	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	kb_segmenter_free(sg);
	remove_lexicon(dir);
}

/* ---- corpus/ and the seeds ---- */

static const char *const kinds[] = {
    "exercise",  "stretch", "posture", "lifestyle", "nutrition",
    "treatment", "caution", "cause",   "symptom",   "explanation",
    "avoid"};

static void
check_sane(const kb_snippet_t *v, size_t n, size_t len, const char *what)
{
	size_t i, k, end = 0;

	for (i = 0; i < n; i++) {
		const kb_snippet_t *s = &v[i];
		const kb_dosage_t *d = &s->dosage;
		int ok = 0;

		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			ok |= s->kind != NULL && strcmp(s->kind, kinds[k]) == 0;
		if (!ok)
			fail_msg("%s: snippet %zu has no kind", what, i);
		assert_true(s->len > 0 && strlen(s->text) == s->len);
		assert_non_null(s->name);
		assert_non_null(s->section);
		assert_true(strlen(s->name) <= 60);
		assert_true(s->start >= end && s->start + s->span <= len);
		end = s->start + s->span;
		assert_true(d->hold_min <= d->hold_max);
		assert_true(d->reps_min <= d->reps_max);
		assert_true(d->sets_min <= d->sets_max);
		assert_true(d->per_day_min <= d->per_day_max);
		assert_int_equal(s->ordinal, i + 1);
	}
}

/* A sentence that speaks of the exercises named before it without naming
 * them ("the holding time", "each position") carries their names as its
 * context; a named snippet, and a sentence that speaks of nothing before
 * it, carry none. */
static void
test_back_reference_carries_the_names_before_it(void **state)
{
	fixture_t *f = *state;
	const kb_snippet_t *s;

	segment(f, "Do these every morning.\n\n"
		   "Glute bridge: lie on your back with knees bent and lift "
		   "the hips; hold 10 seconds, 10 times.\n\n"
		   "Bird dog: on hands and knees, reach one arm and the "
		   "opposite leg out; hold 5 seconds, 10 each side.\n\n"
		   "Glute bridge: when that is easy, march the feet in place "
		   "at the top; hold 10 seconds.\n\n"
		   "Beginners can reduce the holding time to 5 seconds.\n");
	s = find(f, "reduce the holding time");
	assert_non_null(s);
	assert_string_equal(s->name, "");
	assert_string_equal(s->context, "glute bridge, bird dog");
	s = find(f, "reach one arm");
	assert_non_null(s);
	assert_null(s->context);
	segment(f, "Glute bridge: lie on your back with knees bent and lift "
		   "the hips; hold 10 seconds, 10 times.\n\n"
		   "Rest for a day or two when the pain is sharp.\n");
	s = find(f, "Rest for a day");
	assert_non_null(s);
	assert_string_equal(s->name, "");
	assert_null(s->context);
}

/* A phenotype list run into one overlong sentence is cut between its
 * items, not inside one ("Wide nasal | bridge - ..."); a window cut from
 * the middle of a sentence opens with no label, so it has no name; and a
 * nasal bridge is not the exercise. */
static void
test_run_in_list_cuts_between_items_and_names_nothing(void **state)
{
	fixture_t *f = *state;
	kb_buf_t b;
	size_t i;
	const char *items[] = {
	    "Abnormality of the teeth", "Brachycephaly", "Cleft palate",
	    "Decreased motor nerve conduction velocity", "Facial asymmetry",
	    "Generalized hypotonia", "High palate", "Hypertelorism",
	    "Intellectual disability", "Limb muscle weakness", "Long face",
	    "Low anterior hairline", "Macrotia", "Motor delay",
	    "Narrow forehead", "Neonatal hypotonia", "Peripheral axonal "
	    "neuropathy", "Ptosis", "Respiratory tract infection", "Scoliosis",
	    "Sensory neuropathy", "Short nose", "Skeletal muscle atrophy",
	    "Tapered finger", "Ventriculomegaly", "Wide nasal bridge",
	    "Delayed eruption of teeth", "Depressed nasal bridge",
	    "Elevated circulating alkaline phosphatase", "Femoral bowing",
	    "Horseshoe kidney", "Hydrocephalus", "Hypoplasia of midface"};

	kb_buf_init(&b);
	kb_buf_puts(&b, "Symptoms\n\nSigns and symptoms include ");
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		kb_buf_printf(&b, "%s%s", i ? " - " : "", items[i]);
	kb_buf_puts(&b, ".\n");
	assert_int_equal(b.err, KB_OK);
	segment(f, b.data);
	kb_buf_free(&b);
	assert_true(f->n >= 2);
	for (i = 0; i < f->n; i++) {
		const kb_snippet_t *s = &f->v[i];

		assert_string_equal(s->name, "");
		assert_string_not_equal(s->kind, "exercise");
		if (i > 0)
			assert_true(s->text[0] >= 'A' && s->text[0] <= 'Z');
	}
}

static void
segment_file(fixture_t *f, const char *path, char **text, size_t *len)
{
	*text = read_whole(path, len);
	assert_non_null(*text);
	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	assert_int_equal(kb_segment(f->sg, "", 0, *text, *len, &f->v, &f->n),
	                 KB_OK);
}

static void
test_corpus_articles_give_sensible_snippets(void **state)
{
	fixture_t *f = *state;
	const char *dirs[] = {KB_SRCDIR "/corpus", KB_SRCDIR "/corpus/sleep",
	                      KB_SRCDIR "/corpus/exercise"};
	size_t d, files = 0;
	char *text;
	size_t len;
	const kb_snippet_t *s;

	for (d = 0; d < 3; d++) {
		DIR *dp = opendir(dirs[d]);
		struct dirent *de;

		assert_non_null(dp);
		while ((de = readdir(dp)) != NULL) {
			char path[1024];
			size_t n = strlen(de->d_name);

			if (n < 4 || strcmp(de->d_name + n - 4, ".txt") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[d],
			         de->d_name);
			segment_file(f, path, &text, &len);
			assert_true(f->n > 0);
			check_sane(f->v, f->n, len, de->d_name);
			free(text);
			files++;
		}
		closedir(dp);
	}
	assert_int_equal(files, 36);

	/* The five support exercises, one named snippet each. */
	segment_file(f,
	             KB_SRCDIR "/corpus/five-support-exercises-for-the-"
	                       "waist.txt",
	             &text, &len);
	free(text);
	s = find_named(f, "arch bridge");
	assert_non_null(s);
	assert_string_equal(s->kind, "exercise");
	assert_true(has_part(s, "lower back"));
	assert_int_equal(s->dosage.hold_min, 10);
	assert_int_equal(s->dosage.reps_min, 10);
	assert_int_equal(s->dosage.per_day_min, 1);
	assert_int_equal(s->dosage.per_day_max, 2);
	assert_int_equal(s->dosage.sets_min, 2);
	assert_int_equal(s->dosage.sets_max, 3);
	assert_non_null(find_named(f, "flat support"));
	assert_int_equal(find_named(f, "side support")->dosage.per_side, 1);
	assert_non_null(find_named(f, "cross support"));
	assert_non_null(find_named(f, "back extension lying prone"));
	assert_string_equal(find(f, "Caution:")->kind, "caution");

	/* Titled items with their instructions under them. */
	segment_file(f, KB_SRCDIR "/corpus/core-exercises-for-back-pain.txt",
	             &text, &len);
	free(text);
	s = find_named(f, "side plank");
	assert_non_null(s);
	assert_int_equal(s->dosage.hold_min, 15);
	assert_int_equal(s->dosage.hold_max, 30);
	assert_int_equal(s->dosage.per_side, 1);
	assert_int_equal(find_named(f, "bird dog")->dosage.reps_min, 10);
	assert_int_equal(find_named(f, "glute bridge")->dosage.reps_max, 15);
	assert_non_null(strstr(find_named(f, "plank")->text, "Easier:"));

	/* Steps of one stretch under its heading are one snippet. */
	segment_file(f,
	             KB_SRCDIR "/corpus/exercise/cat-cow-and-childs-"
	                       "pose.txt",
	             &text, &len);
	free(text);
	s = find(f, "Step 1 Kneel");
	assert_non_null(s);
	assert_string_equal(s->name, "cat-cow");
	assert_string_equal(s->kind, "stretch");
	assert_non_null(strstr(s->text, "Step 4"));
	assert_int_equal(s->dosage.reps_min, 8);
	assert_int_equal(s->dosage.reps_max, 10);
}

/* The raw bytes of the seed article whose file name starts with prefix,
 * from $RELIEF_SHARED/seeds or ../shared/seeds; NULL when absent. */
static char *
find_seed(const char *prefix, size_t *len)
{
	const char *shared = getenv("RELIEF_SHARED");
	char dirpath[1024], path[1300];
	DIR *dp;
	struct dirent *de;
	char *raw = NULL;

	snprintf(dirpath, sizeof(dirpath), "%s/seeds",
	         shared ? shared : KB_SRCDIR "/../shared");
	dp = opendir(dirpath);
	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			snprintf(path, sizeof(path), "%s/%s", dirpath,
			         de->d_name);
			raw = read_whole(path, len);
			break;
		}
	closedir(dp);
	return raw;
}

/* The seed with the obvious site noise stripped by simple rules, for when
 * the cleaner cannot be made: the site header line, the "<<:" / ">>:"
 * links, teaser lines cut off with "...", a trailing " |".  The first
 * line is the title when short.  Takes over raw. */
static char *
strip_seed(char *raw, char *title, size_t tsz)
{
	char *line, *save = NULL;
	kb_buf_t out;
	int first = 1;

	title[0] = '\0';
	kb_buf_init(&out);
	for (line = strtok_r(raw, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		const char *a = line, *p;
		int dashes = 0;

		while (*a == ' ')
			a++;
		for (p = line; (p = strstr(p, " - ")) != NULL; p += 3)
			dashes++;
		if (first && dashes >= 2)
			continue;
		if (strncmp(a, "<<:", 3) == 0 || strncmp(a, ">>:", 3) == 0)
			continue;
		if (n >= 3 && strcmp(line + n - 3, "...") == 0 && n < 60)
			continue;
		if (n >= 2 && strcmp(line + n - 2, " |") == 0)
			line[n - 2] = '\0';
		if (first && strlen(a) < 120 && title[0] == '\0') {
			snprintf(title, tsz, "%s", a);
			first = 0;
			continue;
		}
		first = 0;
		kb_buf_puts(&out, line);
		kb_buf_puts(&out, "\n\n");
	}
	free(raw);
	return kb_buf_detach(&out);
}

/* The seed as the indexer sees it: through the cleaner (clean/clean*),
 * or the simple rules above when the cleaner fails.  NULL when the seeds
 * are absent. */
static char *
read_seed(const char *prefix, char *title, size_t tsz)
{
	size_t len, slen = 0;
	char *raw = find_seed(prefix, &len), *stop, *text = NULL;
	kb_cleaner_t *cl = NULL;
	kb_cleaned_t *c = NULL;

	if (raw == NULL)
		return NULL;
	stop = read_whole(KB_SRCDIR "/stopwords/english.txt", &slen);
	if (kb_cleaner_new(stop ? stop : "", stop ? slen : 0, &cl, NULL) ==
	        KB_OK &&
	    kb_cleaner_clean(cl, raw, len, &c) == KB_OK) {
		snprintf(title, tsz, "%s", c->title);
		text = strdup(c->text);
		free(raw);
	} else {
		text = strip_seed(raw, title, tsz);
	}
	kb_cleaned_free(c);
	kb_cleaner_free(cl);
	free(stop);
	return text;
}

static int
segment_seed(fixture_t *f, const char *prefix, char **text)
{
	char title[256];

	*text = read_seed(prefix, title, sizeof(title));
	if (*text == NULL)
		return 0;
	kb_snippets_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	assert_int_equal(kb_segment(f->sg, title, strlen(title), *text,
	                            strlen(*text), &f->v, &f->n),
	                 KB_OK);
	check_sane(f->v, f->n, strlen(*text), prefix);
	return 1;
}

/* The snippet whose span holds offset pos of the text, or -1. */
static long
snippet_at(const fixture_t *f, size_t pos)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (pos >= f->v[i].start && pos < f->v[i].start + f->v[i].span)
			return (long)i;
	return -1;
}

static void
test_seed_000_gives_five_named_exercises_with_dosage(void **state)
{
	fixture_t *f = *state;
	char *text;
	size_t i, n = 0;

	if (!segment_seed(f, "000_", &text))
		skip();
	for (i = 0; i < f->n; i++) {
		const kb_snippet_t *s = &f->v[i];
		const kb_dosage_t *d = &s->dosage;

		/* "raise the hips ... 5 to 10 centimeters" is no hold. */
		assert_false(d->hold_min == 5 && d->hold_max == 10);
		if (strcmp(s->kind, "exercise") != 0 || s->name[0] == '\0')
			continue;
		n++;
		if (d->hold_min != 10 || d->hold_max != 10 ||
		    d->reps_min != 10 || d->reps_max != 10 ||
		    d->sets_min != 3 || d->per_day_min != 2 ||
		    d->per_day_max != 3)
			fail_msg("%s: hold %u reps %u sets %u day %u-%u",
			         s->name, d->hold_min, d->reps_min, d->sets_min,
			         d->per_day_min, d->per_day_max);
	}
	assert_int_equal(n, 5);
	assert_int_equal(find_named(f, "arch bridge")->dosage.per_side, 1);
	assert_int_equal(find_named(f, "side bridge")->dosage.per_side, 1);
	assert_non_null(find_named(f, "flat support"));
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].kind, "exercise") == 0 &&
		    f->v[i].dosage.hold_min > 0)
			assert_string_not_equal(f->v[i].name, "");
	free(text);
}

static void
test_seed_001_gives_each_position_stretch_and_exercise(void **state)
{
	fixture_t *f = *state;
	char *text, *p;
	long seen[8];
	size_t n = 0, i, holds = 0, strong = 0;

	if (!segment_seed(f, "001_", &text))
		skip();
	/* Each "wrong position =" and "Proper sleeping position =" is a
	 * snippet of its own: the wrong one a thing to avoid, the proper one
	 * a posture. */
	for (p = text; (p = strstr(p, " = ")) != NULL && n < 8; p += 3) {
		long k = snippet_at(f, (size_t)(p - text));
		int wrong = p - text >= 14 &&
			    strncmp(p - 14, "wrong position", 14) == 0;

		assert_true(k >= 0);
		for (i = 0; i < n; i++)
			assert_int_not_equal(seen[i], k);
		seen[n++] = k;
		assert_string_equal(f->v[k].kind, wrong ? "avoid" : "posture");
	}
	assert_int_equal(n, 4);
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].kind, "stretch") == 0 &&
		    f->v[i].name[0] != '\0')
			break;
	assert_true(i < f->n);
	/* The two strengthening exercises, with holds and repetitions. */
	for (i = 0; i < f->n; i++) {
		const kb_dosage_t *d = &f->v[i].dosage;

		if (strcmp(f->v[i].kind, "exercise") == 0 &&
		    f->v[i].name[0] != '\0' && d->reps_min == 5) {
			holds += d->hold_min == 5;
			strong++;
		}
	}
	assert_int_equal(strong, 2);
	assert_int_equal(holds, 1);
	free(text);
}

static void
test_seed_002_keeps_three_pieces_of_advice_apart(void **state)
{
	fixture_t *f = *state;
	char *text;
	long strengthen = -1, rest = -1, eat = -1;
	size_t i;

	if (!segment_seed(f, "002_", &text))
		skip();
	for (i = 0; i < f->n; i++) {
		const kb_snippet_t *s = &f->v[i];

		if (strengthen < 0 && strcmp(s->kind, "exercise") == 0 &&
		    strstr(s->text, "strengthen") != NULL)
			strengthen = (long)i;
		if (rest < 0 && strcmp(s->kind, "lifestyle") == 0 &&
		    strstr(s->text, "rest") != NULL &&
		    strstr(s->section, "rest") != NULL)
			rest = (long)i;
		if (eat < 0 && strcmp(s->kind, "nutrition") == 0 &&
		    strstr(s->text, "eat") != NULL)
			eat = (long)i;
	}
	assert_true(strengthen >= 0 && rest >= 0 && eat >= 0);
	assert_true(strengthen != rest && rest != eat && eat != strengthen);
	free(text);
}

static void
test_seed_003_prevention_items_are_separate(void **state)
{
	fixture_t *f = *state;
	char *text;
	const char *marks[] = {" 1. ", " 2. ", " 3. ", " 6. ", " 7. ", " 8. "};
	long seen[6];
	size_t i, k;

	if (!segment_seed(f, "003_", &text))
		skip();
	for (i = 0; i < 6; i++) {
		const char *p = strstr(text, marks[i]);

		assert_non_null(p);
		seen[i] = snippet_at(f, (size_t)(p - text) + 1);
		assert_true(seen[i] >= 0);
		for (k = 0; k < i; k++)
			assert_int_not_equal(seen[k], seen[i]);
		/* The item starts its snippet (an intro may open the
		 * first). */
		assert_true(i == 0 ||
		            f->v[seen[i]].start == (size_t)(p - text) + 1);
	}
	free(text);
}

/* s lower-cased (ASCII) with every run of blanks one space, into out
 * (cap bytes): phrases are found ignoring case and line breaks. */
static void
fold_blanks(const char *s, size_t len, char *out, size_t cap)
{
	size_t i, n = 0;
	int sp = 0;

	for (i = 0; i < len && n + 1 < cap; i++) {
		char c = s[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			sp = n > 0;
			continue;
		}
		if (sp && n + 2 < cap)
			out[n++] = ' ';
		sp = 0;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[n] = '\0';
}

/* The snippet of f whose folded text holds a run of len bytes hashing to
 * hash (kb_hash64), or -1; -2 when more than one does (the fixture's
 * phrase is not distinctive). */
static long
snippet_with(const fixture_t *f, size_t len, unsigned long long hash)
{
	static char text[16384];
	size_t i, at, n;
	long found = -1;

	for (i = 0; i < f->n; i++) {
		fold_blanks(f->v[i].text, f->v[i].len, text, sizeof(text));
		n = strlen(text);
		for (at = 0; at + len <= n; at++)
			if (kb_hash64(text + at, len) == hash)
				break;
		if (at + len > n)
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

/* tests/fixtures/seed-kinds.tsv gives the kind a careful reader gives each
 * snippet of the seeds.  The kinds are rules of thumb, so the test asks
 * for most of them, not all: at least 80%, printing every miss. */
static void
test_seed_kinds_match_hand_labels(void **state)
{
	fixture_t *f = *state;
	size_t len, n = 0, ok = 0;
	char *tsv =
		read_whole(KB_SRCDIR "/tests/fixtures/seed-kinds.tsv", &len);
	char *line, *save = NULL, *text = NULL, cur[256] = "";
	int have = 0;

	assert_non_null(tsv);
	for (line = strtok_r(tsv, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *file = line, *phrase, *kind, *end;
		unsigned long long hash;
		size_t bytes;
		long k;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		phrase = strchr(file, '\t');
		assert_non_null(phrase);
		*phrase++ = '\0';
		/* BYTES<TAB>HASH<TAB>KIND */
		bytes = strtoul(phrase, &end, 10);
		assert_true(*end == '\t');
		hash = strtoull(end + 1, &end, 16);
		assert_true(*end == '\t');
		kind = end + 1;
		if (strcmp(cur, file) != 0) {
			free(text);
			text = NULL;
			snprintf(cur, sizeof(cur), "%s", file);
			have = segment_seed(f, file, &text);
		}
		if (!have)
			continue;
		k = snippet_with(f, bytes, hash);
		if (k < 0)
			fail_msg("%s: %s snippet has the phrase %016llx", file,
				 k == -1 ? "no" : "more than one", hash);
		n++;
		if (strcmp(f->v[k].kind, kind) == 0)
			ok++;
		else
			print_message("%s: phrase %016llx: %s, labelled %s\n",
				      file, hash, f->v[k].kind, kind);
	}
	free(text);
	free(tsv);
	if (n == 0)
		skip();
	print_message("seed kinds: %zu of %zu as labelled\n", ok, n);
	assert_true(ok * 5 >= n * 4);
}

static void
test_seeds_give_kinds_and_no_navigation_noise(void **state)
{
	static const char *const prefixes[] = {"000_", "001_", "002_", "003_",
	                                       "004_"};
	fixture_t *f = *state;
	size_t r, i, got = 0;

	for (r = 0; r < 5; r++) {
		char *text;

		if (!segment_seed(f, prefixes[r], &text))
			continue;
		got++;
		assert_true(f->n > 0);
		for (i = 0; i < f->n; i++) {
			const char *t = f->v[i].text;

			assert_null(strstr(t, "<<:"));
			assert_null(strstr(t, ">>:"));
			assert_false(f->v[i].len >= 3 &&
			             strcmp(t + f->v[i].len - 3, "...") == 0);
			assert_true(f->v[i].len >= 12);
		}
		free(text);
	}
	if (got == 0)
		skip();
}

/* A page that repeats itself gives each piece of advice once: 10,000
 * copies of one line, as lines or as paragraphs, are one snippet; a list
 * keeps its different items and drops the repeated one. */
static void
test_identical_snippets_in_one_article_collapse(void **state)
{
	static const char line[] = "Keep your back straight when you lift "
				   "a heavy box.";
	fixture_t *f = *state;
	kb_buf_t b;
	size_t i, j, sep;

	for (sep = 1; sep <= 2; sep++) {
		kb_buf_init(&b);
		kb_buf_puts(&b, "Lifting\n\n");
		for (i = 0; i < 10000; i++) {
			kb_buf_puts(&b, line);
			kb_buf_puts(&b, sep == 1 ? "\n" : "\n\n");
		}
		assert_int_equal(b.err, KB_OK);
		segment(f, b.data);
		kb_buf_free(&b);
		assert_true(f->n >= 1);
		assert_true(f->n <= 2);
		for (i = 0; i < f->n; i++)
			for (j = i + 1; j < f->n; j++)
				assert_false(f->v[i].len == f->v[j].len &&
					     memcmp(f->v[i].text, f->v[j].text,
						    f->v[i].len) == 0);
	}
	segment(f, "How to lift\n\n"
		   "1. Bend your knees, not your back.\n"
		   "2. Keep the box close to your body.\n"
		   "3. Bend your knees, not your back.\n");
	assert_non_null(find(f, "Keep the box close"));
	assert_non_null(find(f, "Bend your knees"));
	for (i = 0, j = 0; i < f->n; i++)
		j += strstr(f->v[i].text, "Bend your knees") != NULL;
	assert_int_equal(j, 1);
}

/* "Times a week" is kept as per_week, a range too; a month is not. */
static void
test_times_a_week_is_kept(void **state)
{
	static const struct {
		const char *text;
		unsigned lo, hi;
	} rows[] = {
		{ "Strength work 3 times a week.", 3, 3 },
		{ "Swim 2-3 times a week.", 2, 3 },
		{ "Go for a walk twice weekly.", 2, 2 },
		{ "Do the plank, hold 20 seconds, 3 times per week.", 3, 3 },
		{ "Stretch 3 times a month.", 0, 0 },
		{ "Stretch 3 times a day.", 0, 0 },
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r].text);
		assert_int_equal(f->n, 1);
		if (f->v[0].dosage.per_week_min != rows[r].lo ||
		    f->v[0].dosage.per_week_max != rows[r].hi)
			fail_msg("\"%s\": per week %u-%u", rows[r].text,
				 f->v[0].dosage.per_week_min,
				 f->v[0].dosage.per_week_max);
	}
	assert_int_equal(f->v[0].dosage.per_day_min, 3);
}

/* ---- one exercise per snippet ---- */

typedef struct ex_want {
	const char *name;
	unsigned hold, reps, sets, week, day;
	int side;
} ex_want_t;

/* Checks that f holds exactly the exercises want[0..n), in order. */
static void
check_exercises(const fixture_t *f, const char *text, const ex_want_t *want,
                size_t n)
{
	size_t i;

	if (f->n != n)
		fail_msg("\"%s\": %zu snippets, want %zu", text, f->n, n);
	for (i = 0; i < n; i++) {
		const kb_snippet_t *s = &f->v[i];
		const kb_dosage_t *d = &s->dosage;

		if (strcmp(s->name, want[i].name) != 0 ||
		    d->hold_min != want[i].hold || d->reps_min != want[i].reps ||
		    d->sets_min != want[i].sets ||
		    d->per_week_min != want[i].week ||
		    d->per_day_min != want[i].day || d->per_side != want[i].side)
			fail_msg("\"%s\" #%zu: \"%s\" hold %u reps %u sets %u "
			         "week %u day %u side %d",
			         text, i, s->name, d->hold_min, d->reps_min,
			         d->sets_min, d->per_week_min, d->per_day_min,
			         d->per_side);
		assert_string_equal(s->kind, "exercise");
	}
}

/* A sentence listing exercises, each with its own dosage, gives one
 * snippet per exercise, which reads on its own: the sentence's opening,
 * its clause, and the closing frequency they share, which each keeps. */
static void
test_sentence_listing_exercises_splits_per_exercise(void **state)
{
	static const char routine[] =
	    "Core routine\n\n"
	    "A simple routine: glute bridge 3 x 12, bird dog 10 each side, "
	    "side plank 3 x 20 seconds per side, 3 times a week.\n";
	static const ex_want_t three[] = {
	    {"glute bridge", 0, 12, 3, 3, 0, 0},
	    {"bird dog", 0, 10, 0, 3, 0, 1},
	    {"side plank", 20, 0, 3, 3, 0, 1},
	};
	static const char pair[] =
	    "Do glute bridges 2 x 10 and bird dogs 8 each side, twice a "
	    "week.";
	static const ex_want_t two[] = {
	    {"glute bridge", 0, 10, 2, 2, 0, 0},
	    {"bird dog", 0, 8, 0, 2, 0, 1},
	};
	fixture_t *f = *state;

	segment(f, routine);
	check_exercises(f, routine, three, 3);
	assert_string_equal(f->v[0].text,
	                    "A simple routine: glute bridge 3 x 12, 3 times a "
	                    "week.");
	assert_string_equal(f->v[1].text,
	                    "A simple routine: bird dog 10 each side, 3 times "
	                    "a week.");
	assert_string_equal(f->v[2].text,
	                    "A simple routine: side plank 3 x 20 seconds per "
	                    "side, 3 times a week.");
	assert_string_equal(f->v[0].section, "Core routine");
	/* Each maps back to its own clause, in order. */
	assert_true(f->v[0].start + f->v[0].span <= f->v[1].start);
	assert_true(f->v[1].start + f->v[1].span <= f->v[2].start);

	segment(f, pair);
	check_exercises(f, pair, two, 2);
	assert_string_equal(f->v[0].text,
	                    "Do glute bridges 2 x 10, twice a week.");
	assert_string_equal(f->v[1].text,
	                    "Do bird dogs 8 each side, twice a week.");

	/* The sentences around the list stay snippets of their own, and a
	 * frequency in the opening goes to every exercise. */
	segment(f, "Exercises\n\n"
	           "Start slowly and stop if it hurts. Twice a day, do the "
	           "cat-cow 10 times and child's pose for 30 seconds. A short "
	           "walk helps too.\n");
	assert_int_equal(f->n, 4);
	assert_non_null(find(f, "Start slowly and stop"));
	assert_non_null(find(f, "A short walk helps"));
	assert_string_equal(f->v[1].name, "cat-cow");
	assert_string_equal(f->v[1].text,
	                    "Twice a day, do the cat-cow 10 times.");
	assert_int_equal(f->v[1].dosage.reps_min, 10);
	assert_int_equal(f->v[1].dosage.per_day_min, 2);
	assert_string_equal(f->v[2].name, "child's pose");
	assert_int_equal(f->v[2].dosage.hold_min, 30);
	assert_int_equal(f->v[2].dosage.per_day_min, 2);
}

/* Movements that share one dosage, a sentence with one movement, and
 * run-on text that mentions movements in passing stay whole. */
static void
test_exercises_sharing_one_dosage_stay_together(void **state)
{
	static const char *const rows[] = {
	    "Do bridges and planks for 30 seconds.",
	    "Do glute bridges and side planks for 30 seconds, 3 times a "
	    "week.",
	    "Glute bridge and bird dog, 10 reps each.",
	    "Hold the side plank for 20 seconds each side, 3 times a week.",
	    "Glute bridge 3 x 12, then rest and finish the session with a "
	    "short side plank.",
	    "i did glute bridge 3 x 12 for weeks and my physio said bird dog "
	    "10 each side but it hurt so i stopped and now side plank 30 "
	    "seconds is ok i guess",
	};
	fixture_t *f = *state;
	size_t r;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		segment(f, rows[r]);
		if (f->n != 1 || strcmp(f->v[0].text, rows[r]) != 0)
			fail_msg("\"%s\": %zu snippets", rows[r], f->n);
	}
}

/* Each exercise's own frequency stays its own: a closing frequency is
 * shared only when none of the others states one. */
static void
test_closing_frequency_is_shared_only_when_the_others_have_none(void **state)
{
	static const char text[] = "Glute bridge 3 x 12 twice a week, bird "
	                           "dog 10 each side, 3 times a week.";
	fixture_t *f = *state;

	segment(f, text);
	assert_int_equal(f->n, 2);
	assert_string_equal(f->v[0].text, "Glute bridge 3 x 12 twice a week.");
	assert_int_equal(f->v[0].dosage.per_week_min, 2);
	assert_int_equal(f->v[1].dosage.per_week_min, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_teardown(fn, test_teardown)
	    T(test_every_list_style_splits_into_items),
	    T(test_gap_numbered_list_keeps_every_item),
	    T(test_numbers_in_prose_are_not_list_markers),
	    T(test_dosage_phrasings_are_read),
	    T(test_numbers_that_are_not_dosage_are_left_alone),
	    T(test_group_sentence_dosage_carries_to_every_item),
	    T(test_closing_dosage_line_and_heading_carry_over),
	    T(test_intro_sentence_joins_its_list),
	    T(test_headings_become_sections),
	    T(test_note_and_caution_become_caution_snippets),
	    T(test_names_are_found_in_quotes_labels_and_titles),
	    T(test_kinds_follow_the_lexicon),
	    T(test_body_part_synonyms_are_normalised),
	    T(test_long_paragraph_is_cut_into_sentence_windows),
	    T(test_snippets_map_back_to_the_text),
	    T(test_title_line_repeated_in_text_is_skipped),
	    T(test_empty_input_gives_no_snippets),
	    T(test_pathological_input_terminates_fast),
	    T(test_snippets_past_the_limit_are_counted),
	    T(test_lexicon_errors_name_file_and_line),
	    T(test_a_rule_stopped_at_the_match_limit_is_named),
	    T(test_missing_lexicon_file_is_an_io_error),
	    T(test_fingerprint_follows_the_rules),
	    T(test_corpus_articles_give_sensible_snippets),
	    T(test_seed_000_gives_five_named_exercises_with_dosage),
	    T(test_seed_001_gives_each_position_stretch_and_exercise),
	    T(test_seed_002_keeps_three_pieces_of_advice_apart),
	    T(test_seed_003_prevention_items_are_separate),
	    T(test_seeds_give_kinds_and_no_navigation_noise),
	    T(test_seed_kinds_match_hand_labels),
	    T(test_identical_snippets_in_one_article_collapse),
	    T(test_times_a_week_is_kept),
	    T(test_back_reference_carries_the_names_before_it),
	    T(test_run_in_list_cuts_between_items_and_names_nothing),
	    T(test_sentence_listing_exercises_splits_per_exercise),
	    T(test_exercises_sharing_one_dosage_stay_together),
	    T(test_closing_frequency_is_shared_only_when_the_others_have_none),
#undef T
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
