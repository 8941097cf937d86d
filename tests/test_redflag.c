/* test_redflag.c - red flags: warning signs in a question, read from the
 * shipped lexicon/red-flags.txt.
 *
 * The tables hold questions in everyday words with the flags each must
 * raise, written as a comma-separated list in file order ("" for none).
 * Every question of a table is checked and every mismatch printed before
 * the test fails, so one run shows the whole picture.  Each question is
 * copied into a heap block of exactly its length, so AddressSanitizer
 * catches a read past the end.
 *
 * Tests run from the repository root.  KB_SLOW=1 relaxes the time limits
 * for sanitizer builds.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../query/redflag_internal.h"
#include "../util/kb_buf.h"

#define LEXICON "lexicon/red-flags.txt"

/* Flag names, short for the tables. */
#define BLADDER "bladder-or-bowel-control"
#define LEGS "leg-numbness-or-weakness"
#define FEVER "fever"
#define FALL "fall-or-injury"
#define WEIGHT "unexplained-weight-loss"
#define NIGHT "night-pain"
#define CANCER "cancer-history"

typedef struct qcase {
	const char *question;
	const char *flags; /* expected, comma-separated, in file order */
} qcase_t;

/* ------------------------------------------------------------------ */
/* Helpers */

static int
setup(void **state)
{
	kb_redflags_t *rf;
	char *err = NULL;
	kb_status_t rc = redflag_load(LEXICON, &rf, &err);

	if (rc != KB_OK) {
		print_error("%s: %s\n", kb_status_str(rc), err ? err : "");
		free(err);
		return -1;
	}
	*state = rf;
	return 0;
}

static int
teardown(void **state)
{
	redflag_free(*state);
	return 0;
}

/* Matches q[0..len) (copied to an exact-size block) and renders the flags
 * as "a,b", into out.  Checks that every hit has a notice. */
static kb_status_t
flags_of(kb_redflags_t *rf, const char *q, size_t len, kb_buf_t *out)
{
	kb_redflag_hit_t *hits = NULL;
	char *copy = NULL;
	kb_status_t rc;
	size_t n = 0, i;

	if (len > 0) {
		copy = malloc(len);
		assert_non_null(copy);
		memcpy(copy, q, len);
	}
	rc = redflag_match(rf, copy, len, &hits, &n);
	free(copy);
	kb_buf_reset(out);
	kb_buf_append(out, "", 0);
	for (i = 0; rc == KB_OK && i < n; i++) {
		assert_non_null(hits[i].name);
		assert_non_null(hits[i].notice);
		assert_true(hits[i].notice[0] != '\0');
		kb_buf_printf(out, "%s%s", i ? "," : "", hits[i].name);
	}
	if (rc == KB_OK && n == 0)
		assert_null(hits);
	free(hits);
	assert_int_equal(out->err, KB_OK);
	return rc;
}

/* Runs a table; prints every mismatch, then fails if there was one. */
static void
run_table(kb_redflags_t *rf, const qcase_t *t, size_t nt)
{
	kb_buf_t got;
	size_t i, bad = 0;

	kb_buf_init(&got);
	for (i = 0; i < nt; i++) {
		kb_status_t rc =
		    flags_of(rf, t[i].question, strlen(t[i].question), &got);

		assert_int_equal(rc, KB_OK);
		if (strcmp(got.data, t[i].flags) != 0) {
			print_error("question: %s\n  expected: [%s]\n"
			            "  got:      [%s]\n",
			            t[i].question, t[i].flags, got.data);
			bad++;
		}
	}
	kb_buf_free(&got);
	assert_int_equal(bad, 0);
}

#define RUN_TABLE(rf, t) run_table((rf), (t), sizeof(t) / sizeof((t)[0]))

/* ------------------------------------------------------------------ */
/* Each flag, in several phrasings */

