/* kb_strset.h - a set of byte strings (open addressing, linear probing).
 *
 *	kb_strset_t *s;
 *	kb_strset_new(&s);
 *	kb_strset_add(s, "a.txt", 5);
 *	if (kb_strset_has(s, "a.txt", 5)) ...
 *	kb_strset_free(s);
 *
 * The set copies what it stores.
 */
#ifndef KB_STRSET_H
#define KB_STRSET_H

#include <stddef.h>

#include "kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_strset kb_strset_t;

/* Creates an empty set.  Returns KB_OK or KB_ERR_NOMEM (*out NULL). */
kb_status_t kb_strset_new(kb_strset_t **out);

/* Frees the set and its strings.  Accepts NULL. */
void kb_strset_free(kb_strset_t *set);

/* Adds a copy of s (a no-op when present).  Returns KB_OK or
 * KB_ERR_NOMEM, in which case the set is unchanged. */
kb_status_t kb_strset_add(kb_strset_t *set, const char *s, size_t len);

/* True when s is in the set. */
int kb_strset_has(const kb_strset_t *set, const char *s, size_t len);

/* Number of strings in the set. */
size_t kb_strset_count(const kb_strset_t *set);

#ifdef __cplusplus
}
#endif

#endif /* KB_STRSET_H */
