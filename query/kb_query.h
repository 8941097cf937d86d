/* kb_query.h - answering questions from the knowledge base.
 *
 * The engine analyses a question with the same text pipeline (and the same
 * stopwords and stemmer, read from the database) that analysed the
 * documents, ranks passages with BM25, and returns each result with the
 * byte spans of the words that matched, for the front end to emphasise.
 *
 *	kb_engine_t *en;
 *	char *err;
 *	if (kb_engine_open("relief.db", &en, &err) != KB_OK) { ...; free(err); }
 *	kb_answer_t *ans;
 *	if (kb_engine_query(en, q, strlen(q), 10, &ans) == KB_OK) {
 *		for (size_t i = 0; i < ans->nresults; i++)
 *			puts(ans->results[i].source);
 *		kb_answer_free(ans);
 *	}
 *	kb_engine_close(en);
 *
 * May use: text/, store/, util/.  It never calls the indexer, the cleaner
 * or the segmenter: what it knows of a document is what the store holds
 * (util/kb_schema.h).  Evaluation is eval/kb_eval.h.
 */
#ifndef KB_QUERY_H
#define KB_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "../util/kb_schema.h"
#include "../util/kb_status.h"
#include "../util/kb_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_engine kb_engine_t;

/* A matched word in a snippet: bytes [start, start + len). */
typedef kb_span_t kb_highlight_t;

typedef struct kb_result {
	unsigned rank;		/* 1-based */
	double score;		/* ranking score (BM25 share plus features) */
	char *source;		/* article id: path relative to its root */
	char *title;		/* article title */
	char *snippet;		/* the snippet's text */
	size_t snippet_len;
	char *kind;		/* "exercise", "caution", ... */
	char *name;		/* "arch bridge", or "" */
	char *section;		/* the heading it sits under, or "" */
	kb_dosage_t dosage;	/* as stated in the snippet */
	unsigned agree;		/* near-identical snippets collapsed into
				   this one */
	char **also;		/* other sources that say the same */
	size_t nalso;
	kb_highlight_t *highlights;	/* in snippet, in order */
	size_t nhighlights;
	char *explain;		/* how the score was made, for people */
} kb_result_t;

/* One piece of advice on the answer card: the best snippet of one name
 * or one kind of advice. */
typedef struct kb_advice {
	unsigned rank;		/* the snippet's rank in the results */
	char *name;		/* "arch bridge", or "" */
	char *kind;
	char *how;		/* the first sentences of the snippet */
	kb_dosage_t dosage;
	char **sources;		/* the article, then others that agree */
	size_t nsources;
} kb_advice_t;

/* A caution found in the answer's articles. */
typedef struct kb_caution {
	char *text;
	char *source;
} kb_caution_t;

/* A warning sign named in the question. */
typedef struct kb_warning {
	char *flag;		/* "fever", "bladder-or-bowel-control" */
	char *notice;		/* the see-a-doctor notice to show */
} kb_warning_t;

/* One kind of advice and how many matching snippets are of it. */
typedef struct kb_facet {
	char *kind;
	uint64_t count;
} kb_facet_t;

typedef struct kb_answer {
	char *query;		/* the question as asked */
	char *type;		/* its type ("treatment", "cause", ...), or
				   NULL */
	uint64_t total;		/* estimated number of matching snippets */
	kb_result_t *results;	/* best first */
	size_t nresults;
	kb_warning_t *warnings;	/* red flags in the question: show first */
	size_t nwarnings;
	kb_advice_t *advice;	/* the answer card: 3-5 distinct pieces */
	size_t nadvice;
	kb_caution_t *cautions;	/* cautions of the card's articles */
	size_t ncautions;
	kb_facet_t *facets;	/* how many of all matching snippets are of
				   each kind, most first (kb_engine_search) */
	size_t nfacets;
	char *suggestion;	/* "did you mean" spelling, or NULL */
	int corrected;		/* results are for the suggestion, the
				   question itself having found nothing */
	size_t dropped_words;	/* words of the question past the first
				   KB_LIMIT_QUESTION_WORDS
				   (util/kb_limits.h), not searched: the
				   front end says so */
	size_t stopped_matches;	/* pattern matches of the question lexicon
				   that stopped at a PCRE2 limit, so that
				   their rule did not match: a rule that
				   backtracks out of proportion, for the
				   front end to warn of (not in JSON) */
} kb_answer_t;

/* Opens the database at path read-only (a stub file of shards works too)
 * and loads the analysis it was built with.  On failure *out is NULL and
 * *errmsg (if not NULL) a malloc'd one-line message naming the database.
 * Returns KB_OK, KB_ERR_NOT_FOUND (no database there), KB_ERR_IO,
 * KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_engine_open(const char *path, kb_engine_t **out,
			   char **errmsg);

/* Closes the engine.  Answers already returned stay valid.  Accepts NULL. */
void kb_engine_close(kb_engine_t *en);

/* The message for the last failed call on this handle, or NULL.  Valid
 * until the next call on the handle. */
const char *kb_engine_errmsg(const kb_engine_t *en);

/* Loads the question lexicon in dir (synonyms.txt, questions.txt and
 * red-flags.txt; see lexicon/README.md).  Without one, questions are searched word for word.
 * On failure the engine keeps its previous lexicon and *errmsg (if not
 * NULL) is a malloc'd message naming file:line.  Returns KB_OK, KB_ERR_IO,
 * KB_ERR_CORRUPT, KB_ERR_NOMEM. */
