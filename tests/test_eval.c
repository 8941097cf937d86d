/* test_eval.c - the evaluation: question files, the word-match rule, the
 * figures on hand-made answers, and answers read from JSON lines. */
#include <sys/stat.h>

#include "helpers.h"

#include "../eval/eval_internal.h"
#include "../eval/kb_eval.h"

/* Writes text to scratch/name and returns the path (a static buffer per
 * call slot, so two paths can be alive at once). */
static const char *
put(const char *name, const char *text)
{
	static char paths[4][256];
	static unsigned slot;
	char *path = paths[slot++ % 4];

	write_text(scratch, name, text);
	snprintf(path, 256, "%s/%s", scratch, name);
	return path;
}

/* ---- question files --------------------------------------------------- */

/* A row of the table below for a file that is refused, with the part
 * of the message that says why. */
#define REFUSED(what, tsv, errpart)                                      \
	{ what, tsv, KB_ERR_CORRUPT, 0, NULL, NULL, NULL, 0, NULL, 0, NULL, \
	  0, errpart }

static void
test_question_file_columns_are_found_by_header_name(void **state)
{
	static const struct {
		const char *what;
		const char *tsv;
		kb_status_t status;
		size_t n;		/* questions */
		const char *qid;	/* of the last question */
		const char *question;
		const char *path;
		int section;
		const char *answer;
		size_t ngold;
		const char *alt;	/* gold[ngold - 1] when ngold > 1 */
		int alt_section;
		const char *errpart;	/* in the message on failure */
	} cases[] = {
		{ "standard order, extra columns", "qid\tquestion\tqtype\t"
		  "gold_path\tgold_section\tgold_answer\talt_gold\t"
		  "answer_dupes\nQ1\tWhat is X ?\tinformation\ta/x.txt\t2\t"
		  "X is a thing.\t\t0\n",
		  KB_OK, 1, "Q1", "What is X ?", "a/x.txt", 2,
		  "X is a thing.", 1, NULL, 0, NULL },
		{ "shuffled columns, CRLF", "extra\tgold_answer\tgold_path\t"
		  "qid\talt_gold\tquestion\tgold_section\r\n"
		  "e\tans\tb/y.txt\tQ7\t\tWhy Y ?\t0\r\n",
		  KB_OK, 1, "Q7", "Why Y ?", "b/y.txt", 0, "ans", 1, NULL, 0,
		  NULL },
		{ "several alt_gold", "qid\tquestion\tgold_path\t"
		  "gold_section\tgold_answer\talt_gold\n"
		  "Q1\tq one\ta.txt\t0\tA\t\n"
		  "Q2\tq two\ta.txt\t1\tB\tb.txt#3;c/d.txt#0;a.txt#4\n",
		  KB_OK, 2, "Q2", "q two", "a.txt", 1, "B", 4, "a.txt", 4,
		  NULL },
		{ "only the required columns", "question\tgold_path\tqid\n"
		  "how ?\tz.txt\tQ9\n\n",
		  KB_OK, 1, "Q9", "how ?", "z.txt", -1, NULL, 1, NULL, 0,
		  NULL },
		{ "alt_gold with empty entries", "qid\tquestion\tgold_path\t"
		  "alt_gold\nQ1\tq\ta.txt\t;b.txt#2;\n",
		  KB_OK, 1, "Q1", "q", "a.txt", -1, NULL, 2, "b.txt", 2,
		  NULL },
		REFUSED("no gold_path column", "qid\tquestion\tgold\n"
			"Q1\tq\ta.txt\n",
			"no 'gold_path' column"),
		REFUSED("no qid column", "id\tquestion\tgold_path\n",
			"no 'qid' column"),
		REFUSED("empty file", "", "no header"),
		REFUSED("short row", "qid\tquestion\tgold_path\tgold_answer\n"
			"Q1\tq\ta.txt\n",
			":2: 3 fields"),
		REFUSED("bad section",
			"qid\tquestion\tgold_path\tgold_section\n"
			"Q1\tq\ta.txt\tfirst\n",
			"bad gold_section"),
		REFUSED("bad alt_gold", "qid\tquestion\tgold_path\talt_gold\n"
			"Q1\tq\ta.txt\tb.txt#x\n",
			"bad alt_gold location 'b.txt#x'"),
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const kb_eval_question_t *q;
		kb_eval_t *ev;
		char *err = NULL;
		kb_status_t rc;

		rc = kb_eval_open(put("q.tsv", cases[i].tsv), &ev, &err);
		if (rc != cases[i].status)
			fail_msg("%s: status %d, message %s", cases[i].what,
				 rc, err ? err : "(none)");
		if (rc != KB_OK) {
			assert_null(ev);
			assert_non_null(err);
			if (strstr(err, cases[i].errpart) == NULL)
				fail_msg("%s: message '%s'", cases[i].what,
					 err);
			free(err);
			continue;
		}
		assert_null(err);
		assert_int_equal(kb_eval_count(ev), cases[i].n);
		q = kb_eval_get_question(ev, cases[i].n - 1);
		assert_string_equal(q->qid, cases[i].qid);
		assert_string_equal(q->question, cases[i].question);
		assert_string_equal(q->gold[0].path, cases[i].path);
		assert_int_equal(q->gold[0].section, cases[i].section);
		if (cases[i].answer == NULL) {
			assert_null(q->gold[0].answer);
		} else {
			assert_int_equal(q->gold[0].answer_len,
					 strlen(cases[i].answer));
			assert_memory_equal(q->gold[0].answer,
					    cases[i].answer,
					    strlen(cases[i].answer));
		}
		if (q->ngold != cases[i].ngold)
			fail_msg("%s: %zu gold locations", cases[i].what,
				 q->ngold);
		if (cases[i].ngold > 1) {
			const kb_eval_loc_t *l = &q->gold[q->ngold - 1];

			assert_string_equal(l->path, cases[i].alt);
			assert_int_equal(l->section, cases[i].alt_section);
			assert_null(l->answer);
		}
		kb_eval_close(ev);
	}
}