static void
test_redflag_raises_each_flag_in_everyday_words(void **state)
{
	static const qcase_t t[] = {
	    /* loss of bladder or bowel control */
	    {"I can't pee properly since my back pain started", BLADDER},
	    {"Sometimes I've been wetting myself when I bend over", BLADDER},
	    {"lower back pain and I can't control my bowels", BLADDER},
	    {"Back pain with urinary incontinence, what should I do?", BLADDER},
	    {"I lost control of my bladder yesterday and my back hurts",
	     BLADDER},
	    {"I CAN\xe2\x80\x99T PEE and my back is killing me", BLADDER},
	    {"trouble emptying my bladder and a sore lower back", BLADDER},
	    /* numbness or weakness in the legs, numbness around the groin */
	    {"my leg feels weak when I walk", LEGS},
	    {"my legs keep giving way on the stairs", LEGS},
	    {"numb groin and lower back pain", LEGS},
	    {"tingling down both legs after sitting", LEGS},
	    {"the saddle area feels numb since this morning", LEGS},
	    {"numbness in my left foot and back pain", LEGS},
	    {"I have sciatica and pins and needles in my foot", LEGS},
	    {"No fever, but I can't feel my legs properly", LEGS},
	    {"My Left Leg Is Weaker Than My Right", LEGS},
	    /* fever */
	    {"back pain with a fever", FEVER},
	    {"I have a high temperature and my back aches", FEVER},
	    {"chills and back pain at the same time", FEVER},
	    {"I'm feverish and my lower back hurts", FEVER},
	    {"temperature of 38.5 and pain in my back", FEVER},
	    /* pain after a fall or an accident */
	    {"I fell down the stairs and now my back hurts", FALL},
	    {"back pain after a fall on the ice", FALL},
	    {"my back hurts since the car accident", FALL},
	    {"neck and back pain after a crash on my bike", FALL},
	    {"I got hit in the back playing rugby", FALL},
	    {"slipped on ice and landed on my tailbone", FALL},
	    {"took a tumble down the stairs last week", FALL},
	    /* unexplained weight loss */
	    {"I've been losing weight without trying and my back aches",
	     WEIGHT},
	    {"unexplained weight loss and back pain", WEIGHT},
	    {"lost 6 kg in two months for no reason, back hurts", WEIGHT},
	    {"I keep losing weight and my back hurts", WEIGHT},
	    /* pain that wakes you at night */
	    {"my back pain wakes me up at night", NIGHT},
	    {"I can't sleep because of the pain at night", NIGHT},
	    {"the pain keeps waking me at 3am", NIGHT},
	    {"I'm woken by pain in my lower back every night", NIGHT},
	    {"the pain is worse at night", NIGHT},
	    {"I wake up at night with back pain", NIGHT},
	    {"the pain is so bad I can't sleep", NIGHT},
	    {"I can't fall asleep because of the pain", NIGHT},
	    /* history of cancer */
	    {"I had breast cancer five years ago and now have back pain",
	     CANCER},
	    {"history of prostate cancer, new lower back pain", CANCER},
	    {"cancer survivor with back pain, which exercises are safe?",
	     CANCER},
	    {"my back aches after chemotherapy", CANCER},
	};

	RUN_TABLE(*state, t);
}

/* ------------------------------------------------------------------ */
/* Negated signs do not count */

static void
test_redflag_ignores_negated_signs(void **state)
{
	static const qcase_t t[] = {
	    {"lower back pain without numbness", ""},
	    {"no fever, just a stiff back", ""},
	    {"I don't have a fever but my back is stiff", ""},
	    {"my leg is sore but not numb", ""},
	    {"my legs are not numb or weak", ""},
	    {"no numbness or tingling in my legs, just stiffness", ""},
	    {"I don't have any weakness in my legs", ""},
	    {"I don't have any incontinence", ""},
	    {"the pain doesn't wake me up at night", ""},
	    {"I have never had cancer", ""},
	    {"no history of cancer, back hurts after gardening", ""},
	    {"I never fell or had an accident, it just started", ""},
	    {"No, I don't have a fever. My back hurts when I sit.", ""},
	    {"Denies fever or chills", ""},
	    {"my legs don't feel weak", ""},
	    {"without any tingling or numbness in my legs", ""},
	    /* A negation governs only its own clause. */
	    {"I don't have numbness, but my leg feels weak", LEGS},
	    {"no fever yesterday but a fever today", FEVER},
	    {"the pain doesn't ease and wakes me up at night", NIGHT},
	    {"There's no numbness but sometimes my leg gives way", LEGS},
	    /* Words that only look negative. */
	    {"I have no idea why I'm losing weight without trying", WEIGHT},
	    {"I can no longer control my bladder", BLADDER},
	    {"I'm not sure if it's a fever but I feel hot and have chills",
	     FEVER},
	};

	RUN_TABLE(*state, t);
}

