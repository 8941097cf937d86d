/* clean_learn.c - short lines counted across the documents of a corpus.
 *
 * Site furniture repeats on every page of a site: the menu items, the
 * site's name, the widget labels.  Before a corpus is cleaned, each of
 * its documents is shown to the cleaner once; every distinct short line
 * (normalised: case folded for ASCII, white space collapsed, digit runs
 * replaced by '#' so that "Like (12)" and "Like (7)" count together) is
 * counted once per document.  A line seen in enough documents is
 * boilerplate.  Section headings repeat just as much ("Symptoms",
 * "Treatment"); the scoring step keeps those when content follows them.
 */
#include <stdlib.h>
#include <string.h>

#include "clean_internal.h"

/* A line must repeat in at least this many documents, and in at least
 * 1/BOILER_SHARE of all learned documents, to be boilerplate.  Three is
 * the least that says "template" rather than "coincidence"; the share
 * keeps a line common to a few dozen of a hundred thousand pages (a real
 * heading, a drug name) from counting. */
#define BOILER_MIN_DOCS 3
#define BOILER_SHARE 50

/* A line on at least 1/SITEWIDE_SHARE of all documents is site-wide:
 * boilerplate even when it reads like a sentence.  Templated content (a
 * sentence every cancer summary of one publisher repeats) stays under
 * it on a mixed corpus. */
#define SITEWIDE_SHARE 3

/* The table stops taking new lines at this many (memory stays bounded
 * on a huge corpus; lines already in it keep being counted). */
#define MAX_ENTRIES (1u << 21)

typedef struct entry {
	uint64_t hash;     /* 0: free slot */
	uint32_t count;    /* documents it occurred in */
	uint32_t last_doc; /* the last document that counted it */
	uint32_t off;      /* key in keys */
	uint32_t len;
} entry_t;

struct kb_clearn {
	entry_t *slots;
	size_t cap; /* power of two */
	size_t used;
	uint32_t ndocs;
	char *keys; /* normalised lines back to back */
	size_t keys_len;
	size_t keys_cap;
	char norm[KB_CLEAN_LEARN_BYTES]; /* scratch: a normalised line */
	size_t normlen;
};

kb_status_t
kb_clearn_new(kb_clearn_t **out)
{
	kb_clearn_t *lr = calloc(1, sizeof(*lr));

	*out = NULL;
	if (lr == NULL)
		return KB_ERR_NOMEM;
	*out = lr;
	return KB_OK;
}

