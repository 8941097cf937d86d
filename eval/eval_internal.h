/* eval_internal.h - private pieces of the evaluation (eval/eval*.c). */
#ifndef KB_EVAL_INTERNAL_H
#define KB_EVAL_INTERNAL_H

#include <stddef.h>

#include "kb_eval.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* A question as loaded: the public view plus the locations it owns. */
typedef struct kb_eval_q {
	kb_eval_question_t pub;
	kb_eval_loc_t *locs;	/* pub.gold; owned */
} kb_eval_q_t;

struct kb_eval {
	char *text;		/* the question file; fields point into it */
	kb_eval_q_t *q;
	size_t n;
	kb_eval_kind_t kind;	/* from the header */
	kb_eval_outcome_t *out;	/* by question */
	unsigned char *judged;	/* by question: out[i] is set */
	char **texts;		/* answer texts read by load_sections */
	size_t ntexts, texts_cap;
	char *errmsg;
};

/* Replaces *slot (freeing the old message) with a malloc'd message
 * formatted from fmt, and returns st.  When the message cannot be built
 * *slot is NULL, and callers fall back on the status string. */
kb_status_t eval_err(char **slot, kb_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Ends a constructor's error path: hands err to *errmsg, or frees it
 * when errmsg is NULL. */
void eval_hand_err(char *err, char **errmsg);

/* Counts the pairs of adjacent words of snippet (slen bytes) in *total and
 * how many of them match a pair of gold (glen bytes) in *matched, using
 * each gold pair at most once (a multiset intersection).  Words are the
 * maximal runs of ASCII letters and digits, lower-cased.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t eval_word_match(const char *snippet, size_t slen, const char *gold,
                            size_t glen, size_t *matched, size_t *total);

/* The answer-level rule on those counts: strictly more than half of the
 * snippet's pairs matched (so a snippet of one word never counts). */
#define KB_EVAL_MOSTLY(matched, total) (2 * (matched) > (total))

#pragma GCC visibility pop

#endif /* KB_EVAL_INTERNAL_H */
