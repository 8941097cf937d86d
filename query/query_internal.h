/* query_internal.h - private pieces of the query engine. */
#ifndef KB_QUERY_INTERNAL_H
#define KB_QUERY_INTERNAL_H

#include "../store/kb_store.h"
#include "../text/kb_text.h"
#include "../util/kb_buf.h"
#include "../util/kb_schema.h"
#include "../util/kb_strset.h"
#include "kb_query.h"
#include "question_internal.h"
#include "redflag_internal.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* The ranking's tunable parameters.  Defaults and the reasons for them are
 * in rank.c (query_rank_params_init); `relief eval --param NAME=VALUE`
 * changes one for an experiment. */
typedef struct kb_rank_params {
	/* Xapian side: the weight of each field and expansion. */
	double w_name;		/* snippet name field */
	double w_title;		/* article title field */
	double w_section;	/* section heading field */
	double w_typeword;	/* words that only say what is asked */
	double w_synonym;	/* a concept's synonyms, as one OP_SYNONYM */
	double w_related;	/* a related group ("~" in synonyms.txt) */
	double w_phrase;	/* a multi-word concept found as a phrase */
	double w_typesection;	/* heading words that answer the type */
	double k1, b;		/* BM25 */
	/* Re-ranking of the top candidates. */
	double candidates;	/* how many hits are re-ranked */
	double r_title;		/* question's topic is the article's title */
	double r_section;	/* snippet's heading answers the type */
	double r_kind;		/* snippet's kind answers the type */
	double r_article;	/* other snippets of the article matched */
	double r_bm25;		/* BM25 as a share of the best candidate's */
	double r_cover;		/* the question's idf the snippet covers */
	double r_tcover;	/* the question's idf the title covers */
	double r_ccover;	/* ... the snippet and its title together */
	double r_gate;		/* article evidence scaled by coverage */
	double r_dose;		/* a dosage, when the question asks one */
	double r_name;		/* the snippet's name is named */
	double r_diverse;	/* lowered for each result above it from
				   the same article */
	double diverse_free;	/* ... after this many of them */
	double dup;		/* word overlap that makes two snippets the
				   same advice */
} kb_rank_params_t;

/* Fills p with the defaults. */
void query_rank_params_init(kb_rank_params_t *p);

/* Sets one parameter by name.  Returns KB_OK or KB_ERR_NOT_FOUND. */
kb_status_t query_rank_params_set(kb_rank_params_t *p, const char *name,
                                  double value);

/* Builds the Xapian query for an analysed question.  lx may be NULL.
 * Returns KB_OK, KB_ERR_QUERY_SYNTAX (no words), KB_ERR_NOMEM. */
kb_status_t query_build_query(const kb_question_t *q, const kb_qlex_t *lx,
                              const kb_rank_params_t *p, kb_query_t **out);

/* One hit being re-ranked, read from its value slots (the record itself
 * is read only for the hits that are shown). */
typedef struct kb_candidate {
	double weight;		/* BM25 from Xapian */
	double bm25;		/* weight / the best candidate's */
	double score;		/* after re-ranking */
	unsigned docid;
	char *source, *title, *kind, *section, *name;	/* owned */
	long group;		/* the synonym group its name belongs to,
				   or -1 */
	char sig[KB_SIG_BYTES];	/* MinHash of its words */
	size_t siglen;
	unsigned flags;		/* KB_RANK_* */
	uint32_t dosage_key;	/* 0: no dosage stated */
	unsigned nwords;	/* words in the snippet */
	unsigned char *terms;	/* rank hashes of its terms (kb_schema.h);
				   owned */
	size_t nterms;
	double f_title, f_section, f_kind, f_article;	/* features */
	double f_cover, f_tcover, f_ccover, f_dose, f_name;
	double lowered;		/* taken off for the article's results above */
	unsigned agree;		/* same advice found in this many more */
	int dropped;		/* collapsed into a better one */
	char **also;		/* sources of the collapsed ones; owned */
	size_t nalso;
} kb_candidate_t;

/* Near-duplicates are looked for among this many of the best candidates:
 * enough to fill the answer card's pool and a page however many
 * collapse. */
