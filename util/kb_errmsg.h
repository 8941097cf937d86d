/* kb_errmsg.h - the error message a handle keeps for its last call.
 *
 * The engine, the indexer and the FAQ each keep the message of their last
 * failed call on the handle (STYLE.md, "Errors"); this is that message:
 * cleared at the start of a call, set where the error is raised (with the
 * input that caused it), and read back through the handle's _errmsg().
 *
 *	kb_errmsg_t err;			(a field of the handle)
 *
 *	kb_errmsg_init(&h->err);	(in _open)
 *	kb_errmsg_clear(&h->err);	(a call starts)
 *	kb_errmsg_set(&h->err, "%s: %s", path, why);
 *	return kb_errmsg_get(&h->err);	(in _errmsg: NULL when none)
 *	kb_errmsg_free(&h->err);	(in _close)
 */
#ifndef KB_ERRMSG_H
#define KB_ERRMSG_H

#include "kb_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_errmsg {
	kb_buf_t text;	/* the message, when is_set */
	int is_set;	/* a message was recorded since the last clear */
} kb_errmsg_t;

/* Makes e empty: no message, nothing allocated. */
void kb_errmsg_init(kb_errmsg_t *e);

/* Frees what e holds and makes it empty. */
void kb_errmsg_free(kb_errmsg_t *e);

/* Forgets the message (keeping its memory for the next one). */
void kb_errmsg_clear(kb_errmsg_t *e);

/* Replaces the message with the printf-style one.  When memory runs out
 * e holds no message, so the caller's status alone tells what failed. */
void kb_errmsg_set(kb_errmsg_t *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The message, or NULL when there is none.  Borrowed: valid until the
 * next set, clear or free of e. */
const char *kb_errmsg_get(const kb_errmsg_t *e);

#ifdef __cplusplus
}
#endif

#endif /* KB_ERRMSG_H */
