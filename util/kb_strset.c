/* kb_strset.c - a set of byte strings with open addressing.
 *
 * The strings live back to back in one arena and are numbered in the
 * order they were added; a slot holds a string's hash and number, so
 * probing and growing never touch the bytes until the hashes agree. */
#include "kb_strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb_array.h"
#include "kb_hash.h"

typedef struct slot {
	uint64_t hash;
	size_t id1; /* the string's number + 1; 0 for an empty slot */
} slot_t;

typedef struct entry {
	size_t off; /* in keys */
	size_t len;
} entry_t;

struct kb_strset {
	slot_t *slots;
	size_t cap;	/* a power of two */
	size_t count;
	entry_t *v;	/* count used, vcap allocated */
	size_t vcap;
	char *keys;	/* the strings back to back, each NUL-terminated */
	size_t keys_len, keys_cap;
};

kb_status_t
kb_strset_new(kb_strset_t **out)
{
	kb_strset_t *set = calloc(1, sizeof(*set));

	*out = NULL;
	if (set == NULL)
		return KB_ERR_NOMEM;
	set->cap = 64;
	set->slots = calloc(set->cap, sizeof(slot_t));
	if (set->slots == NULL) {
		free(set);
		return KB_ERR_NOMEM;
	}
	*out = set;
	return KB_OK;
}

void
kb_strset_free(kb_strset_t *set)
{
	if (set == NULL)
		return;
	free(set->slots);
	free(set->v);
	free(set->keys);
	free(set);
}

/* Returns the slot holding s, or the empty slot where it would go. */
static slot_t *
find(const kb_strset_t *set, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (set->cap - 1);

	for (;;) {
		slot_t *sl = &set->slots[i];
		const entry_t *e;

		if (sl->id1 == 0)
			return sl;
		e = &set->v[sl->id1 - 1];
		if (sl->hash == h && e->len == len &&
		    memcmp(set->keys + e->off, s, len) == 0)
			return sl;
		i = (i + 1) & (set->cap - 1);
	}
}

/* Doubles the table.  On failure the set is unchanged. */
static kb_status_t
grow(kb_strset_t *set)
{
	size_t cap = set->cap * 2, i;
	slot_t *slots = calloc(cap, sizeof(slot_t));

	if (slots == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < set->cap; i++) {
		const slot_t *sl = &set->slots[i];
		size_t j = (size_t)sl->hash & (cap - 1);

		if (sl->id1 == 0)
			continue;
		while (slots[j].id1 != 0)
			j = (j + 1) & (cap - 1);
		slots[j] = *sl;
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return KB_OK;
}

/* Makes room for one more entry and len + 1 more key bytes.  On failure
 * the set is unchanged. */
static kb_status_t
reserve(kb_strset_t *set, size_t len)
{
	if (kb_array_grow((void **)&set->v, &set->vcap, set->count,
	                  sizeof(*set->v), 64) != KB_OK)
		return KB_ERR_NOMEM;
	if (set->keys_cap - set->keys_len <= len) {
		size_t n = set->keys_cap ? set->keys_cap * 2 : 1024;
		char *k;

		while (n - set->keys_len <= len)
			n *= 2;
		k = realloc(set->keys, n);
		if (k == NULL)
			return KB_ERR_NOMEM;
		set->keys = k;
		set->keys_cap = n;
	}
	return KB_OK;
}

kb_status_t
kb_strset_put(kb_strset_t *set, const char *s, size_t len, size_t *id)
{
	uint64_t h = kb_hash64(s, len);
	slot_t *sl;
	entry_t *e;

	/* Keep the load factor under 1/2 so probes stay short. */
	if ((set->count + 1) * 2 > set->cap && grow(set) != KB_OK)
		return KB_ERR_NOMEM;
	sl = find(set, s, len, h);
	if (sl->id1 == 0) {
		if (reserve(set, len) != KB_OK)
			return KB_ERR_NOMEM;
		e = &set->v[set->count];
		e->off = set->keys_len;
		e->len = len;
		memcpy(set->keys + set->keys_len, s, len);
		set->keys[set->keys_len + len] = '\0';
		set->keys_len += len + 1;
		sl->hash = h;
		sl->id1 = ++set->count;
	}
	if (id != NULL)
		*id = sl->id1 - 1;
	return KB_OK;
}

kb_status_t
kb_strset_add(kb_strset_t *set, const char *s, size_t len)
{
	return kb_strset_put(set, s, len, NULL);
}

size_t
kb_strset_find(const kb_strset_t *set, const char *s, size_t len)
{
	return find(set, s, len, kb_hash64(s, len))->id1 - 1;
}

int
kb_strset_has(const kb_strset_t *set, const char *s, size_t len)
{
	return kb_strset_find(set, s, len) != KB_STRSET_NONE;
}

const char *
kb_strset_get(const kb_strset_t *set, size_t id, size_t *len)
{
	*len = set->v[id].len;
	return set->keys + set->v[id].off;
}

size_t
kb_strset_count(const kb_strset_t *set)
{
	return set->count;
}
