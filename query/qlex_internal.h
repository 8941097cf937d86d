/* qlex_internal.h - the question lexicon: synonym groups and question types.
 *
 * Private to query/.  Loaded from lexicon/synonyms.txt and
 * lexicon/questions.txt (formats described at the top of each file), with
 * every phrase analysed by the same text pipeline as questions and
 * documents, so that matching happens between terms.
 */
#ifndef KB_QLEX_INTERNAL_H
#define KB_QLEX_INTERNAL_H

#include <stddef.h>

#include "../text/kb_text.h"
#include "../util/kb_regex.h"
#include "../util/kb_strset.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* A phrase as analysed terms (stopwords dropped). */
typedef struct kb_phrase {
	char **terms;
	size_t n;
} kb_phrase_t;

/* Words that mean the same thing; members[0] names the group.  A related
 * group ("~" in synonyms.txt) holds words that point to the same answers
 * without meaning the same thing. */
typedef struct kb_syngroup {
	kb_phrase_t *members;
	size_t n;
	int related;
} kb_syngroup_t;

/* What kind of answer a question asks for. */
typedef struct kb_qtype {
	char *name;		/* "treatment" */
	char **kinds;		/* snippet kinds that answer it, best first */
	size_t nkinds;
	int wants_dosage;	/* "+dosage": answers state a dosage */
	kb_strset_t *sections;	/* terms of headings that answer it */
	char **section_terms;	/* the same, as a list */
	size_t nsection_terms;
	void *re;		/* compiled pattern (pcre2_code *) */
} kb_qtype_t;

/* The kinds of sentence answers.txt names by a pattern, in the order of
 * qlex.c's sentence_kinds. */
typedef enum qlex_sentence {
	QLEX_SKIP,	/* "skip": a sentence the card never shows: an intro,
			 * an anecdote, a forum aside */
	QLEX_ASIDE,	/* "aside": a first sentence that makes the whole
			 * snippet an aside: a forum post, a reader's letter */
	QLEX_AVOID,	/* "avoid": a sentence that makes its snippet a thing
			 * not to do ("wrong position", "a common mistake") */
	QLEX_DOSE,	/* "dose": a sentence that states a dosage */
	QLEX_ADVISE,	/* "advise": a sentence that says what to do without
			 * opening on a verb ("Your pillow should fill the
			 * gap", "It is best to ...") */
	QLEX_NSENTENCES
} qlex_sentence_t;

typedef struct kb_qlex {
	kb_syngroup_t *groups;
	size_t ngroups, capgroups;
	kb_qtype_t *types;
	size_t ntypes, captypes;
	char **words;		/* the synonym members' words, folded, once
				   each: what a misspelling is mended to
				   first */
	size_t nwords;
	kb_strset_t *wordset;	/* the same, as a set */
	void **drops;		/* boilerplate patterns (pcre2_code *) */
	size_t ndrops;
	kb_strset_t *leads;	/* answers.txt: words that start an
				   instruction, lower-case */
	struct {
		void **v;	/* pcre2_code * */
		size_t n;
	} sentences[QLEX_NSENTENCES]; /* answers.txt: patterns by kind */
	kb_regex_matcher_t m;	/* scratch for every match, the limits, and
				   the matches stopped at one since
				   qlex_take_stopped() */
} kb_qlex_t;

/* Loads dir/synonyms.txt, dir/questions.txt and dir/answers.txt, analysing phrases with tx
 * (which must have the database's stopwords and stemmer).  A missing file
 * is an empty one.  On failure *out is NULL and *errmsg a malloc'd message
 * naming file:line.  Returns KB_OK, KB_ERR_IO, KB_ERR_CORRUPT,
 * KB_ERR_NOMEM. */
kb_status_t qlex_load(const char *dir, kb_text_t *tx, kb_qlex_t **out,
                      char **errmsg);

/* Frees the lexicon.  Accepts NULL. */
void qlex_free(kb_qlex_t *lx);

/* How many of lx's pattern matches stopped at a PCRE2 limit
 * (util/kb_limits.h) since the last call, so that their rule did not
 * match; the count starts again from 0.  Accepts NULL (0). */
size_t qlex_take_stopped(kb_qlex_t *lx);

/* The question type of q (len bytes), or NULL; *start and *end get the
 * byte span the type's pattern matched. */
const kb_qtype_t *qlex_type(kb_qlex_t *lx, const char *q, size_t len,
                            size_t *start, size_t *end);

/* The synonym group (not related group) one of whose members is exactly
 * the analysed name, or -1. */
long qlex_name_group(const kb_qlex_t *lx, kb_text_t *tx, const char *name,
                     size_t len);

/* Calls fn(ctx, start, end) for every span of q that a boilerplate
 * pattern matches ("is it normal that", "I have been"). */
void qlex_boilerplate(kb_qlex_t *lx, const char *q, size_t len,
                      void (*fn)(void *ctx, size_t start, size_t end),
                      void *ctx);

/* True when the sentence s (len bytes) is of the kind, by the patterns
 * answers.txt gives it (qlex_sentence_t). */
int qlex_sentence_is(kb_qlex_t *lx, qlex_sentence_t kind, const char *s,
		     size_t len);

/* True when the lower-case word starts an instruction ("lie", "keep";
 * answers.txt "lead"). */
int qlex_leads(const kb_qlex_t *lx, const char *word, size_t len);

/* True when kind is among the kinds that answer t; *rank gets its
 * position (0 = best). */
int qlex_type_wants(const kb_qtype_t *t, const char *kind, size_t *rank);

#pragma GCC visibility pop

#endif /* KB_QLEX_INTERNAL_H */
