/* kb_eval.h - measuring the answers against questions with known answers.
 *
 * Scores ranked answers against a question file with known answers (the
 * TSV files of ../shared/eval; see README.md there).  The same code scores
 * the engine run in-process and any system's answers read from a file in
 * the "relief query --batch" JSON-lines format, so a baseline is measured
 * exactly like relief.
 *
 * May use: query/ (kb_query.h: the engine and its answers), util/.
 * Nothing below eval/ includes this header; only the front ends do.
 *
 *	kb_eval_t *ev;
 *	kb_eval_figures_t fig;
 *	char *err;
 *	if (kb_eval_open("medquad-dev.tsv", &ev, &err) != KB_OK) { ... }
 *	if (kb_eval_run(ev, en, 10) == KB_OK &&
 *	    kb_eval_get_figures(ev, &fig) == KB_OK)
 *		printf("MRR@10 %.3f\n", fig.mrr10);
 *	kb_eval_close(ev);
 *
 * Document level: a result counts when its source is the gold article or
 * one of the alt_gold articles.  Answer level: a result counts when it
 * comes from such an article and most of its words run as in that
 * location's answer.  Precisely: split the snippet and the answer into
 * words (maximal runs of ASCII letters and digits, lower-cased; every
 * other byte, including all bytes of non-ASCII characters, separates
 * words); take the pairs of adjacent words of each; match each snippet
 * pair against the multiset of answer pairs (each answer pair can be used
 * once); the result counts when strictly more than half of the snippet's
 * pairs match.  A snippet of fewer than two words never counts.  Pairs,
 * not single words, because a long answer holds most of the common words
 * of its whole article.  Only the top KB_EVAL_DEPTH results of an answer
 * are judged.
 */
#ifndef KB_EVAL_H
#define KB_EVAL_H

#include <stddef.h>

#include "../query/kb_query.h"
#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Results judged per question: the figures are @1, @5 and @10. */
#define KB_EVAL_DEPTH 10

typedef struct kb_eval kb_eval_t;

/* A place that answers a question: a section of an article. */
typedef struct kb_eval_loc {
	const char *path;	/* article path relative to the corpus */
	int section;		/* 0-based section, -1 when not given */
	const char *answer;	/* its answer text (not NUL-terminated), or
				 * NULL when unknown: then the question's
				 * gold_answer stands in for it */
	size_t answer_len;
} kb_eval_loc_t;

/* The kinds of question file, told apart by their header (see
 * kb_eval_open()). */
typedef enum kb_eval_kind {
	KB_EVAL_TEMPLATED,	/* gold section and answer text (medquad-dev) */
	KB_EVAL_DOCUMENT,	/* gold articles only (consumer-dev) */
	KB_EVAL_PHRASE		/* gold article and phrase (symptom-dev) */
} kb_eval_kind_t;

typedef struct kb_eval_question {
	const char *qid;
	const char *question;
	const kb_eval_loc_t *gold;	/* gold[0] is gold_path, then each
					 * alt_gold location in file order */
	size_t ngold;
	const char *set;	/* the "set" column, or "" */
	const char *phrase;	/* the "gold_phrase" column, or NULL */
} kb_eval_question_t;

/* How one result was judged. */
typedef struct kb_eval_mark {
	int doc;		/* its source is a gold article */
	int answer;		/* it counts at the answer level */
	double match;		/* best share of its word pairs found in the
				 * answer of a gold location of its article;
				 * 0 for other articles */
	int loc;		/* index in gold of that best location, or -1 */
} kb_eval_mark_t;

/* How one question fared. */
typedef struct kb_eval_outcome {
	int answered;		/* the system returned results */
	unsigned nresults;	/* results judged, at most KB_EVAL_DEPTH */
	unsigned doc_rank;	/* first rank with a gold article, 0: none */
	unsigned answer_rank;	/* first rank that counts as an answer */
	double ms;		/* latency in ms, negative when not timed */
	kb_eval_mark_t marks[KB_EVAL_DEPTH];	/* by rank - 1 */
} kb_eval_outcome_t;

/* The figures over every scored question. */
typedef struct kb_eval_figures {
	size_t questions;	/* questions scored */
	size_t unanswered;	/* of which got no result at all */
	double mrr10;		/* mean of 1 / doc_rank (0 when none) */
	double recall1, recall5, recall10;	/* share with doc_rank <= k */
	double success1, success3, success5;	/* share with answer_rank
						 * <= k */
	size_t answered3;	/* questions with answer_rank <= 3 */
	double answer_mrr10;	/* mean of 1 / answer_rank (0 when none) */
	int timed;		/* the latencies below are set */
	double p50_ms, p95_ms, p99_ms, max_ms;	/* nearest-rank */
} kb_eval_figures_t;

/* Reads the question file at path: a TSV file with a header line and no
 * quoting.  Columns are found by name and extra ones are ignored: qid,
 * question (or query) and gold_path (or gold_source) are required;
 * gold_section, gold_answer, alt_gold ("path#section;path#section", or
 * plain paths), set and gold_phrase optional.  The header decides the
 * kind: a gold_phrase column makes a KB_EVAL_PHRASE file (a result counts
 * at the answer level when it comes from the gold article and its snippet
 * contains the phrase, ignoring case and whitespace; see
 * kb_eval_phrase_match()), no gold_section and no gold_answer column a
 * KB_EVAL_DOCUMENT file (document level only), anything else
 * KB_EVAL_TEMPLATED.  On failure *out is
 * NULL and *errmsg (if not NULL) a malloc'd one-line message naming the
 * file (and line).  Returns KB_OK, KB_ERR_NOT_FOUND (no such file),
 * KB_ERR_IO, KB_ERR_CORRUPT (bad header or row), KB_ERR_NOMEM. */
