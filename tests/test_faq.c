/* test_faq.c - the offline FAQ, through the real bin/relief: building a
 * bundle, looking questions up in it with the main database gone,
 * rebuilding it byte for byte, its errors and its JSON.
 *
 * One bundle of corpus/ (and the seeds, when ../shared has them) is built
 * once for the group, so the tests stay quick; tests that build their own
 * use the seeds alone or a tiny folder.  Seed tests skip when the seeds
 * are absent.
 */
#define _GNU_SOURCE /* strcasestr */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../store/kb_store.h"
#include "run_relief.h"

static char group[64];     /* the group's scratch folder */

/* Indexes the folders into dir/db and builds dir/out from it. */
static void
build(const char *dir, const char *db, const char *out, const char *a,
      const char *b)
{
	run_t r;

	if (b != NULL)
		RUN(dir, NULL, &r, "index", "--quiet", "--db", db, a, b);
	else
		RUN(dir, NULL, &r, "index", "--quiet", "--db", db, a);
	assert_int_equal(r.status, 0);
	run_free(&r);
	RUN(dir, NULL, &r, "faq", "build", "--db", db, "--out", out);
	if (r.status != 0)
		fprintf(stderr, "%s", r.err);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "entries"));
	run_free(&r);
}

static int
group_setup(void **state)
{
	char corpus[4200];

	(void)state;
	if (scratch_make(group, sizeof(group), "relief-faq") != 0)
		return -1;
	snprintf(corpus, sizeof(corpus), "%s/corpus", srcdir);
	build(group, "main.db", "all.faq", corpus, seeds[0] ? seeds : NULL);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	return scratch_remove(group);
}

/* The match of a JSON answer (to json_decref the whole). */
static json_t *
parse(const char *out)
{
	json_t *o = json_loads(out, 0, NULL);

	assert_non_null(o);
	assert_true(json_is_object(o));
	return o;
}

/* Asks the bundle in dir the question with --format json; the run must
 * succeed.  Returns the parsed answer, to json_decref. */
static json_t *
ask_json(const char *dir, const char *bundle, const char *question)
{
	run_t r;
	json_t *o;

	RUN(dir, NULL, &r, "faq", "--bundle", bundle, "--format", "json",
	    question);
	assert_int_equal(r.status, 0);
	o = parse(r.out);
	run_free(&r);
	return o;
}

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	assert_non_null(s);
	return s;
}

/* The first source of an entry. */
static const char *
first_source(json_t *e)
{
	const char *s =
	    json_string_value(json_array_get(json_object_get(e, "sources"), 0));

	assert_non_null(s);
	return s;
}

/* True when the match's answer or one of its entries' sources holds
 * needle (ignoring case). */
static int
answer_has(json_t *match, const char *needle)
{
	json_t *adv = json_object_get(match, "answer");
	size_t i;

	for (i = 0; i < json_array_size(adv); i++)
		if (strcasestr(str(json_array_get(adv, i), "how"), needle))
			return 1;
	return 0;
}

static void
test_faq_bundle_round_trip(void **state)
{
	run_t r;
	json_t *o, *m;

	(void)state;
	o = ask_json(group, "all.faq", "how do I lift heavy boxes safely");
	m = json_object_get(o, "match");
	assert_true(json_is_object(m));
	assert_true(strlen(str(m, "question")) > 0);
	assert_true(json_array_size(json_object_get(m, "answer")) > 0);
	assert_non_null(strstr(first_source(m), "lifting"));
	json_decref(o);
	/* And as text: the question, its advice, its source. */
	RUN(group, NULL, &r, "faq", "--bundle", "all.faq",
	    "how do I lift heavy boxes safely");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Q: "));
	assert_non_null(strstr(r.out, "Source"));
	run_free(&r);
}

static void
test_faq_json_has_match_and_up_to_three_related(void **state)
{
	json_t *o, *rel;
	size_t i;

	(void)state;
	o = ask_json(group, "all.faq", "what stretches help sciatica");
	assert_string_equal(str(o, "query"), "what stretches help sciatica");
	assert_true(json_is_object(json_object_get(o, "match")));
	rel = json_object_get(o, "related");
	assert_true(json_is_array(rel));
	assert_true(json_array_size(rel) <= 3);
	for (i = 0; i < json_array_size(rel); i++) {
		json_t *e = json_array_get(rel, i);

		assert_true(
		    strcmp(str(e, "question"),
		           str(json_object_get(o, "match"), "question")) != 0);
		assert_true(json_array_size(json_object_get(e, "sources")) >=
		            1);
	}
	json_decref(o);
}

/* The acceptance question: with only the bundle (the database gone), the
 * seeds' sleeping-position advice answers it. */