/* ------------------------------------------------------------------ */
/* False friends: the same words, no warning sign */

static void
test_redflag_ignores_false_friends(void **state)
{
	static const qcase_t t[] = {
	    {"how to fall asleep with back pain", ""},
	    {"my back is always worse in the fall", ""},
	    {"I fell asleep on the sofa and woke up stiff", ""},
	    {"exercises to prevent falls in older adults", ""},
	    {"is weight training good for back pain", ""},
	    {"I want to lose weight to help my back", ""},
	    {"weight loss exercises for a bad back", ""},
	    {"I lost weight on purpose by dieting and my back feels better",
	     ""},
	    {"does exercise prevent cancer", ""},
	    {"family history of cancer, is my back pain serious?", ""},
	    {"my lower back is stiff when I wake up in the morning", ""},
	    {"stiff lower back when I wake up", ""},
	    {"what is the best sleeping position for lower back pain", ""},
	    {"I can't sleep on my stomach because it hurts my back", ""},
	    {"leg cramps wake me up at night", ""},
	    {"hay fever makes me sneeze and my back hurts", ""},
	    {"slipped disc exercises", ""},
	    {"is a crash diet bad for my back", ""},
	    {"strength exercises for weak glutes and a weak core", ""},
	    {"leg stretches for a weak back", ""},
	    {"running lower back ache", ""},
	    {"why does my back hurt when I jog", ""},
	    {"best stretches for tight hamstrings", ""},
	    {"tips for losing weight without dieting", ""},
	    {"I'm losing weight but I am trying to", ""},
	    {"my mum had cancer, should I worry about my back pain?", ""},
	    {"I'm worried I have cancer", ""},
	    {"I had a cancer scare last year", ""},
	    {"back pain, can't sleep on my stomach", ""},
	    {"I hit the gym hard and my back hurts", ""},
	    {"I fell in love with yoga and my back is better", ""},
	    {"What is (are) Yellow Fever ?", ""},
	    {"room temperature or cold pack for back spasm?", ""},
	};

	RUN_TABLE(*state, t);
}

/* ------------------------------------------------------------------ */
/* Several flags come once each, in the order of the file */

static void
test_redflag_reports_several_flags_once_in_file_order(void **state)
{
	static const qcase_t t[] = {
	    {"I fell last week and now my leg feels weak", LEGS "," FALL},
	    {"fever and losing weight without trying", FEVER "," WEIGHT},
	    {"I had cancer and the pain wakes me at night", NIGHT "," CANCER},
	    {"numb groin and I can't pee", BLADDER "," LEGS},
	    {"fever, fever and more fever with chills", FEVER},
	    {"after chemo I have night sweats, numb feet and I've lost "
	     "weight for no reason",
	     LEGS "," FEVER "," WEIGHT "," CANCER},
	};

	RUN_TABLE(*state, t);
}

/* ------------------------------------------------------------------ */
/* Notices */

/* Every flag has a notice that sends the person to a doctor and names no
 * disease; the urgent ones say "today". */
static void
test_redflag_notices_are_calm_and_never_diagnose(void **state)
{
	static const struct {
		const char *question;
		int urgent;
	} t[] = {
	    {"I can't pee", 1},
	    {"my leg feels weak", 1},
	    {"I have a fever", 0},
	    {"I fell off a ladder", 0},
	    {"losing weight without trying", 0},
	    {"the pain wakes me up at night", 0},
	    {"I had cancer", 0},
	};
	static const char *const banned[] = {
	    "cauda",     "equina",    "tumour",   "tumor",   "fracture",
	    "infection", "syndrome",  "sciatica", "disease", "sounds like",
	    "could be",  "this is a", "diagnos",  "!",
	};
	kb_redflags_t *rf = *state;
	const char *def = redflag_default_notice(rf);
	size_t i, j;

	assert_non_null(def);
	assert_non_null(strstr(def, "doctor"));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		kb_redflag_hit_t *hits;
		size_t n;

		assert_int_equal(redflag_match(rf, t[i].question,
		                               strlen(t[i].question), &hits,
		                               &n),
		                 KB_OK);
		assert_int_equal(n, 1);
		assert_non_null(strstr(hits[0].notice, "doctor"));
		if (t[i].urgent)
			assert_non_null(strstr(hits[0].notice, "today"));
		for (j = 0; j < sizeof(banned) / sizeof(banned[0]); j++) {
			if (strstr(hits[0].notice, banned[j]) != NULL ||
			    strstr(def, banned[j]) != NULL)
				fail_msg("notice for \"%s\" says \"%s\"",
				         t[i].question, banned[j]);
		}
		free(hits);
	}
	assert_null(redflag_default_notice(NULL));
}