static void
test_missing_question_file_is_not_found_and_named(void **state)
{
	kb_eval_t *ev;
	char *err = NULL;

	(void)state;
	assert_int_equal(kb_eval_open("/nonexistent/q.tsv", &ev, &err),
			 KB_ERR_NOT_FOUND);
	assert_null(ev);
	assert_non_null(strstr(err, "/nonexistent/q.tsv"));
	free(err);
	kb_eval_close(NULL);
}

static void
test_find_returns_the_question_index(void **state)
{
	kb_eval_t *ev;
	size_t i = 99;

	(void)state;
	assert_int_equal(kb_eval_open(put("q.tsv", "qid\tquestion\t"
						   "gold_path\nA\tq\tx\n"
						   "B\tq\ty\n"),
				      &ev, NULL),
			 KB_OK);
	assert_int_equal(kb_eval_find(ev, "B", &i), KB_OK);
	assert_int_equal(i, 1);
	assert_int_equal(kb_eval_find(ev, "C", &i), KB_ERR_NOT_FOUND);
	assert_null(kb_eval_get_question(ev, 2));
	assert_null(kb_eval_get_outcome(ev, 0));
	kb_eval_close(ev);
}

/* ---- the word-match rule ---------------------------------------------- */

static void
test_word_match_counts_at_more_than_half_of_the_pairs(void **state)
{
	static const struct {
		const char *snippet;
		const char *gold;
		size_t matched, total;	/* word pairs */
		int counts;
	} cases[] = {
		{ "Rest and ice the knee.", "Rest and ice the knee.", 4, 4, 1 },
		{ "a b c d", "a b c", 2, 3, 1 },	/* 2/3: more */
		{ "a b c", "a b", 1, 2, 0 },	/* exactly half: no */
		{ "a b c d e", "x a b y c d", 2, 4, 0 },
		{ "Back PAIN", "back pain", 1, 1, 1 },	/* case folds */
		{ "back pain", "pain back", 0, 1, 0 },	/* order matters */
		{ "the knee and the back", "the back and the knee", 3, 4, 1 },
		{ "pain pain pain", "pain pain", 1, 2, 0 },	/* used once */
		{ "pain pain pain", "pain pain pain", 2, 2, 1 },
		{ "low-back pain.", "low back pain", 2, 2, 1 },
		{ "5-10 reps", "do 5 10 reps", 2, 2, 1 },
		/* A heading before the answer's first words. */
		{ "Overview\nKey Points\n- AML is", "Key Points - AML is", 3, 4,
		  1 },
		{ "", "anything", 0, 0, 0 },	/* no pairs never counts */
		{ "-- ... !!", "anything", 0, 0, 0 },
		{ "word", "word", 0, 0, 0 },	/* nor does one word */
		{ "two words", "", 0, 1, 0 },
		/* Non-ASCII bytes separate words: "café" is "caf". */
		{ "caf\xc3\xa9 au lait", "cafe au lait", 1, 2, 0 },
		{ "caf\xc3\xa9 au", "caf au", 1, 1, 1 },
	};
	size_t i, m, t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(eval_word_match(cases[i].snippet,
		                                 strlen(cases[i].snippet),
		                                 cases[i].gold,
		                                 strlen(cases[i].gold), &m, &t),
		                 KB_OK);
		if (m != cases[i].matched || t != cases[i].total ||
		    !KB_EVAL_MOSTLY(m, t) != !cases[i].counts)
			fail_msg("'%s' vs '%s': %zu of %zu", cases[i].snippet,
				 cases[i].gold, m, t);
	}
}