static void
test_faq_lookup_with_main_database_deleted(void **state)
{
	char dir[64], cmd[200];
	run_t r;
	json_t *o, *m;

	(void)state;
	if (!seeds[0])
		skip();
	assert_int_equal(scratch_make(dir, sizeof(dir), "relief-faq1"), 0);
	build(dir, "seeds.db", "seeds.faq", seeds, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/seeds.db'", dir);
	assert_int_equal(system(cmd), 0);
	o = ask_json(dir, "seeds.faq",
	             "how should I sleep if my back hurts in the morning");
	m = json_object_get(o, "match");
	assert_true(json_is_object(m));
	assert_non_null(strstr(first_source(m), "001_"));
	assert_true(answer_has(m, "sleeping position"));
	json_decref(o);
	/* The default bundle is ./relief.faq, or $RELIEF_FAQ. */
	snprintf(cmd, sizeof(cmd), "mv '%s/seeds.faq' '%s/relief.faq'", dir,
	         dir);
	assert_int_equal(system(cmd), 0);
	RUN(dir, NULL, &r, "faq",
	    "how should I sleep if my back hurts in the "
	    "morning");
	assert_int_equal(r.status, 0);
	assert_non_null(strcasestr(r.out, "sleeping position"));
	run_free(&r);
	assert_int_equal(scratch_remove(dir), 0);
}

/* With corpus/ as well, the answer is still sleeping-position advice. */
static void
test_faq_sleep_question_gets_sleeping_positions(void **state)
{
	json_t *o;

	(void)state;
	o = ask_json(group, "all.faq",
	             "how should I sleep if my back hurts in the morning");
	assert_string_equal(str(o, "type"), "sleep");
	assert_true(answer_has(json_object_get(o, "match"), "pillow"));
	json_decref(o);
}

static void
test_faq_rebuild_is_byte_identical(void **state)
{
	char a[4200], b[4200];
	size_t la, lb;
	char *x, *y;
	run_t r;

	(void)state;
	RUN(group, NULL, &r, "faq", "build", "--db", "main.db", "--out", "again.faq");
	assert_int_equal(r.status, 0);
	run_free(&r);
	snprintf(a, sizeof(a), "%s/all.faq", group);
	snprintf(b, sizeof(b), "%s/again.faq", group);
	x = read_whole(a, &la);
	y = read_whole(b, &lb);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(la > 0);
	assert_int_equal(la, lb);
	assert_memory_equal(x, y, la);
	free(x);
	free(y);
}

static void
test_faq_empty_database_is_an_error(void **state)
{
	/* One line each, naming what is wrong. */
	static const run_case_t cases[] = {
	    {{"faq", "build", "--db", "empty.db", "--out", "x.faq"},
	     .status = 1,
	     .err_has = {"holds no articles"},
	     .one_line = 1},
	    {{"faq", "build", "--db", "missing.db", "--out", "x.faq"},
	     .status = 1,
	     .err_has = {"missing.db"}},
	};
	char dir[64], cmd[200];

	(void)state;
	assert_int_equal(scratch_make(dir, sizeof(dir), "relief-faq2"), 0);
	/* An empty database, made through the store itself. */
	{
		kb_store_t *st = NULL;

		snprintf(cmd, sizeof(cmd), "%s/empty.db", dir);
		assert_int_equal(kb_store_open(cmd, KB_STORE_CREATE, &st, NULL),
		                 KB_OK);
		assert_int_equal(kb_store_commit(st), KB_OK);
		kb_store_close(st);
	}
	run_check(dir, &cases[0]);
	/* and no bundle is left behind */
	snprintf(cmd, sizeof(cmd), "%s/x.faq", dir);
	assert_int_equal(access(cmd, F_OK), -1);
	run_check(dir, &cases[1]);
	assert_int_equal(scratch_remove(dir), 0);
}

/* Bad input: one line on stderr and a non-zero exit. */
static void
test_faq_errors_are_one_line(void **state)
{
	static const struct {
		const char *args[4];
		int status;
		const char *says;
	} cases[] = {
	    {{"--bundle", "nothing.faq", "back pain", NULL},
	     1,
	     "no FAQ bundle here"},
	    {{"--bundle", "all.faq", "  ", NULL}, 2, "empty question"},
	    {{"--bundle", "junk.faq", "back pain", NULL}, 1, "junk.faq"},
	    {{"--bundle", "main.db", "back pain", NULL}, 1, "not a FAQ bundle"},
	    {{"--bundle", "all.faq", "the of and", NULL},
	     1,
	     "no searchable words"},
	    {{"export", "--bundle", "all.faq", NULL}, 2, "--html"},
	};
	size_t i;

	(void)state;
	write_text(group, "junk.faq", "this is not a database\n");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_t r;
		const char *const *a = cases[i].args;

		if (a[3] != NULL || a[2] == NULL)
			RUN(group, NULL, &r, "faq", a[0], a[1]);
		else
			RUN(group, NULL, &r, "faq", a[0], a[1], a[2]);
		if (r.status != cases[i].status ||
		    !strstr(r.err, cases[i].says))
			fprintf(stderr, "case %zu: %d %s", i, r.status, r.err);
		assert_int_equal(r.status, cases[i].status);
		assert_non_null(strstr(r.err, cases[i].says));
		assert_non_null(strchr(r.err, '\n'));
		assert_true(strchr(r.err, '\n')[1] == '\0' ||
		            cases[i].status == 2);
		run_free(&r);
	}
}

static void
test_faq_export_lists_every_entry(void **state)
{
	char path[4200];
	char *html;
	run_t r;

	(void)state;
	RUN(group, NULL, &r, "faq", "export", "--bundle", "all.faq", "--html",
	    "faq.html");
	assert_int_equal(r.status, 0);
	run_free(&r);
	snprintf(path, sizeof(path), "%s/faq.html", group);
	html = read_whole(path, NULL);
	assert_non_null(html);
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "<style>"));
	assert_non_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "class=\"entry\""));
	assert_non_null(strstr(html, "class=\"topic\""));
	/* Nothing fetched. */
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "http"));
	free(html);
}

int
main(void)
{
#define T(f) cmocka_unit_test(f)
	const struct CMUnitTest tests[] = {
	    T(test_faq_bundle_round_trip),
	    T(test_faq_json_has_match_and_up_to_three_related),
	    T(test_faq_lookup_with_main_database_deleted),
	    T(test_faq_sleep_question_gets_sleeping_positions),
	    T(test_faq_rebuild_is_byte_identical),
	    T(test_faq_empty_database_is_an_error),
	    T(test_faq_errors_are_one_line),
	    T(test_faq_export_lists_every_entry),
#undef T
	};
	if (run_relief_init("test_faq") != 0)
		return 1;
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
