/* kb_array.h - growing an array by doubling, and arrays of strings.
 *
 *	if (kb_array_grow((void **)&a->v, &a->cap, a->n, sizeof(*a->v),
 *			  16) != KB_OK)
 *		return KB_ERR_NOMEM;
 *	a->v[a->n++] = x;
 *
 *	kb_strv_t sv = { NULL, 0, 0 };
 *	rc = kb_strv_push(&sv, term, len);	(a copy)
 *	... sv.v[0 .. sv.n) ...
 *	kb_strv_free(sv.v, sv.n);
 */
#ifndef KB_ARRAY_H
#define KB_ARRAY_H

#include <stddef.h>
#include <stdint.h>

#include "kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Makes room for element n of the array *v of *cap elements of size
 * bytes: when n == *cap, the capacity doubles (or becomes first when it
 * is 0).  Returns KB_OK or KB_ERR_NOMEM, in which case *v and *cap are
 * unchanged. */
kb_status_t kb_array_grow(void **v, size_t *cap, size_t n, size_t size,
			  size_t first);

/* Frees the n strings of the array v, then v itself.  v may be NULL when
 * n is 0. */
void kb_strv_free(char **v, size_t n);

/* A growing array of strings it owns (free with kb_strv_free(v, n)). */
typedef struct kb_strv {
	char **v;	/* n strings, each NUL-terminated */
	size_t n, cap;	/* strings used, slots allocated */
} kb_strv_t;

/* Appends a NUL-terminated copy of s[0..len) to sv.  Returns KB_OK or
 * KB_ERR_NOMEM, in which case sv holds the strings it held. */
kb_status_t kb_strv_push(kb_strv_t *sv, const char *s, size_t len);

/* kb_strv_push as a term callback (a kb_term_fn of store/kb_store.h):
 * appends a copy of each term to the kb_strv_t ctx, ignoring tf.  The
 * walks that collect id terms pass it with &sv as ctx.  Returns what
 * kb_strv_push returns. */
kb_status_t kb_strv_push_term(void *ctx, const char *term, size_t len,
			      uint64_t tf);

#ifdef __cplusplus
}
#endif

#endif /* KB_ARRAY_H */