#define KB_COLLAPSE_HEAD 32

/* Computes the features of n candidates, re-scores and sorts them (best
 * first) and marks near-duplicates as dropped.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t query_rerank(kb_text_t *tx, kb_qlex_t *lx, const kb_question_t *q,
                         const kb_rank_params_t *p, kb_candidate_t *c,
                         size_t n);

/* The answer card holds at most this many pieces of advice, each with at
 * most KB_HOW_MAX bytes of "how". */
#define KB_CARD_MAX 5
#define KB_HOW_MAX 240

/* The answer card is picked from at least this many results, however
 * few are shown. */
#define KB_CARD_POOL 24

/* A result scoring under this share of the first result's score is not
 * relevant enough for the card, however well it says what to do: "use
 * pillow encasements to trap bedbugs" must not answer "should I put a
 * pillow under my knees" above the result that does. */
#define KB_CARD_FLOOR 0.5

/* True when a result scoring score may be on the card of an answer whose
 * first result scores first (KB_CARD_FLOOR). */
int query_card_may_take(double first, double score);

/* Picks the answer card from ans->results (ans->advice), choosing each
 * one's sentences with lx (answers.txt; may be NULL).  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t query_answer_pick(const kb_question_t *q, kb_qlex_t *lx,
                              kb_answer_t *ans);

/* Frees what a piece of advice holds. */
void query_advice_clear(kb_advice_t *a);

/* Frees what candidates own.  Accepts n == 0. */
void query_candidates_clear(kb_candidate_t *c, size_t n);

/* Finds the words of text (len bytes) whose analysed term is in terms, and
 * stores their byte spans, in order, in a malloc'd array *out of *n
 * elements (NULL when none).  Pure: it never produces markup.  Returns
 * KB_OK or KB_ERR_NOMEM. */
kb_status_t query_highlight_spans(kb_text_t *tx, const kb_strset_t *terms,
                                  const char *text, size_t len,
                                  kb_highlight_t **out, size_t *n);

/* ---- spelling (spell.c) ---- */

/* The system's English word list, read when first needed. */
typedef struct kb_wordlist {
	kb_buf_t words;		/* the file: one word a line */
	int read;		/* 1 once the file was looked for */
} kb_wordlist_t;

/* The question with its unknown words spelled as the lexicon (lex; may
 * be NULL) or the index spells them, in a malloc'd *out, or *out NULL
 * when every word is known or none has a suggestion.  A word is unknown
 * when its term indexes nothing, or almost nothing while a lexicon word
 * is one edit away; a word of dict (read on first use: $RELIEF_DICT, else
 * the system's list) is taken as meant.  Returns KB_OK, KB_ERR_NOMEM or
 * the store's error. */
kb_status_t query_spell_suggest(kb_store_t *store, const kb_qlex_t *lex,
                                kb_wordlist_t *dict, const kb_question_t *q,
                                char **out);

/* ---- warnings and cautions (cautions.c) ---- */

/* Sets ans->warnings to the red flags of question q (flags may be NULL:
 * none), unless q asks about a condition by name.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t query_warnings_find(kb_redflags_t *flags, const kb_question_t *q,
                                kb_answer_t *ans);

/* Sets ans->cautions to at most three snippets of kind caution in the
 * articles of the answer's card (else of its first results) that match
 * question, the question's own query, ranked by it.  Returns KB_OK,
 * KB_ERR_NOMEM or the store's error. */
kb_status_t query_cautions_find(kb_store_t *store, kb_answer_t *ans,
                                const kb_query_t *question);

/* The engine's text pipeline and lexicon (NULL until one is loaded), for
 * the other files of the module (analyse.c). */
kb_text_t *query_engine_text(const kb_engine_t *en);
kb_qlex_t *query_engine_lex(const kb_engine_t *en);

/* Replaces the engine's question lexicon by lx, which it then owns. */
void query_engine_set_lex(kb_engine_t *en, kb_qlex_t *lx);

#pragma GCC visibility pop

#endif /* KB_QUERY_INTERNAL_H */
