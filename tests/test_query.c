/* test_query.c - the query engine on a small database, and the highlight
 * spans on their own. */
#include <sys/stat.h>

#include "helpers.h"

#include "../indexer/kb_indexer.h"
#include "../query/query_internal.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"

static char db[128];

static void
put(const char *name, const char *text)
{
	char docs[256];

	snprintf(docs, sizeof(docs), "%s/docs", scratch);
	write_text(docs, name, text);
}

/* A database of three small articles, indexed with a tiny stopword
 * list. */
static int
build_db(void **state)
{
	kb_index_opts_t o;
	kb_indexer_t *ix;
	char dir[256], stop[256];

	if (scratch_setup(state) != 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/docs", scratch);
	mkdir(dir, 0755);
	snprintf(stop, sizeof(stop), "%s/stop.txt", scratch);
	write_text(scratch, "stop.txt",
		   "# test list\nthe\nmy\nwhen\ni\nis\na\nof\nand\nto\n"
		   "your\n");
	put("running.txt", "Back pain when running\n\n"
			   "Runners often feel an ache in the lower back. "
			   "Strengthen the core muscles.\n\n"
			   "Eat well after a run.\n");
	put("sleep.txt", "Waking up stiff\n\n"
			 "A stiff lower back in the morning often comes from "
			 "the sleeping position. Put a pillow under the "
			 "knees.\n");
	put("knee.txt", "Knee care\n\nIce the knee for ten minutes.\n");
	put("bridge.txt", "Exercises for a weak lower back\n\n"
			  "1. Glute bridge: lie on your back with knees bent "
			  "and lift the hips. Hold 5 seconds, 10 times.\n"
			  "2. Bird dog: on hands and knees, reach one arm and "
			  "the opposite leg. Hold 5 seconds, 10 times.\n");
	snprintf(db, sizeof(db), "%s/q.db", scratch);
	kb_index_opts_init(&o);
	o.db_path = db;
	o.stopwords = stop;
	o.lexicon = "lexicon";
	if (kb_indexer_open(&o, &ix, NULL) != KB_OK)
		return -1;
	if (kb_indexer_add_path(ix, dir) != KB_OK ||
	    kb_indexer_run(ix) != KB_OK) {
		kb_indexer_close(ix);
		return -1;
	}
	kb_indexer_close(ix);
	return 0;
}

static kb_answer_t *
ask(const char *q, unsigned limit)
{
	kb_engine_t *en;
	kb_answer_t *ans = NULL;

	assert_int_equal(kb_engine_open(db, &en, NULL), KB_OK);
	assert_int_equal(kb_engine_query(en, q, strlen(q), limit, &ans),
			 KB_OK);
	kb_engine_close(en);
	return ans;
}

static void
test_question_finds_the_article_about_it(void **state)
{
	static const struct {
		const char *q;
		const char *source;
	} cases[] = {
		{ "my back hurts when I run", "running.txt" },
		{ "stiff lower back in the morning", "sleep.txt" },
		{ "KNEE ice", "knee.txt" },
		/* Stemming: "runners" and "running" meet at "run". */
		{ "running", "running.txt" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kb_answer_t *ans = ask(cases[i].q, 5);

		assert_true(ans->nresults > 0);
		assert_string_equal(ans->results[0].source, cases[i].source);
		assert_int_equal(ans->results[0].rank, 1);
		assert_true(ans->results[0].score > 0);
		kb_answer_free(ans);
	}
}

/* An engine with no lexicon loaded (an installed relief that found none)
 * still answers, named advice included: collapsing names by synonym group
 * must cope with having no groups. */
static void
test_named_advice_is_answered_without_a_lexicon(void **state)
{
	kb_answer_t *ans = ask("glute bridge exercise for a weak back", 5);
	size_t i;
	int named = 0;

	(void)state;
	assert_true(ans->nresults > 0);
	for (i = 0; i < ans->nresults; i++)
		named += ans->results[i].name[0] != '\0';
	assert_true(named > 0);
	assert_string_equal(ans->results[0].source, "bridge.txt");
	kb_answer_free(ans);
}

static void
test_results_carry_title_snippet_and_true_highlights(void **state)
{
	kb_answer_t *ans;
	size_t i, j;

	(void)state;
	ans = ask("stiff morning pillow", 10);
	assert_string_equal(ans->query, "stiff morning pillow");
	assert_int_equal(ans->nresults, 1);
	assert_string_equal(ans->results[0].title, "Waking up stiff");
	assert_non_null(strstr(ans->results[0].snippet, "pillow under"));
	for (i = 0; i < ans->nresults; i++) {
		const kb_result_t *r = &ans->results[i];

		assert_int_equal(r->nhighlights, 3);
		for (j = 0; j < r->nhighlights; j++) {
			const kb_highlight_t *h = &r->highlights[j];

			assert_true(h->start + h->len <= r->snippet_len);
			if (j > 0)
				assert_true(h->start >
					    r->highlights[j - 1].start);
		}
		assert_memory_equal(r->snippet + r->highlights[0].start,
				    "stiff", 5);
	}
	kb_answer_free(ans);
}

static void
test_limit_caps_results_and_total_counts_matches(void **state)
{
	kb_answer_t *ans;

	(void)state;
	ans = ask("back knee run stiff", 1);
	assert_int_equal(ans->nresults, 1);
	assert_true(ans->total >= 3);
	kb_answer_free(ans);
}

static void
test_stopword_only_question_is_refused(void **state)
{
	kb_engine_t *en;
	kb_answer_t *ans = (kb_answer_t *)1;

	(void)state;
	assert_int_equal(kb_engine_open(db, &en, NULL), KB_OK);
	assert_int_equal(kb_engine_query(en, "the my and", 10, 5, &ans),
			 KB_ERR_QUERY_SYNTAX);
	assert_null(ans);
	assert_non_null(strstr(kb_engine_errmsg(en), "no searchable words"));
	assert_int_equal(kb_engine_query(en, "", 0, 5, &ans),
			 KB_ERR_QUERY_SYNTAX);
	assert_int_equal(kb_engine_query(en, "knee", 4, 0, &ans),
			 KB_ERR_ARG);
	assert_int_equal(kb_engine_query(en, "knee", 4, 1001, &ans),
			 KB_ERR_ARG);
	/* The handle still works after errors. */
	assert_int_equal(kb_engine_query(en, "knee", 4, 5, &ans), KB_OK);
	assert_null(kb_engine_errmsg(en));
	kb_answer_free(ans);
	kb_engine_close(en);
}

static void
test_invalid_utf8_question_is_answered(void **state)
{
	kb_engine_t *en;
	kb_answer_t *ans;
	static const char q[] = "knee\xff\xfe ice";

	(void)state;
	assert_int_equal(kb_engine_open(db, &en, NULL), KB_OK);
	assert_int_equal(kb_engine_query(en, q, sizeof(q) - 1, 5, &ans),
			 KB_OK);
	assert_string_equal(ans->results[0].source, "knee.txt");
	assert_true(kb_text_valid_utf8(ans->query, strlen(ans->query)));
	kb_answer_free(ans);
	kb_engine_close(en);
}

static void
test_missing_database_is_not_found_and_named(void **state)
{
	kb_engine_t *en = (kb_engine_t *)1;
	char *err = NULL;

	(void)state;
	assert_int_equal(kb_engine_open("/tmp/relief-no-such.db", &en, &err),
			 KB_ERR_NOT_FOUND);
	assert_null(en);
	assert_non_null(err);
	assert_non_null(strstr(err, "relief-no-such.db"));
	free(err);
	kb_engine_close(NULL);
	kb_answer_free(NULL);
}

static void
test_highlight_spans_mark_searched_terms_only(void **state)
{
	static const char text[] = "Running hurts; the runner RAN. Run!";
	kb_text_t *tx;
	kb_strset_t *terms;
	kb_highlight_t *h;
	size_t n;

	(void)state;
	assert_int_equal(kb_text_new(&tx), KB_OK);
	assert_int_equal(kb_text_set_stemmer(tx, "english"), KB_OK);
	assert_int_equal(kb_strset_new(&terms), KB_OK);
	assert_int_equal(kb_strset_add(terms, "run", 3), KB_OK);
	assert_int_equal(
	    query_highlight_spans(tx, terms, text, strlen(text), &h, &n),
	    KB_OK);
	/* "Running" and "Run" stem to "run"; "runner" and "RAN" do not. */
	assert_int_equal(n, 2);
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[0].len, 7);
	assert_int_equal(h[1].start, strlen(text) - 4);
	assert_int_equal(h[1].len, 3);
	free(h);
	assert_int_equal(query_highlight_spans(tx, terms, "", 0, &h, &n),
	                 KB_OK);
	assert_int_equal(n, 0);
	assert_null(h);
	kb_strset_free(terms);
	kb_text_free(tx);
}

/* A question of more than KB_LIMIT_QUESTION_WORDS words is searched by
 * its first ones, and the answer counts the rest (its JSON too) for the
 * front end to say so; a 5,000-word question takes no longer than a few
 * hundred milliseconds.  Before, the rest were dropped in silence. */
static void
test_long_question_counts_the_words_not_searched(void **state)
{
	static const size_t words[] = {5, KB_LIMIT_QUESTION_WORDS, 5000};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		kb_answer_t *ans;
		kb_buf_t q;
		double t0;
		char *js;

		/* "running knee ice ...": no stopword, every one a word. */
		kb_buf_init(&q);
		for (k = 0; k < words[i]; k++)
			kb_buf_puts(&q, k % 3 == 0   ? "running "
					: k % 3 == 1 ? "knee "
						     : "ice ");
		assert_int_equal(q.err, KB_OK);
		t0 = now();
		ans = ask(q.data, 5);
		if (now() - t0 > time_limit(2.0))
			fail_msg("%zu words: %.2f s", words[i], now() - t0);
		assert_true(ans->nresults > 0);
		assert_int_equal(ans->dropped_words,
				 words[i] > KB_LIMIT_QUESTION_WORDS
				     ? words[i] - KB_LIMIT_QUESTION_WORDS
				     : 0);
		js = kb_answer_json(ans);
		assert_non_null(js);
		kb_buf_reset(&q);
		kb_buf_printf(&q, "\"dropped_words\":%zu", ans->dropped_words);
		assert_non_null(strstr(js, q.data));
		free(js);
		kb_answer_free(ans);
		kb_buf_free(&q);
	}
}

