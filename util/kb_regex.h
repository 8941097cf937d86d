/* kb_regex.h - compiling PCRE2 patterns, and the one set of match limits.
 *
 * Every pattern relief runs (the cleaner's rules, the lexicon's kinds and
 * names, the question lexicon, the red flags) is compiled here.  Patterns
 * that run over whole articles are then JIT-compiled when JIT is
 * available; without JIT (not built in, or no executable memory) the
 * interpreter runs them: slower, same answers.  Patterns that each run
 * once on a short question are interpreted: JIT-compiling the question
 * lexicon costs about 5 ms, more than a whole query, and every process of
 * relief.cgi pays it, while interpreting them costs a few percent of a
 * query's time (measured on 2,000 MedQuAD questions in --batch).  Matches run with a context from kb_regex_context_new, which
 * carries the limits below.
 *
 *	pcre2_code *re;
 *	pcre2_match_context *mctx;
 *	kb_regex_error_t err;
 *
 *	if (kb_regex_compile(pat, strlen(pat), PCRE2_CASELESS, KB_REGEX_JIT,
 *			     &re, &err) != KB_OK)
 *		... err.msg, err.offset ...
 *	kb_regex_context_new(&mctx);
 *	pcre2_match(re, s, len, 0, 0, md, mctx);
 *	pcre2_match_context_free(mctx);
 *	pcre2_code_free(re);
 */
#ifndef KB_REGEX_H
#define KB_REGEX_H

#include <stddef.h>
#include <stdint.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "kb_limits.h"
#include "kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The limits of every match, from util/kb_limits.h, where they are
 * explained with the others. */
#define KB_REGEX_MATCH_LIMIT KB_LIMIT_REGEX_MATCH
#define KB_REGEX_DEPTH_LIMIT KB_LIMIT_REGEX_DEPTH
#define KB_REGEX_HEAP_LIMIT_KIB KB_LIMIT_REGEX_HEAP_KIB

/* Why a pattern did not compile. */
typedef struct kb_regex_error {
	int code;      /* PCRE2's error code */
	size_t offset; /* where in the pattern it stopped */
	char msg[160]; /* PCRE2's message, NUL-terminated */
} kb_regex_error_t;

/* How a pattern runs: JIT-compiled (many matches over long texts) or
 * interpreted (a few matches on short questions). */
typedef enum kb_regex_run {
	KB_REGEX_JIT,
	KB_REGEX_INTERPRET
} kb_regex_run_t;

/* Compiles pat[0..len) with PCRE2_UTF | PCRE2_MATCH_INVALID_UTF and opts
 * (PCRE2_CASELESS, PCRE2_UCP, PCRE2_ANCHORED...), then with KB_REGEX_JIT
 * JIT-compiles it when it can.  Returns KB_OK with the pattern in *out (the caller frees
 * it with pcre2_code_free), KB_ERR_NOMEM, or KB_ERR_CORRUPT for a bad
 * pattern with the reason in *err (which may be NULL); *out is NULL on
 * failure. */
kb_status_t kb_regex_compile(const char *pat, size_t len, uint32_t opts,
			     kb_regex_run_t run, pcre2_code **out,
			     kb_regex_error_t *err);

/* An interpreted pattern (KB_REGEX_INTERPRET) is JIT-compiled before it
 * runs on a subject of this many bytes or more: a question pasted from a
 * whole page should not take seconds.  Short questions never pay. */
#define KB_REGEX_JIT_FROM 4096u

/* pcre2_match(re, s, len, start, 0, md, mctx), after JIT-compiling re when
 * the subject is long (see KB_REGEX_JIT_FROM) and re has no JIT code yet.
 * That compiles re in place: not for a pattern other threads match at
 * the same time. */
int kb_regex_match(pcre2_code *re, const char *s, size_t len, size_t start,
		   pcre2_match_data *md, pcre2_match_context *mctx);

/* True when rc, a result of pcre2_match or pcre2_jit_match, says the
 * match stopped at one of the limits above (or JIT's stack) rather than
 * finishing: the subject was not all looked at.  Callers count these, so
 * that what was cut is reported, never silent. */
int kb_regex_stopped(int rc);

/* True when re has JIT code for complete matches, so that
 * pcre2_jit_match may run it. */
int kb_regex_jitted(const pcre2_code *re);

/* Makes a match context with the limits above.  Returns KB_OK (the
 * caller frees *out with pcre2_match_context_free) or KB_ERR_NOMEM
 * (*out NULL). */
kb_status_t kb_regex_context_new(pcre2_match_context **out);

/* What running patterns needs besides the patterns: match data for the
 * offsets of a match, and a context with the limits above.  A handle
 * that matches keeps one, never shared between threads.
 *
 *	kb_regex_matcher_t m;
 *
 *	if (kb_regex_matcher_init(&m, 10) != KB_OK)	(a match, 9 groups)
 *		return KB_ERR_NOMEM;
 *	if (kb_regex_matcher_match(&m, re, s, len, 0) > 0)
 *		... pcre2_get_ovector_pointer(m.md) ...
 *	... kb_regex_matcher_take_stopped(&m) ...	(matches cut short)
 *	kb_regex_matcher_free(&m);
 */
typedef struct kb_regex_matcher {
	pcre2_match_data *md;		/* the offsets of the last match */
	pcre2_match_context *mctx;	/* the limits */
	size_t stopped;			/* matches stopped at a limit, since
					   kb_regex_matcher_take_stopped */
} kb_regex_matcher_t;

/* Makes m's match data, with room for pairs offset pairs (the whole
 * match and pairs - 1 capture groups), and its context.  Returns KB_OK,
 * or KB_ERR_NOMEM with both fields NULL. */
kb_status_t kb_regex_matcher_init(kb_regex_matcher_t *m, uint32_t pairs);

/* kb_regex_match(re, s, len, start, m->md, m->mctx), counting in
 * m->stopped a match that stopped at a limit (kb_regex_stopped).  Returns
 * what kb_regex_match returns. */
int kb_regex_matcher_match(kb_regex_matcher_t *m, pcre2_code *re,
			   const char *s, size_t len, size_t start);

/* How many of m's matches stopped at a limit since the last call; the
 * count starts again from 0. */
size_t kb_regex_matcher_take_stopped(kb_regex_matcher_t *m);

/* Frees what m holds and sets both fields to NULL.  A zeroed m (holding
 * nothing) is fine. */
void kb_regex_matcher_free(kb_regex_matcher_t *m);

#ifdef __cplusplus
}
#endif

#endif /* KB_REGEX_H */