/* ------------------------------------------------------------------ */
/* Edge input */

static void
test_redflag_empty_question_raises_nothing(void **state)
{
	kb_redflag_hit_t *hits = (kb_redflag_hit_t *)1;
	size_t n = 7;

	assert_int_equal(redflag_match(*state, NULL, 0, &hits, &n), KB_OK);
	assert_null(hits);
	assert_int_equal(n, 0);
	assert_int_equal(redflag_match(*state, "", 0, &hits, &n), KB_OK);
	assert_null(hits);
	assert_int_equal(n, 0);
	/* Only blanks and punctuation. */
	assert_int_equal(redflag_match(*state, " ?! ", 4, &hits, &n), KB_OK);
	assert_int_equal(n, 0);
}

static void
test_redflag_rejects_null_arguments(void **state)
{
	kb_redflag_hit_t *hits = (kb_redflag_hit_t *)1;
	size_t n = 7;

	assert_int_equal(redflag_match(NULL, "fever", 5, &hits, &n),
	                 KB_ERR_ARG);
	assert_null(hits);
	assert_int_equal(n, 0);
	assert_int_equal(redflag_match(*state, NULL, 5, &hits, &n), KB_ERR_ARG);
	assert_int_equal(redflag_match(*state, "fever", 5, NULL, &n),
	                 KB_ERR_ARG);
	assert_int_equal(redflag_match(*state, "fever", 5, &hits, NULL),
	                 KB_ERR_ARG);
	redflag_free(NULL);
}

/* Only len bytes count: a sign past the end is not read. */
static void
test_redflag_reads_only_len_bytes(void **state)
{
	static const char q[] = "my back hurts. fever";
	kb_buf_t got;

	kb_buf_init(&got);
	assert_int_equal(flags_of(*state, q, strlen("my back hurts."), &got),
	                 KB_OK);
	assert_string_equal(got.data, "");
	assert_int_equal(flags_of(*state, q, strlen(q), &got), KB_OK);
	assert_string_equal(got.data, FEVER);
	kb_buf_free(&got);
}

/* A string literal and its length, NULs included. */
#define B(s) s, sizeof(s) - 1

/* Invalid UTF-8, stray NULs and accents neither crash nor hide a sign. */
static void
test_redflag_survives_invalid_utf8(void **state)
{
	static const struct {
		const char *q;
		size_t len;
		const char *flags;
	} t[] = {
	    {B("my legs are numb \xc3\x28 and \xff\xfe"), LEGS},
	    {B("\xff\xff\xff\xff"), ""},
	    {B("fever \xe2\x80"), FEVER}, /* cut inside a character */
	    {B("fever\0and chills"), FEVER},
	    {B("\xed\xa0\x80 chills"), FEVER}, /* a surrogate */
	    {B("I had a FI\xcc\x81VRE... no, a F\xc3\x89VER"), FEVER},
	    {B("\xc0\xaf\xc0\xaf numb groin"), LEGS}, /* overlong */
	};
	kb_buf_t got;
	size_t i;

	kb_buf_init(&got);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(flags_of(*state, t[i].q, t[i].len, &got),
		                 KB_OK);
		if (strcmp(got.data, t[i].flags) != 0)
			fail_msg("case %zu: expected [%s], got [%s]", i,
			         t[i].flags, got.data);
	}
	kb_buf_free(&got);
}

/* A megabyte of text, of filler or of adversarial repeats, finishes
 * quickly and still finds a sign at its very end. */
