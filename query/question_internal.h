/* question_internal.h - a question, analysed. */
#ifndef KB_QUESTION_INTERNAL_H
#define KB_QUESTION_INTERNAL_H

#include <stddef.h>

#include "../text/kb_text.h"
#include "../util/kb_limits.h"
#include "qlex_internal.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* Words of a question past this are not searched (util/kb_limits.h). */
#define KB_MAX_QWORDS KB_LIMIT_QUESTION_WORDS

typedef struct kb_qword {
	char *term;		/* analysed (folded, stemmed) */
	char *folded;		/* folded, not stemmed: for spelling */
	size_t start, end;	/* bytes in kb_question_t.text */
	unsigned pos;		/* token position in the question */
	int type_word;		/* says what is asked, not what about */
	double idf;		/* how telling the word is in the index (0:
				   not in it); set by the engine */
} kb_qword_t;

/* A synonym group named by the question. */
typedef struct kb_concept {
	size_t group;		/* index in kb_qlex_t.groups */
	size_t member;		/* which member the question used */
	size_t first, count;	/* the words it covers */
} kb_concept_t;

typedef struct kb_question {
	char *text;		/* the question, repaired to UTF-8; owned */
	size_t len;
	kb_qword_t *words;	/* non-stopwords, in order, the first
				   KB_LIMIT_QUESTION_WORDS; owned */
	size_t nwords;
	size_t dropped;		/* words past those, not searched */
	kb_concept_t *concepts;	/* in order; owned */
	size_t nconcepts;
	const kb_qtype_t *type;	/* NULL when no rule matched */
} kb_question_t;

/* Analyses s (len bytes) with tx; lx (may be NULL: words only) supplies
 * types and concepts, and its match scratch space.  On failure q is partly
 * filled; clear it anyway.  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t question_analyse(kb_qlex_t *lx, kb_text_t *tx, const char *s,
                             size_t len, kb_question_t *q);

/* Frees q's contents.  Accepts NULL. */
void question_clear(kb_question_t *q);

#pragma GCC visibility pop

#endif /* KB_QUESTION_INTERNAL_H */