kb_status_t kb_engine_load_lexicon(kb_engine_t *en, const char *dir,
				   char **errmsg);

/* The i-th ranking parameter (from 0): its name and default value.
 * Returns KB_OK, or KB_DONE past the last one.  `relief eval
 * --print-params` lists them for tools/tune.py. */
kb_status_t kb_engine_param(size_t i, const char **name, double *value);

/* Sets a ranking parameter by name (see query/query_internal.h,
 * kb_rank_params_t), for experiments such as `relief eval --param`.
 * Returns KB_OK or KB_ERR_NOT_FOUND (no such parameter). */
kb_status_t kb_engine_set_param(kb_engine_t *en, const char *name,
				double value);

/* Answers question q (len bytes of UTF-8; invalid bytes are ignored) with
 * at most limit results (1..1000).  On KB_OK *out is a new answer the
 * caller frees with kb_answer_free().  Returns KB_OK, KB_ERR_ARG (limit out
 * of range), KB_ERR_QUERY_SYNTAX (no searchable word in q), KB_ERR_IO,
 * KB_ERR_NOMEM, KB_ERR_XAPIAN, KB_ERR_INTERNAL. */
kb_status_t kb_engine_query(kb_engine_t *en, const char *q, size_t len,
			    unsigned limit, kb_answer_t **out);

/* What kb_engine_search is asked: the results ranked offset + 1 to
 * offset + limit (offset + limit at most 1000), of every kind or only of
 * kind ("exercise"; NULL or "" for all).  The answer card does not
 * change with the offset; with a kind it is made of that kind's
 * snippets. */
typedef struct kb_search {
	unsigned offset;
	unsigned limit;
	const char *kind;
	int facets;	/* count the kinds of all matching snippets into
			   answer->facets (one more search, run to its
			   end); answer->total is then exact */
	int explain;	/* say how each result's score was made
			   (result->explain; NULL otherwise) */
} kb_search_t;

/* kb_engine_query with an offset and a kind filter.  Returns as
 * kb_engine_query, KB_ERR_ARG also when offset + limit passes 1000. */
kb_status_t kb_engine_search(kb_engine_t *en, const char *q, size_t len,
			     const kb_search_t *s, kb_answer_t **out);

/* Frees an answer.  Accepts NULL. */
void kb_answer_free(kb_answer_t *ans);

/* The answer as one line of compact JSON (no newline), malloc'd; NULL when
 * out of memory.  `relief query --format json` prints it and relief.cgi's
 * format=json returns it: the shape is README.md's "JSON output". */
char *kb_answer_json(const kb_answer_t *ans);

/* ---- question analysis, for matching questions to questions ---- */

/* A word of an analysed question. */
typedef struct kb_qterm {
	char *term;    /* analysed (folded, stemmed) */
	int type_word; /* says what is asked, not what about */
	long concept;  /* index in kb_analysis_t.concepts of the
	                  synonym group it is part of, or -1 */
} kb_qterm_t;

/* A question as the engine understands it (see query/question.c): its
 * words, its type from lexicon/questions.txt and the synonym groups it
 * names.  The offline FAQ (faq/kb_faq.h) matches questions on it. */
typedef struct kb_analysis {
	char *type;   /* "treatment", ..., or NULL: no rule matched */
	char **kinds; /* snippet kinds that answer the type */
	size_t nkinds;
	kb_qterm_t *terms; /* the non-stopwords, in order */
	size_t nterms;
	char **concepts; /* each synonym group named, by its first
	                    member's terms joined by spaces ("lower
	                    back"), in order, once each */
	size_t nconcepts;
	char **related; /* the other members' terms of those
	                   groups (one term each), once each */
	size_t nrelated;
} kb_analysis_t;

/* Analyses q (len bytes of UTF-8) as kb_engine_query would, without
 * searching.  Without a lexicon there is no type and no concept.  On KB_OK
 * *out is a new analysis the caller frees with kb_analysis_free().
 * Returns KB_OK or KB_ERR_NOMEM (*out NULL). */
kb_status_t kb_engine_analyse(kb_engine_t *en, const char *q, size_t len,
                              kb_analysis_t **out);

/* The question type a section heading answers ("Treatment" answers
 * "treatment", "Exams and Tests" "diagnosis"): the heading's own type when
 * it is phrased as a question, else the first type of questions.txt whose
 * section words cover most of the heading's words.  *type is a static or
 * lexicon-owned string, valid while the engine is open, or NULL (no
 * lexicon, or no type fits).  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t kb_engine_heading_type(kb_engine_t *en, const char *heading,
                                   size_t len, const char **type);

/* The snippet kinds that answer the question type named type, best first:
 * *kinds points into the lexicon (valid while the engine is open) and *n
 * is their number; 0 for an unknown type.  Returns KB_OK. */
kb_status_t kb_engine_type_kinds(const kb_engine_t *en, const char *type,
                                 const char *const **kinds, size_t *n);

/* kb_engine_load_lexicon without the red flags: the synonyms, question
 * types and answers.txt of dir, all that kb_engine_analyse reads.  For a
 * front end that only analyses questions (relief faq), where compiling
 * the red-flag patterns would be most of a process's time.  Returns as
 * kb_engine_load_lexicon. */
kb_status_t kb_engine_load_questions(kb_engine_t *en, const char *dir,
                                     char **errmsg);

/* Frees an analysis.  Accepts NULL. */
void kb_analysis_free(kb_analysis_t *a);

#ifdef __cplusplus
}
#endif

#endif /* KB_QUERY_H */