/* A rule of the question lexicon that backtracks out of proportion stops
 * at the match limit, and the answer counts it for the front end to warn
 * of, instead of the rule failing to match in silence; the shipped
 * lexicon needs no such cut. */
static void
test_a_question_rule_stopped_at_the_limit_is_counted(void **state)
{
	static const char q[] = "lie on your back and slowly lift the hips "
				"towards the ceiling with the knees bent!";
	char lex[4200];
	kb_engine_t *en;
	kb_answer_t *ans = NULL;

	(void)state;
	snprintf(lex, sizeof(lex), "%s/lex", scratch);
	assert_int_equal(mkdir(lex, 0755), 0);
	/* Nested quantifiers over the same letters: exponential. */
	write_text(lex, "questions.txt", "-\t-\t-\t(\\w+\\s?)+$\n");
	assert_int_equal(kb_engine_open(db, &en, NULL), KB_OK);
	assert_int_equal(kb_engine_load_lexicon(en, lex, NULL), KB_OK);
	assert_int_equal(kb_engine_query(en, q, strlen(q), 5, &ans), KB_OK);
	assert_true(ans->stopped_matches > 0);
	kb_answer_free(ans);
	assert_int_equal(kb_engine_load_lexicon(en, KB_SRCDIR "/lexicon",
						NULL),
			 KB_OK);
	assert_int_equal(kb_engine_query(en, q, strlen(q), 5, &ans), KB_OK);
	assert_int_equal(ans->stopped_matches, 0);
	kb_answer_free(ans);
	kb_engine_close(en);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_question_finds_the_article_about_it),
		cmocka_unit_test(test_named_advice_is_answered_without_a_lexicon),
		cmocka_unit_test(
			test_results_carry_title_snippet_and_true_highlights),
		cmocka_unit_test(
			test_limit_caps_results_and_total_counts_matches),
		cmocka_unit_test(test_stopword_only_question_is_refused),
		cmocka_unit_test(test_invalid_utf8_question_is_answered),
		cmocka_unit_test(test_missing_database_is_not_found_and_named),
		cmocka_unit_test(
			test_highlight_spans_mark_searched_terms_only),
		cmocka_unit_test(
			test_long_question_counts_the_words_not_searched),
		cmocka_unit_test(
			test_a_question_rule_stopped_at_the_limit_is_counted),
	};

	return cmocka_run_group_tests(tests, build_db, scratch_teardown);
}