/* ---- figures on hand-made answers ------------------------------------- */

/* Four questions: gold at rank 1 (and its answer), gold article at rank 3
 * (another section), nothing, and an alt_gold article at rank 2 whose
 * text is the gold answer. */
static const char *const four =
	"qid\tquestion\tgold_path\tgold_section\tgold_answer\talt_gold\n"
	"Q1\tknee pain\tknee.txt\t1\tIce the knee for ten minutes.\t\n"
	"Q2\tback pain\tback.txt\t0\tStretch the lower back gently.\t\n"
	"Q3\tneck pain\tneck.txt\t0\tTurn the head slowly.\t\n"
	"Q4\thip pain\thip.txt\t2\tWalk a little every day.\t"
	"gard/hip.txt#0;ghr/hip.txt#1\n";

typedef struct hand_result {
	const char *source;
	const char *snippet;
} hand_result_t;

/* Judges the hand-made results of question qi. */
static const kb_eval_outcome_t *
judge(kb_eval_t *ev, size_t qi, const hand_result_t *v, size_t n, double ms)
{
	kb_result_t res[KB_EVAL_DEPTH + 2];
	kb_answer_t ans;
	const kb_eval_outcome_t *o = NULL;
	size_t i;

	memset(&ans, 0, sizeof(ans));
	memset(res, 0, sizeof(res));
	for (i = 0; i < n; i++) {
		res[i].rank = (unsigned)i + 1;
		res[i].score = 10.0 - (double)i;
		res[i].source = (char *)v[i].source;
		res[i].snippet = (char *)v[i].snippet;
		res[i].snippet_len = strlen(v[i].snippet);
	}
	ans.results = res;
	ans.nresults = n;
	assert_int_equal(kb_eval_judge(ev, qi, &ans, ms, &o), KB_OK);
	assert_non_null(o);
	return o;
}