void
kb_clearn_free(kb_clearn_t *lr)
{
	if (lr == NULL)
		return;
	free(lr->slots);
	free(lr->keys);
	free(lr);
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Normalises the line s into lr->norm (len bytes in lr->normlen).
 * Returns 0 when it is not a short line (too long, too many words, or
 * empty). */
static int
normalise(kb_clearn_t *lr, const char *s, size_t len)
{
	size_t i, n = 0, words = 0;
	int space = 1, digit = 0;

	/* Trailing "|" markers are clean-up, not part of the line. */
	while (len > 0 &&
	       (is_space((unsigned char)s[len - 1]) || s[len - 1] == '|'))
		len--;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (space) {
			if (++words > KB_CLEAN_LEARN_WORDS)
				return 0;
			if (n > 0)
				lr->norm[n++] = ' ';
		}
		space = 0;
		if (n + 2 > KB_CLEAN_LEARN_BYTES)
			return 0;
		if (c >= '0' && c <= '9') {
			if (!digit)
				lr->norm[n++] = '#';
			digit = 1;
			continue;
		}
		digit = 0;
		lr->norm[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	lr->normlen = n;
	return n > 0;
}

static uint64_t
hash_bytes(const char *s, size_t len)
{
	/* 0 marks an empty slot. */
	uint64_t h = kb_hash64(s, len);

	return h ? h : 1;
}

static entry_t *
find(const kb_clearn_t *lr, uint64_t h, const char *k, size_t len)
{
	size_t i;

	if (lr->cap == 0)
		return NULL;
	for (i = h & (lr->cap - 1);; i = (i + 1) & (lr->cap - 1)) {
		entry_t *e = &lr->slots[i];

		if (e->hash == 0)
			return e;
		if (e->hash == h && e->len == len &&
		    memcmp(lr->keys + e->off, k, len) == 0)
			return e;
	}
}

/* Doubles the table.  Returns KB_OK or KB_ERR_NOMEM (table unchanged). */
static kb_status_t
grow(kb_clearn_t *lr)
{
	size_t ncap = lr->cap ? lr->cap * 2 : 1024, i;
	entry_t *ns = calloc(ncap, sizeof(*ns));

	if (ns == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < lr->cap; i++) {
		entry_t *e = &lr->slots[i];
		size_t j;

		if (e->hash == 0)
			continue;
		for (j = e->hash & (ncap - 1); ns[j].hash != 0;
		     j = (j + 1) & (ncap - 1))
			;
		ns[j] = *e;
	}
	free(lr->slots);
	lr->slots = ns;
	lr->cap = ncap;
	return KB_OK;
}

/* Appends a key to the key store.  Returns KB_OK or KB_ERR_NOMEM (store
 * unchanged). */
static kb_status_t
store_key(kb_clearn_t *lr, const char *k, size_t len)
{
	if (lr->keys_cap - lr->keys_len < len) {
		size_t ncap = lr->keys_cap ? lr->keys_cap * 2 : 65536;
		char *nk;

		while (ncap - lr->keys_len < len)
			ncap *= 2;
		nk = realloc(lr->keys, ncap);
		if (nk == NULL)
			return KB_ERR_NOMEM;
		lr->keys = nk;
		lr->keys_cap = ncap;
	}
	memcpy(lr->keys + lr->keys_len, k, len);
	lr->keys_len += len;
	return KB_OK;
}

kb_status_t
kb_clearn_add(kb_clearn_t *lr, const char *s, size_t len)
{
	size_t i = 0;

	lr->ndocs++;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		uint64_t h;
		entry_t *e;

		if (end - i <= 4 * KB_CLEAN_LEARN_BYTES &&
		    normalise(lr, s + i, end - i)) {
			h = hash_bytes(lr->norm, lr->normlen);
			e = find(lr, h, lr->norm, lr->normlen);
			if (e == NULL || e->hash == 0) {
				if (lr->used >= MAX_ENTRIES)
					goto next;
				if (lr->cap == 0 ||
				    (lr->used + 1) * 2 > lr->cap) {
					if (grow(lr) != KB_OK)
						return KB_ERR_NOMEM;
					e = find(lr, h, lr->norm, lr->normlen);
				}
				if (store_key(lr, lr->norm, lr->normlen) !=
				    KB_OK)
					return KB_ERR_NOMEM;
				if (lr->keys_len > UINT32_MAX)
					goto next; /* (never reached in
					              practice) */
				e->off = (uint32_t)(lr->keys_len - lr->normlen);
				e->hash = h;
				e->len = (uint32_t)lr->normlen;
				e->count = 0;
				e->last_doc = 0;
				lr->used++;
			}
			if (e->last_doc != lr->ndocs) {
				e->last_doc = lr->ndocs;
				e->count++;
			}
		}
	next:
		i = end + 1;
	}
	return KB_OK;
}

int
kb_clearn_is_boiler(kb_clearn_t *lr, const char *s, size_t len)
{
	const entry_t *e;

	if (lr == NULL || lr->ndocs < BOILER_MIN_DOCS || lr->used == 0)
		return 0;
	if (!normalise(lr, s, len))
		return 0;
	e = find(lr, hash_bytes(lr->norm, lr->normlen), lr->norm, lr->normlen);
	if (e == NULL || e->hash == 0)
		return 0;
	if (e->count < BOILER_MIN_DOCS ||
	    (uint64_t)e->count * BOILER_SHARE < lr->ndocs)
		return 0;
	/* On most pages of the corpus: the site's own furniture, whatever
	 * it looks like. */
	return (uint64_t)e->count * SITEWIDE_SHARE >= lr->ndocs ? 2 : 1;
}
