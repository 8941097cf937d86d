/* redflag_internal.h - warning signs in a question ("red flags").
 *
 * Private to the query engine.  A question that mentions a warning sign
 * (numbness in the legs, loss of bladder control, fever, a fall, weight
 * lost without trying, pain that wakes at night, a history of cancer)
 * gets an answer that opens with a calm notice to see a doctor.  The
 * signs, the negation cues and the notices all come from a data file,
 * lexicon/red-flags.txt, whose format is in lexicon/README.md.  Nothing
 * here diagnoses: a flag only says "have this checked".
 *
 * A handle holds the compiled patterns and scratch space for matching, so
 * it is not thread-safe: use one handle per thread, or serialise the calls
 * to redflag_match() on a shared one.
 *
 *	kb_redflags_t *rf;
 *	char *err;
 *	if (redflag_load("lexicon/red-flags.txt", &rf, &err) != KB_OK) {
 *		report(err);
 *		free(err);
 *	}
 *	kb_redflag_hit_t *hits;
 *	size_t n;
 *	if (redflag_match(rf, q, qlen, &hits, &n) == KB_OK) {
 *		for (size_t i = 0; i < n; i++)
 *			show(hits[i].name, hits[i].notice);
 *		free(hits);
 *	}
 *	redflag_free(rf);
 */
#ifndef KB_REDFLAG_INTERNAL_H
#define KB_REDFLAG_INTERNAL_H

#include <stddef.h>

#include "../util/kb_status.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

typedef struct kb_redflags kb_redflags_t;

/* One flag raised by a question.  Both strings belong to the handle that
 * produced the hit and stay valid until redflag_free(). */
typedef struct kb_redflag_hit {
	const char *name;   /* the flag, e.g. "fever" */
	const char *notice; /* its own notice, or the default notice */
} kb_redflag_hit_t;

/* Reads and compiles the red-flag file at path.  On success *out is a new
 * handle for redflag_free().  On failure *out is NULL and, when errmsg
 * is not NULL, *errmsg is a malloc'd one-line message naming the file (and
 * the line, for a bad line), which the caller frees.  Returns KB_OK,
 * KB_ERR_ARG (path or out NULL), KB_ERR_IO (missing or unreadable file),
 * KB_ERR_CORRUPT (a line that does not parse, a pattern that does not
 * compile or matches the empty string, a bad flag name, a notice for a
 * flag without rules, no default notice, a file over 1 MiB), or
 * KB_ERR_NOMEM. */
kb_status_t redflag_load(const char *path, kb_redflags_t **out, char **errmsg);

/* Frees a handle and everything borrowed from it.  Accepts NULL. */
void redflag_free(kb_redflags_t *rf);

/* How many of rf's pattern matches stopped at a PCRE2 limit
 * (util/kb_limits.h) since the last call, so that their sign or cue did
 * not match; the count starts again from 0.  Accepts NULL (0). */
size_t redflag_take_stopped(kb_redflags_t *rf);

/* The default notice (the file's @notice line), borrowed from rf and valid
 * until redflag_free().  Never NULL for a loaded handle; NULL for a
 * NULL rf. */
const char *redflag_default_notice(const kb_redflags_t *rf);

/* Finds the flags that the question q (len bytes; need not be
 * NUL-terminated or valid UTF-8) raises.  The question is folded first
 * (lower case, curly quotes straight, accents stripped, invalid bytes
 * dropped), and a sign that a negation cue governs ("no fever") does not
 * count.  *hits is a malloc'd array of *n distinct flags in the order of
 * the file, which the caller frees with free(); it is NULL when *n is 0.
 * The strings inside borrow from rf (see kb_redflag_hit_t).  A pattern
 * that hits its match limit on a pathological question simply does not
 * fire.  Returns KB_OK, KB_ERR_ARG (a NULL argument other than q with len
 * 0), KB_ERR_NOMEM, or KB_ERR_INTERNAL (an unexpected PCRE2 error); on
 * failure *hits is NULL and *n is 0.  Not thread-safe on one handle. */
kb_status_t redflag_match(kb_redflags_t *rf, const char *q, size_t len,
                          kb_redflag_hit_t **hits, size_t *n);

#pragma GCC visibility pop

#endif /* KB_REDFLAG_INTERNAL_H */