static void
test_figures_come_from_gold_article_and_answer_ranks(void **state)
{
	static const hand_result_t r1[] = {
		{ "knee.txt", "Ice the knee for ten minutes." },
		{ "other.txt", "Ice the knee." },
	};
	static const hand_result_t r2[] = {
		{ "a.txt", "Stretch the lower back gently." },
		{ "b.txt", "Stretch the lower back gently." },
		{ "back.txt", "Causes of back pain include lifting." },
	};
	static const hand_result_t r4[] = {
		{ "x.txt", "Walk a little every day." },
		{ "ghr/hip.txt", "Walk a little every day, they say." },
	};
	const kb_eval_outcome_t *o;
	kb_eval_figures_t fig;
	kb_eval_t *ev;

	(void)state;
	assert_int_equal(kb_eval_open(put("four.tsv", four), &ev, NULL),
			 KB_OK);
	o = judge(ev, 0, r1, 2, 1.0);
	assert_int_equal(o->doc_rank, 1);
	assert_int_equal(o->answer_rank, 1);
	assert_true(o->marks[0].match == 1.0);
	assert_false(o->marks[1].doc);
	o = judge(ev, 1, r2, 3, 2.0);
	assert_int_equal(o->doc_rank, 3);
	assert_int_equal(o->answer_rank, 0);	/* the wrong section */
	assert_false(o->marks[0].doc);	/* right words, wrong article */
	assert_false(o->marks[0].answer);
	assert_true(o->marks[2].doc);
	o = judge(ev, 2, NULL, 0, 3.0);
	assert_false(o->answered);
	assert_int_equal(o->doc_rank, 0);
	/* Without sections the alt location is judged on gold_answer. */
	o = judge(ev, 3, r4, 2, 4.0);
	assert_int_equal(o->doc_rank, 2);
	assert_int_equal(o->answer_rank, 2);
	assert_int_equal(o->marks[1].loc, 2);

	assert_int_equal(kb_eval_get_figures(ev, &fig), KB_OK);
	assert_int_equal(fig.questions, 4);
	assert_int_equal(fig.unanswered, 1);
	assert_float_equal(fig.mrr10, (1.0 + 1.0 / 3 + 0 + 0.5) / 4, 1e-12);
	assert_float_equal(fig.recall1, 0.25, 1e-12);
	assert_float_equal(fig.recall5, 0.75, 1e-12);
	assert_float_equal(fig.recall10, 0.75, 1e-12);
	assert_float_equal(fig.success1, 0.25, 1e-12);
	assert_float_equal(fig.success5, 0.5, 1e-12);
	assert_true(fig.timed);
	assert_float_equal(fig.p50_ms, 2.0, 1e-12);	/* nearest rank */
	assert_float_equal(fig.p95_ms, 4.0, 1e-12);
	assert_float_equal(fig.max_ms, 4.0, 1e-12);
	kb_eval_close(ev);
}

static void
test_only_the_top_ten_results_are_judged(void **state)
{
	hand_result_t v[KB_EVAL_DEPTH + 1];
	const kb_eval_outcome_t *o;
	kb_eval_figures_t fig;
	kb_eval_t *ev;
	size_t i;

	(void)state;
	for (i = 0; i < KB_EVAL_DEPTH; i++) {
		v[i].source = "other.txt";
		v[i].snippet = "nothing";
	}
	v[KB_EVAL_DEPTH].source = "knee.txt";
	v[KB_EVAL_DEPTH].snippet = "Ice the knee for ten minutes.";
	assert_int_equal(kb_eval_open(put("four.tsv", four), &ev, NULL),
			 KB_OK);
	o = judge(ev, 0, v, KB_EVAL_DEPTH + 1, -1.0);
	assert_int_equal(o->nresults, KB_EVAL_DEPTH);
	assert_int_equal(o->doc_rank, 0);
	assert_int_equal(kb_eval_get_figures(ev, &fig), KB_OK);
	assert_int_equal(fig.questions, 1);	/* only Q1 was judged */
	assert_false(fig.timed);
	assert_int_equal(kb_eval_judge(ev, 4, NULL, 0, NULL), KB_ERR_RANGE);
	kb_eval_close(ev);
}

