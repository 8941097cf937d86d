/* kb_lexfile.h - reading the line-based rule files of lexicon/.
 *
 * Every rule file (kinds.txt, names.txt, red-flags.txt, questions.txt...)
 * shares one format (lexicon/README.md): one rule a line; blank lines and
 * lines starting with '#' are skipped; leading spaces, trailing blanks and
 * a CR are dropped; a NUL byte is an error.  Loading is strict: the first
 * line that does not parse fails the load, and the message names it as
 * "path:line: message" ("path: message" for the file as a whole).
 *
 *	kb_lexfile_t lf;
 *	char *line;
 *	size_t len;
 *
 *	kb_lexfile_init(&lf);
 *	rc = kb_lexfile_open(&lf, path, 1u << 20, 0);
 *	while (rc == KB_OK &&
 *	       (rc = kb_lexfile_next(&lf, &line, &len)) == KB_OK)
 *		if (!good(line, len))
 *			rc = kb_lexfile_fail(&lf, KB_ERR_CORRUPT, "expected %s",
 *					     "a<TAB>b");
 *	if (rc == KB_DONE)
 *		rc = KB_OK;
 *	return kb_lexfile_finish(&lf, rc, errmsg);	(closes lf)
 *
 * or, with one callback a rule line:
 *
 *	static kb_status_t
 *	on_rule(void *ctx, char *line, size_t len)
 *	{
 *		loader_t *ld = ctx;
 *
 *		if (!good(line, len))
 *			return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
 *					       "expected a<TAB>b");
 *		return KB_OK;
 *	}
 *	...
 *	if (rc == KB_OK)
 *		rc = kb_lexfile_each(&ld.lf, on_rule, &ld);
 *	return kb_lexfile_finish(&ld.lf, rc, errmsg);
 */
#ifndef KB_LEXFILE_H
#define KB_LEXFILE_H

#include <stdarg.h>
#include <stddef.h>

#include "kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A missing file reads as an empty one. */
#define KB_LEXFILE_OPTIONAL 0x1u

/* One rule file being read.  The fields may be read; only line may be
 * set (to 0 for a message about the whole file, or to the line of an
 * earlier rule). */
typedef struct kb_lexfile {
	char *path;	/* the file, for messages */
	char *data;	/* its bytes, NUL-terminated; lines are cut in place */
	size_t len;	/* bytes in data */
	size_t pos;	/* where the next line starts */
	unsigned line;	/* number of the line last returned, from 1 */
	char *errmsg;	/* the first error, or NULL */
} kb_lexfile_t;

/* Makes lf empty (nothing open, no error). */
void kb_lexfile_init(kb_lexfile_t *lf);

/* Reads the file at path whole (at most max_bytes; 0 = no limit), with
 * flags 0 or KB_LEXFILE_OPTIONAL.  A file already open on lf is closed
 * first; an earlier error is kept.  Returns KB_OK, KB_ERR_IO ("path:
 * <strerror>"), KB_ERR_CORRUPT (larger than max_bytes) or KB_ERR_NOMEM.
 * lf->data holds the bytes exactly as read until the first call of
 * kb_lexfile_next. */
kb_status_t kb_lexfile_open(kb_lexfile_t *lf, const char *path,
			    size_t max_bytes, unsigned flags);

/* The next rule line, trimmed, in *line (NUL-terminated, and writable
 * until the next open or close) with its length in *len.  Returns KB_OK,
 * KB_DONE at the end, or KB_ERR_CORRUPT for a line holding a NUL byte. */
kb_status_t kb_lexfile_next(kb_lexfile_t *lf, char **line, size_t *len);

/* A callback of kb_lexfile_each: one rule line, as kb_lexfile_next gives
 * it (writable, NUL-terminated, len bytes).  Returns KB_OK for the next
 * line, KB_DONE to stop reading without an error, or an error, which
 * stops reading too. */
typedef kb_status_t (*kb_lexfile_rule_fn)(void *ctx, char *line, size_t len);

/* Calls fn(ctx, line, len) for every rule line of lf from the next one
 * on, in order.  Returns KB_OK at the end of the file or when fn returns
 * KB_DONE; otherwise the error fn returned, or KB_ERR_CORRUPT for a line
 * holding a NUL byte (recorded as lf's error). */
kb_status_t kb_lexfile_each(kb_lexfile_t *lf, kb_lexfile_rule_fn fn,
			    void *ctx);

/* Records "path:line: " (or "path: " when lf->line is 0) and the
 * printf-style message as lf's error, unless an error is already
 * recorded, and returns rc.  An allocation failure loses the message,
 * not rc. */
kb_status_t kb_lexfile_fail(kb_lexfile_t *lf, kb_status_t rc,
			    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Like kb_lexfile_fail with a va_list. */
kb_status_t kb_lexfile_vfail(kb_lexfile_t *lf, kb_status_t rc,
			     const char *fmt, va_list ap);

/* Hands the recorded error to the caller (who frees it with free()), or
 * returns NULL when there is none. */
char *kb_lexfile_take_error(kb_lexfile_t *lf);

/* Ends a load that returns rc: when rc is not KB_OK and errmsg is not
 * NULL, hands the recorded error (NULL when there is none) to *errmsg;
 * then closes lf.  Returns rc. */
kb_status_t kb_lexfile_finish(kb_lexfile_t *lf, kb_status_t rc,
			      char **errmsg);

/* Frees what lf holds, the error included, and makes it empty. */
void kb_lexfile_close(kb_lexfile_t *lf);

#ifdef __cplusplus
}
#endif

#endif /* KB_LEXFILE_H */
