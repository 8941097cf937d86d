/* kb_strset.c - a set of byte strings with open addressing. */
#include "kb_strset.h"

#include <stdlib.h>
#include <string.h>

#include "kb_schema.h"

typedef struct slot {
	char *s;		/* NULL for an empty slot */
	size_t len;
	unsigned long long hash;
} slot_t;

struct kb_strset {
	slot_t *slots;
	size_t cap;		/* a power of two */
	size_t count;
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
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		free(set->slots[i].s);
	free(set->slots);
	free(set);
}

/* Returns the slot holding s, or the empty slot where it would go. */
static slot_t *
find(const kb_strset_t *set, const char *s, size_t len,
     unsigned long long h)
{
	size_t i = (size_t)h & (set->cap - 1);

	for (;;) {
		slot_t *sl = &set->slots[i];

		if (sl->s == NULL || (sl->hash == h && sl->len == len &&
				      memcmp(sl->s, s, len) == 0))
			return sl;
		i = (i + 1) & (set->cap - 1);
	}
}

/* Doubles the table.  On failure the set is unchanged. */
static kb_status_t
grow(kb_strset_t *set)
{
	kb_strset_t bigger = { NULL, set->cap * 2, 0 };
	size_t i;

	bigger.slots = calloc(bigger.cap, sizeof(slot_t));
	if (bigger.slots == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < set->cap; i++) {
		slot_t *sl = &set->slots[i];

		if (sl->s != NULL)
			*find(&bigger, sl->s, sl->len, sl->hash) = *sl;
	}
	free(set->slots);
	set->slots = bigger.slots;
	set->cap = bigger.cap;
	return KB_OK;
}

kb_status_t
kb_strset_add(kb_strset_t *set, const char *s, size_t len)
{
	unsigned long long h = kb_hash64(s, len);
	slot_t *sl;
	char *copy;

	/* Keep the load factor under 1/2 so probes stay short. */
	if ((set->count + 1) * 2 > set->cap && grow(set) != KB_OK)
		return KB_ERR_NOMEM;
	sl = find(set, s, len, h);
	if (sl->s != NULL)
		return KB_OK;
	copy = malloc(len + 1);
	if (copy == NULL)
		return KB_ERR_NOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	sl->s = copy;
	sl->len = len;
	sl->hash = h;
	set->count++;
	return KB_OK;
}

int
kb_strset_has(const kb_strset_t *set, const char *s, size_t len)
{
	return find(set, s, len, kb_hash64(s, len))->s != NULL;
}

size_t
kb_strset_count(const kb_strset_t *set)
{
	return set->count;
}