static void
test_sections_give_alt_locations_their_own_answer(void **state)
{
	/* Section 0 of gard/hip.txt starts at byte 10 ("Overview\n...") and
	 * section 1 at byte 37. */
	static const char article[] = "Hip pain\n\nOverview\nHips ache a lot."
				      "\n\nTreatment\nWalk a little every "
				      "day.\n";
	static const hand_result_t own[] = {
		{ "gard/hip.txt", "Hips ache a lot." },
	};
	static const hand_result_t gold_text[] = {
		{ "gard/hip.txt", "Walk a little every day." },
	};
	char dir[128], sections[512];
	const kb_eval_question_t *q;
	const kb_eval_outcome_t *o;
	kb_eval_t *ev;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/corpus", scratch);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/corpus/gard", scratch);
	mkdir(dir, 0755);
	put("corpus/gard/hip.txt", article);
	put("corpus/ghr", "");	/* not a directory: never read */
	assert_int_equal(strstr(article, "Overview") - article, 10);
	assert_int_equal(strstr(article, "Treatment") - article, 37);
	snprintf(sections, sizeof(sections),
		 "path\tsection\theading\tstart_byte\tend_byte\n"
		 "gard/hip.txt\t0\tOverview\t10\t36\n"
		 "gard/hip.txt\t1\tTreatment\t37\t%zu\n",
		 sizeof(article) - 1);
	put("sections.tsv", sections);
	assert_int_equal(kb_eval_open(put("one.tsv",
					  "qid\tquestion\tgold_path\t"
					  "gold_section\tgold_answer\t"
					  "alt_gold\nQ4\thip pain\thip.txt\t"
					  "2\tWalk a little every day.\t"
					  "gard/hip.txt#0\n"),
				      &ev, NULL),
			 KB_OK);
	snprintf(dir, sizeof(dir), "%s/corpus", scratch);
	assert_int_equal(kb_eval_load_sections(ev, put("sections.tsv",
						       sections),
					       dir),
			 KB_OK);
	q = kb_eval_get_question(ev, 0);
	assert_int_equal(q->gold[1].answer_len, strlen("Hips ache a lot.\n"));
	assert_memory_equal(q->gold[1].answer, "Hips ache a lot.\n", 17);
	o = judge(ev, 0, own, 1, -1.0);
	assert_int_equal(o->answer_rank, 1);
	/* Now the alt article's own text rules, not the gold answer. */
	o = judge(ev, 0, gold_text, 1, -1.0);
	assert_int_equal(o->doc_rank, 1);
	assert_int_equal(o->answer_rank, 0);
	kb_eval_close(ev);
}

static void
test_sections_missing_a_location_are_an_error(void **state)
{
	kb_eval_t *ev;

	(void)state;
	assert_int_equal(kb_eval_open(put("four.tsv", four), &ev, NULL),
			 KB_OK);
	assert_int_equal(kb_eval_load_sections(
				 ev,
				 put("s.tsv", "path\tsection\tstart_byte\t"
					      "end_byte\na.txt\t0\t0\t1\n"),
				 scratch),
			 KB_ERR_NOT_FOUND);
	assert_non_null(strstr(kb_eval_errmsg(ev), "gard/hip.txt"));
	assert_int_equal(kb_eval_load_sections(ev, put("s.tsv", "path\t"
								"section\n"),
					       scratch),
			 KB_ERR_CORRUPT);
	assert_non_null(strstr(kb_eval_errmsg(ev), "start_byte"));
	kb_eval_close(ev);
}

/* ---- answers in JSON lines -------------------------------------------- */

static const char *const three =
	"qid\tquestion\tgold_path\tgold_answer\n"
	"Q1\tknee pain\tknee.txt\tIce the knee for ten minutes.\n"
	"Q2\tthe of\tx.txt\tx\n"
	"Q3\tback pain\tback.txt\tStretch the lower back gently.\n";

static const char *const line1 =
	"{\"query\":\"knee pain\",\"total\":2,\"results\":["
	"{\"rank\":1,\"score\":3.5,\"source\":\"other.txt\",\"title\":\"O\","
	"\"snippet\":\"Other things.\"},"
	"{\"rank\":2,\"score\":2.5,\"source\":\"knee.txt\",\"title\":\"K\","
	"\"snippet\":\"Ice the knee for ten minutes.\","
	"\"highlights\":[[4,4]]}]}\n";
static const char *const line2 =
	"{\"query\":\"the of\",\"total\":0,\"results\":[],"
	"\"error\":\"no searchable words\"}\n";
static const char *const line3 =
	"{\"query\":\"back pain\",\"total\":1,\"results\":["
	"{\"source\":\"back.txt\",\"snippet\":\"Stretch the lower back\"}]}\n";