static void
test_redflag_huge_question_terminates_fast(void **state)
{
	static const struct {
		const char *unit; /* repeated to fill 1 MB */
		const char *tail;
		const char *flags;
	} t[] = {
	    {"my lower back is stiff and sore ", "and a fever", FEVER},
	    {"no fever ", "", ""},
	    {"no fever ", "but now a fever", FEVER},
	    {"leg leg is is very ", "numb", LEGS},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", ""},
	    {"lost weight ", "", ""},
	    {"pain keeps the ", "", ""},
	    {"\xe2\x80\x99", "", ""},
	};
	const size_t size = 1u << 20;
	kb_buf_t q, got;
	size_t i;

	kb_buf_init(&q);
	kb_buf_init(&got);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		double t0, dt;

		kb_buf_reset(&q);
		while (q.len < size)
			kb_buf_puts(&q, t[i].unit);
		kb_buf_puts(&q, t[i].tail);
		assert_int_equal(q.err, KB_OK);
		t0 = now();
		assert_int_equal(flags_of(*state, q.data, q.len, &got), KB_OK);
		dt = now() - t0;
		if (strcmp(got.data, t[i].flags) != 0)
			fail_msg("case %zu: expected [%s], got [%s]", i,
			         t[i].flags, got.data);
		if (dt > time_limit(2.0))
			fail_msg("case %zu took %.2f s", i, dt);
	}
	kb_buf_free(&q);
	kb_buf_free(&got);
}

/* ------------------------------------------------------------------ */
/* Loading */

static void
test_redflag_missing_file_is_io_error_naming_it(void **state)
{
	kb_redflags_t *rf = (kb_redflags_t *)1;
	char *err = NULL;

	(void)state;
	assert_int_equal(redflag_load("no/such/red-flags.txt", &rf, &err),
	                 KB_ERR_IO);
	assert_null(rf);
	assert_non_null(err);
	assert_non_null(strstr(err, "no/such/red-flags.txt"));
	free(err);
	/* Without errmsg the status is the same and nothing leaks. */
	assert_int_equal(redflag_load("no/such/file", &rf, NULL), KB_ERR_IO);
	assert_int_equal(redflag_load(NULL, &rf, NULL), KB_ERR_ARG);
	assert_int_equal(redflag_load(LEXICON, NULL, NULL), KB_ERR_ARG);
}

/* Writes s to a fresh temporary file; returns its malloc'd path. */
static char *
temp_file(const char *s)
{
	char tmpl[] = "/tmp/test_redflag.XXXXXX";
	int fd = mkstemp(tmpl);
	size_t len = strlen(s);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	return strdup(tmpl);
}

#define NOTICE "@notice\tPlease see a doctor.\n"