kb_status_t kb_eval_open(const char *path, kb_eval_t **out, char **errmsg);

/* Frees the questions and outcomes.  Accepts NULL. */
void kb_eval_close(kb_eval_t *ev);

/* The message for the last failed call on this handle, or NULL.  Valid
 * until the next call on the handle. */
const char *kb_eval_errmsg(const kb_eval_t *ev);

/* Reads the answer text of every alt_gold location from the articles in
 * corpus_dir, at the byte ranges that the sections file (columns path,
 * section, start_byte, end_byte; the range's first line, the heading, is
 * dropped) gives.  Returns KB_OK, KB_ERR_NOT_FOUND (a file, or a location
 * missing from the sections file), KB_ERR_IO, KB_ERR_CORRUPT (bad header,
 * row or range), KB_ERR_NOMEM. */
kb_status_t kb_eval_load_sections(kb_eval_t *ev, const char *sections,
				  const char *corpus_dir);

/* The number of questions. */
size_t kb_eval_count(const kb_eval_t *ev);

/* The kind of the question file, from its header. */
kb_eval_kind_t kb_eval_get_kind(const kb_eval_t *ev);

/* Whether text (len bytes) contains phrase, ignoring ASCII case and every
 * whitespace byte on both sides (a phrase of only whitespace never
 * matches). */
int kb_eval_phrase_match(const char *text, size_t len, const char *phrase);

/* Question i (< kb_eval_count()); valid until kb_eval_close(). */
const kb_eval_question_t *kb_eval_get_question(const kb_eval_t *ev,
					       size_t i);

/* Sets *out to the index of the first question whose qid is qid.
 * Returns KB_OK or KB_ERR_NOT_FOUND. */
kb_status_t kb_eval_find(const kb_eval_t *ev, const char *qid, size_t *out);

/* Judges ans (NULL when the system gave no answer) as the answer to
 * question i, records the outcome with latency ms (negative: not timed)
 * and, when out is not NULL, points *out at it (valid until the question
 * is judged again or the handle closed).  Returns KB_OK, KB_ERR_RANGE
 * (no question i), KB_ERR_NOMEM. */
kb_status_t kb_eval_judge(kb_eval_t *ev, size_t i, const kb_answer_t *ans,
			  double ms, const kb_eval_outcome_t **out);

/* Asks every question of the engine (limit results each, 1..1000), timing
 * each call, and judges the answers.  A question without searchable words
 * counts as unanswered.  Returns KB_OK, or the engine's status on any
 * other failure (the message names the question). */
kb_status_t kb_eval_run(kb_eval_t *ev, kb_engine_t *en, unsigned limit);

/* Judges the answers in a JSON-lines file, one line per question in the
 * same order (see kb_eval_answers_open()).  Returns KB_OK,
 * KB_ERR_NOT_FOUND, KB_ERR_IO, KB_ERR_CORRUPT (bad line, a line whose
 * "query" is not its question's, or a line count other than the number of
 * questions), KB_ERR_NOMEM. */
kb_status_t kb_eval_run_answers(kb_eval_t *ev, const char *path);

/* Computes the figures over the questions judged so far.  Returns KB_OK
 * or KB_ERR_NOMEM. */
kb_status_t kb_eval_get_figures(const kb_eval_t *ev, kb_eval_figures_t *out);

/* The same over the judged questions whose set column is set (the
 * consumer file's MQT, MQA, MQV); no such question gives zero figures. */
kb_status_t kb_eval_get_set_figures(const kb_eval_t *ev, const char *set,
				    kb_eval_figures_t *out);

/* The outcome of question i, or NULL when it was not judged. */
const kb_eval_outcome_t *kb_eval_get_outcome(const kb_eval_t *ev, size_t i);

/* A reader of answers in the "relief query --batch" format: one JSON
 * object per line with "query" and "results", each result with "source"
 * and "snippet" (and optionally "rank", "score", "title").  A line with
 * an "error" field and no results is an answer without results.
 *
 *	kb_eval_answers_t *rd;
 *	const kb_answer_t *ans;
 *	kb_status_t rc;
 *	if (kb_eval_answers_open(path, &rd, &err) != KB_OK) { ... }
 *	while ((rc = kb_eval_answers_next(rd, &ans)) == KB_OK)
 *		use(ans);
 *	if (rc != KB_DONE) { ... kb_eval_answers_errmsg(rd) ... }
 *	kb_eval_answers_close(rd);
 */
typedef struct kb_eval_answers kb_eval_answers_t;

/* Opens the file at path.  On failure *out is NULL and *errmsg (if not
 * NULL) a malloc'd message naming the file.  Returns KB_OK,
 * KB_ERR_NOT_FOUND, KB_ERR_IO, KB_ERR_NOMEM. */
kb_status_t kb_eval_answers_open(const char *path, kb_eval_answers_t **out,
				 char **errmsg);

/* Reads the next line into *ans, which stays valid until the next call on
 * the reader.  Returns KB_OK, KB_DONE at the end, KB_ERR_CORRUPT (not a
 * JSON object of that shape), KB_ERR_IO, KB_ERR_NOMEM; on failure *ans is
 * NULL. */
kb_status_t kb_eval_answers_next(kb_eval_answers_t *rd,
				 const kb_answer_t **ans);

/* The message for the last failed call on the reader, or NULL; valid
 * until the next call on it. */
const char *kb_eval_answers_errmsg(const kb_eval_answers_t *rd);

/* Closes the reader.  Accepts NULL. */
void kb_eval_answers_close(kb_eval_answers_t *rd);

#ifdef __cplusplus
}
#endif

#endif /* KB_EVAL_H */