static void
test_answers_file_is_judged_like_the_engine(void **state)
{
	char text[2048];
	kb_eval_figures_t fig;
	const kb_eval_outcome_t *o;
	kb_eval_t *ev;

	(void)state;
	assert_int_equal(kb_eval_open(put("three.tsv", three), &ev, NULL),
			 KB_OK);
	snprintf(text, sizeof(text), "%s%s%s", line1, line2, line3);
	assert_int_equal(kb_eval_run_answers(ev, put("a.jsonl", text)),
			 KB_OK);
	o = kb_eval_get_outcome(ev, 0);
	assert_int_equal(o->doc_rank, 2);
	assert_int_equal(o->answer_rank, 2);
	o = kb_eval_get_outcome(ev, 1);
	assert_false(o->answered);	/* the "error" line */
	o = kb_eval_get_outcome(ev, 2);
	assert_int_equal(o->answer_rank, 1);	/* a part of the answer */
	assert_int_equal(kb_eval_get_figures(ev, &fig), KB_OK);
	assert_int_equal(fig.questions, 3);
	assert_int_equal(fig.unanswered, 1);
	assert_float_equal(fig.mrr10, (0.5 + 0 + 1) / 3, 1e-12);
	assert_float_equal(fig.success1, 1.0 / 3, 1e-12);
	assert_false(fig.timed);
	kb_eval_close(ev);
}

static void
test_bad_answers_files_are_refused_with_a_reason(void **state)
{
	static const struct {
		const char *what;
		const char *l1, *l2, *l3, *l4;
		kb_status_t status;
		const char *errpart;
	} cases[] = {
		{ "a line short", "", "", "", "", KB_ERR_CORRUPT,
		  "2 answer lines for 3 questions" },
		{ "a line too many", "", "", "", "{}\n", KB_ERR_CORRUPT,
		  "more answer lines" },
		{ "not JSON", "", "nope\n", "", "", KB_ERR_CORRUPT,
		  "a.jsonl:2:" },
		{ "not an object", "", "[1]\n", "", "", KB_ERR_CORRUPT,
		  "not a JSON object" },
		{ "results not an array", "", "{\"results\":3}\n", "", "",
		  KB_ERR_CORRUPT, "not an array" },
		{ "a result without source", "",
		  "{\"results\":[{\"snippet\":\"s\"}]}\n", "", "",
		  KB_ERR_CORRUPT, "result 1 has no \"source\"" },
		{ "answers out of order", line3, line2, line1, "",
		  KB_ERR_CORRUPT, "question Q1 is 'knee pain'" },
	};
	char text[2048];
	kb_eval_t *ev;
	size_t i;

	(void)state;
	assert_int_equal(kb_eval_open(put("three.tsv", three), &ev, NULL),
			 KB_OK);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kb_status_t rc;

		/* An empty slot stands for the good line of that place,
		 * except in the "short" case, which drops line 3. */
		snprintf(text, sizeof(text), "%s%s%s%s",
			 cases[i].l1[0] ? cases[i].l1 : line1,
			 cases[i].l2[0] ? cases[i].l2 : line2,
			 i == 0 ? "" : cases[i].l3[0] ? cases[i].l3 : line3,
			 cases[i].l4);
		rc = kb_eval_run_answers(ev, put("a.jsonl", text));
		if (rc != cases[i].status ||
		    strstr(kb_eval_errmsg(ev), cases[i].errpart) == NULL)
			fail_msg("%s: status %d, message '%s'", cases[i].what,
				 rc, kb_eval_errmsg(ev));
	}
	assert_int_equal(kb_eval_run_answers(ev, "/nonexistent/a.jsonl"),
			 KB_ERR_NOT_FOUND);
	assert_non_null(strstr(kb_eval_errmsg(ev), "/nonexistent/a.jsonl"));
	kb_eval_close(ev);
}

static void
test_answers_reader_walks_lines_then_is_done(void **state)
{
	char text[2048];
	kb_eval_answers_t *rd;
	const kb_answer_t *ans;

	(void)state;
	snprintf(text, sizeof(text), "%s%s", line1, line2);
	assert_int_equal(kb_eval_answers_open(put("a.jsonl", text), &rd,
					      NULL),
			 KB_OK);
	assert_int_equal(kb_eval_answers_next(rd, &ans), KB_OK);
	assert_string_equal(ans->query, "knee pain");
	assert_int_equal(ans->total, 2);
	assert_int_equal(ans->nresults, 2);
	assert_int_equal(ans->results[1].rank, 2);
	assert_float_equal(ans->results[1].score, 2.5, 1e-12);
	assert_string_equal(ans->results[1].source, "knee.txt");
	assert_string_equal(ans->results[1].title, "K");
	assert_int_equal(ans->results[1].snippet_len, 29);
	assert_int_equal(kb_eval_answers_next(rd, &ans), KB_OK);
	assert_int_equal(ans->nresults, 0);
	assert_int_equal(kb_eval_answers_next(rd, &ans), KB_DONE);
	assert_null(ans);
	assert_int_equal(kb_eval_answers_next(rd, &ans), KB_DONE);
	kb_eval_answers_close(rd);
	kb_eval_answers_close(NULL);
}