static void
test_redflag_bad_file_is_corrupt_naming_file_and_line(void **state)
{
	static const struct {
		const char *text;
		kb_status_t rc;
		const char *msg; /* expected after "path" */
	} t[] = {
	    /* good files */
	    {NOTICE, KB_OK, NULL},
	    {"# comment\n\n" NOTICE "fever\t\\bfever\\b\r\n", KB_OK, NULL},
	    {NOTICE "@notice:fever\tSee a doctor today.\nfever\tfever\n", KB_OK,
	     NULL},
	    /* bad files */
	    {NOTICE "\nfever\t\\b(?:fever\n", KB_ERR_CORRUPT,
	     ":3: bad pattern /\\b(?:fever/ at offset 10: missing closing "
	     "parenthesis"},
	    {NOTICE "fever\n", KB_ERR_CORRUPT, ":2: expected flag<TAB>"},
	    {NOTICE "Fever Flag\tfever\n", KB_ERR_CORRUPT,
	     ":2: bad flag name \"Fever Flag\""},
	    {NOTICE "fever\tx?\n", KB_ERR_CORRUPT,
	     ":2: pattern /x?/ can match the empty string"},
	    {NOTICE "@negation\t(?:no\n", KB_ERR_CORRUPT, ":2: bad pattern"},
	    {NOTICE "@warning\ttext\n", KB_ERR_CORRUPT,
	     ":2: unknown directive \"@warning\""},
	    {NOTICE NOTICE, KB_ERR_CORRUPT, ":2: a second default @notice"},
	    {"fever\tfever\n", KB_ERR_CORRUPT, ": no default @notice"},
	    {NOTICE "@notice:fevr\tSee a doctor.\nfever\tfever\n",
	     KB_ERR_CORRUPT, ":2: @notice for \"fevr\", which has no rules"},
	    {NOTICE "@notice:fever\ta\n@notice:fever\tb\nfever\tfever\n",
	     KB_ERR_CORRUPT, ":3: a second @notice for \"fever\""},
	    {"@notice\t\xff\xfe\n", KB_ERR_CORRUPT,
	     ":1: notice is not valid UTF-8"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *path = temp_file(t[i].text);
		kb_redflags_t *rf = (kb_redflags_t *)1;
		char *err = NULL;
		kb_status_t rc = redflag_load(path, &rf, &err);

		if (rc != t[i].rc)
			fail_msg("case %zu: %s, expected %s (%s)", i,
			         kb_status_str(rc), kb_status_str(t[i].rc),
			         err ? err : "");
		if (t[i].rc == KB_OK) {
			assert_non_null(rf);
			assert_null(err);
			redflag_free(rf);
		} else {
			assert_null(rf);
			assert_non_null(err);
			/* "path:line: message" */
			if (strncmp(err, path, strlen(path)) != 0 ||
			    strstr(err, t[i].msg) != err + strlen(path))
				fail_msg("case %zu: message \"%s\"", i, err);
			free(err);
		}
		unlink(path);
		free(path);
	}
}

/* A per-flag notice replaces the default for that flag only. */
static void
test_redflag_uses_own_notice_else_default(void **state)
{
	char *path = temp_file(NOTICE "@notice:fever\tFever: see a doctor.\n"
	                              "fever\tfever\nfall\t\\bfell\\b\n");
	kb_redflag_hit_t *hits;
	kb_redflags_t *rf;
	size_t n;

	(void)state;
	assert_int_equal(redflag_load(path, &rf, NULL), KB_OK);
	assert_int_equal(redflag_match(rf, "I fell, now fever", 17, &hits, &n),
	                 KB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].name, "fever");
	assert_string_equal(hits[0].notice, "Fever: see a doctor.");
	assert_string_equal(hits[1].name, "fall");
	assert_string_equal(hits[1].notice, "Please see a doctor.");
	assert_ptr_equal(hits[1].notice, redflag_default_notice(rf));
	free(hits);
	redflag_free(rf);
	unlink(path);
	free(path);
}

/* A pattern that backtracks without end does not stall the question; it
 * simply does not fire. */
static void
test_redflag_runaway_pattern_stops_at_match_limit(void **state)
{
	char *path = temp_file(NOTICE "bad\t^(a+)+$\nfever\tfever\n");
	kb_redflag_hit_t *hits;
	kb_redflags_t *rf;
	char q[64];
	double t0;
	size_t n;

	(void)state;
	memset(q, 'a', sizeof(q) - 8);
	memcpy(q + sizeof(q) - 8, "b fever", 8);
	assert_int_equal(redflag_load(path, &rf, NULL), KB_OK);
	t0 = now();
	assert_int_equal(redflag_match(rf, q, strlen(q), &hits, &n), KB_OK);
	assert_true(now() - t0 < time_limit(1.0));
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].name, "fever");
	free(hits);
	redflag_free(rf);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_redflag_raises_each_flag_in_everyday_words),
	    cmocka_unit_test(test_redflag_ignores_negated_signs),
	    cmocka_unit_test(test_redflag_ignores_false_friends),
	    cmocka_unit_test(
	        test_redflag_reports_several_flags_once_in_file_order),
	    cmocka_unit_test(test_redflag_notices_are_calm_and_never_diagnose),
	    cmocka_unit_test(test_redflag_empty_question_raises_nothing),
	    cmocka_unit_test(test_redflag_rejects_null_arguments),
	    cmocka_unit_test(test_redflag_reads_only_len_bytes),
	    cmocka_unit_test(test_redflag_survives_invalid_utf8),
	    cmocka_unit_test(test_redflag_huge_question_terminates_fast),
	    cmocka_unit_test(test_redflag_missing_file_is_io_error_naming_it),
	    cmocka_unit_test(
	        test_redflag_bad_file_is_corrupt_naming_file_and_line),
	    cmocka_unit_test(test_redflag_uses_own_notice_else_default),
	    cmocka_unit_test(test_redflag_runaway_pattern_stops_at_match_limit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
