/* kb_strset.h - a set of byte strings (open addressing, linear probing),
 * the one hash table of relief.
 *
 *	kb_strset_t *s;
 *	kb_strset_new(&s);
 *	kb_strset_add(s, "a.txt", 5);
 *	if (kb_strset_has(s, "a.txt", 5)) ...
 *	kb_strset_free(s);
 *
 * The set copies what it stores.  It numbers its strings 0, 1, 2... in the
 * order they were first added, so a map from strings to values is a set
 * plus an array of values indexed by those numbers:
 *
 *	size_t id;
 *	if (kb_strset_put(s, line, len, &id) == KB_OK) {
 *		if (id == nvalues) ... append a value for the new string ...
 *		values[id]++;
 *	}
 *	id = kb_strset_find(s, line, len);	(KB_STRSET_NONE when absent)
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

/* Adds a copy of s unless present, and sets *id (which may be NULL) to
 * its number.  Returns KB_OK or KB_ERR_NOMEM, in which case the set is
 * unchanged. */
kb_status_t kb_strset_put(kb_strset_t *set, const char *s, size_t len,
			  size_t *id);

/* The number of s, or KB_STRSET_NONE when it is not in the set. */
#define KB_STRSET_NONE ((size_t)-1)
size_t kb_strset_find(const kb_strset_t *set, const char *s, size_t len);

/* String number id (below kb_strset_count), NUL-terminated, with its
 * length in *len.  Borrowed: valid until the next add or put. */
const char *kb_strset_get(const kb_strset_t *set, size_t id, size_t *len);

/* True when s is in the set. */
int kb_strset_has(const kb_strset_t *set, const char *s, size_t len);

/* Number of strings in the set. */
size_t kb_strset_count(const kb_strset_t *set);

#ifdef __cplusplus
}
#endif

#endif /* KB_STRSET_H */