/* ---- consumer and symptom files ---------------------------------------- */

static void
test_phrase_match_ignores_case_and_whitespace(void **state)
{
	static const char text[] = "Lie face down.\nLift the ARMS and\n"
				   "  chest up, hold 5 seconds.";

	(void)state;
	assert_true(kb_eval_phrase_match(text, strlen(text),
					 "lift the arms and chest up"));
	assert_true(kb_eval_phrase_match(text, strlen(text),
					 "armsandchest"));
	assert_true(kb_eval_phrase_match(text, strlen(text), " hold 5 "));
	assert_false(kb_eval_phrase_match(text, strlen(text),
					  "lift the legs"));
	assert_false(kb_eval_phrase_match(text, strlen(text),
					  "seconds. And more"));
	assert_false(kb_eval_phrase_match(text, strlen(text), " \t "));
	assert_false(kb_eval_phrase_match("", 0, "a"));
	/* The text's length bounds the match, not its NUL. */
	assert_false(kb_eval_phrase_match(text, 5, "lie face"));
}

static void
test_symptom_file_judges_article_and_phrase(void **state)
{
	static const char tsv[] =
		"qid\tquery\tgold_source\tgold_phrase\n"
		"S1\thow long to hold a plank\tcore.txt\thold for 20 seconds\n"
		"S2\tstiff back mornings\tforum/am.txt\twarm shower\n";
	static const hand_result_t r1[] = {
		{ "other.txt", "Hold for 20 seconds." },	/* wrong article */
		{ "core.txt", "Planks build the core." },	/* no phrase */
		{ "core.txt", "Then HOLD for\n20 seconds, twice." },
	};
	static const hand_result_t r2[] = {
		{ "a.txt", "x y" }, { "b.txt", "x y" }, { "c.txt", "x y" },
		{ "forum/am.txt", "A warm shower loosens it." },
	};
	const kb_eval_outcome_t *o;
	kb_eval_figures_t fig;
	kb_eval_t *ev;
	char *err = NULL;

	(void)state;
	assert_int_equal(kb_eval_open(put("sym.tsv", tsv), &ev, &err), KB_OK);
	assert_int_equal(kb_eval_get_kind(ev), KB_EVAL_PHRASE);
	assert_string_equal(kb_eval_get_question(ev, 0)->question,
			    "how long to hold a plank");
	assert_string_equal(kb_eval_get_question(ev, 1)->phrase,
			    "warm shower");
	o = judge(ev, 0, r1, 3, -1.0);
	assert_int_equal(o->doc_rank, 2);
	assert_int_equal(o->answer_rank, 3);
	assert_false(o->marks[0].answer);
	o = judge(ev, 1, r2, 4, -1.0);
	assert_int_equal(o->answer_rank, 4);	/* past the top 3 */
	assert_int_equal(kb_eval_get_figures(ev, &fig), KB_OK);
	assert_int_equal(fig.questions, 2);
	assert_int_equal(fig.answered3, 1);
	assert_float_equal(fig.success3, 0.5, 1e-12);
	assert_float_equal(fig.success5, 1.0, 1e-12);
	assert_float_equal(fig.answer_mrr10, (1.0 / 3 + 1.0 / 4) / 2, 1e-12);
	kb_eval_close(ev);
}

static void
test_consumer_file_is_document_level_with_sets(void **state)
{
	static const char tsv[] =
		"qid\tquestion\tset\tgold_path\talt_gold\trelated\n"
		"MQT1\tmy son has a rash\tMQT\tghr/rash.txt\t"
		"gard/rash.txt;nhlbi/skin.txt\tx.txt\n"
		"MQA1\twhat is gout\tMQA\tgout.txt\t\t\n"
		"MQT2\tcan asthma pass on\tMQT\tasthma.txt\t\t\n";
	static const hand_result_t r1[] = {
		{ "x.txt", "related, not an answer" },
		{ "nhlbi/skin.txt", "anything" },
	};
	static const hand_result_t r2[] = { { "gout.txt", "gout" } };
	static const hand_result_t r3[] = { { "none.txt", "no" } };
	kb_eval_figures_t fig;
	kb_eval_t *ev;

	(void)state;
	assert_int_equal(kb_eval_open(put("con.tsv", tsv), &ev, NULL), KB_OK);
	assert_int_equal(kb_eval_get_kind(ev), KB_EVAL_DOCUMENT);
	assert_string_equal(kb_eval_get_question(ev, 1)->set, "MQA");
	assert_null(kb_eval_get_question(ev, 1)->phrase);
	assert_int_equal(judge(ev, 0, r1, 2, -1.0)->doc_rank, 2);
	assert_int_equal(judge(ev, 1, r2, 1, -1.0)->doc_rank, 1);
	assert_int_equal(judge(ev, 2, r3, 1, -1.0)->doc_rank, 0);
	assert_int_equal(kb_eval_get_figures(ev, &fig), KB_OK);
	assert_float_equal(fig.mrr10, (0.5 + 1 + 0) / 3, 1e-12);
	assert_int_equal(kb_eval_get_set_figures(ev, "MQT", &fig), KB_OK);
	assert_int_equal(fig.questions, 2);
	assert_float_equal(fig.mrr10, 0.25, 1e-12);
	assert_int_equal(kb_eval_get_set_figures(ev, "MQA", &fig), KB_OK);
	assert_int_equal(fig.questions, 1);
	assert_float_equal(fig.mrr10, 1.0, 1e-12);
	assert_int_equal(kb_eval_get_set_figures(ev, "none", &fig), KB_OK);
	assert_int_equal(fig.questions, 0);
	kb_eval_close(ev);
}

static void
test_templated_file_kind_and_empty_phrase_refused(void **state)
{
	static const char bad[] = "qid\tquery\tgold_source\tgold_phrase\n"
				  "S1\tq\ta.txt\t  \n";
	kb_eval_t *ev;
	char *err = NULL;

	(void)state;
	assert_int_equal(kb_eval_open(put("four.tsv", four), &ev, NULL), KB_OK);
	assert_int_equal(kb_eval_get_kind(ev), KB_EVAL_TEMPLATED);
	kb_eval_close(ev);
	assert_int_equal(kb_eval_open(put("bad.tsv", bad), &ev, &err),
			 KB_ERR_CORRUPT);
	assert_non_null(strstr(err, "bad.tsv:2: empty gold_phrase"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_question_file_columns_are_found_by_header_name),
		cmocka_unit_test(
			test_missing_question_file_is_not_found_and_named),
		cmocka_unit_test(test_find_returns_the_question_index),
		cmocka_unit_test(
			test_word_match_counts_at_more_than_half_of_the_pairs),
		cmocka_unit_test(
			test_figures_come_from_gold_article_and_answer_ranks),
		cmocka_unit_test(test_only_the_top_ten_results_are_judged),
		cmocka_unit_test(
			test_sections_give_alt_locations_their_own_answer),
		cmocka_unit_test(test_sections_missing_a_location_are_an_error),
		cmocka_unit_test(test_answers_file_is_judged_like_the_engine),
		cmocka_unit_test(
			test_bad_answers_files_are_refused_with_a_reason),
		cmocka_unit_test(test_answers_reader_walks_lines_then_is_done),
		cmocka_unit_test(test_phrase_match_ignores_case_and_whitespace),
		cmocka_unit_test(test_symptom_file_judges_article_and_phrase),
		cmocka_unit_test(test_consumer_file_is_document_level_with_sets),
		cmocka_unit_test(
			test_templated_file_kind_and_empty_phrase_refused),
	};

	return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
