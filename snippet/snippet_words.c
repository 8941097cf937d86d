/* snippet_words.c - word-list rules: phrases of one to six words found
 * by hashing the words of a text, not by running a pattern over it.
 *
 * Most lexicon rules are lists of words ("massage|acupuncture|therapy").
 * As PCRE2 patterns, each costs a pass over the text at ~10 ns a byte
 * (caseless UTF matching tries every position), and forty of them made
 * the segmenter the slowest stage of indexing.  As word lists, all of them
 * together cost one pass that looks up each run of one to six words in a
 * hash table.
 *
 * Words are maximal runs of letters (any non-ASCII byte counts as one),
 * digits, and apostrophes or hyphens between them, lower-cased (ASCII),
 * with the typographic apostrophe U+2019 read as '.  A phrase is its
 * words joined by single spaces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../text/kb_text.h"
#include "../util/kb_hash.h"
#include "snippet_internal.h"

/* Longest phrase, in words and bytes. */
#define PHRASE_WORDS 6
#define PHRASE_BYTES 96

static int
word_byte(unsigned char c)
{
	return KB_TEXT_WORD_BYTE(c);
}

static uint32_t
hash_bytes(const char *s, size_t n)
{
	return kb_hash32(s, n);
}

kb_status_t
snippet_tokenise(kb_tokens_t *t, const char *s, size_t len)
{
	size_t i = 0;

	t->n = 0;
	t->nlow = 0;
	if (t->lcap < len + 1) {
		char *p = realloc(t->low, len + 1);

		if (p == NULL)
			return KB_ERR_NOMEM;
		t->low = p;
		t->lcap = len + 1;
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t st = i, lo = t->nlow;

		if (!word_byte(c)) {
			i++;
			continue;
		}
		/* U+2019 after letters: an apostrophe ("child’s"). */
		while (i < len) {
			c = (unsigned char)s[i];
			if (c == 0xE2 && i + 3 < len &&
			    (unsigned char)s[i + 1] == 0x80 &&
			    (unsigned char)s[i + 2] == 0x99 &&
			    word_byte((unsigned char)s[i + 3]) &&
			    (unsigned char)s[i + 3] < 0x80) {
				t->low[t->nlow++] = '\'';
				i += 3;
				continue;
			}
			if ((c == '\'' || c == '-') && i + 1 < len &&
			    word_byte((unsigned char)s[i + 1])) {
				t->low[t->nlow++] = (char)c;
				i++;
				continue;
			}
			if (!word_byte(c))
				break;
			t->low[t->nlow++] =
			    (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		}
		if (kb_array_grow((void **)&t->v, &t->cap, t->n, sizeof(*t->v),
		                  64) != KB_OK)
			return KB_ERR_NOMEM;
		t->v[t->n].at = st;
		t->v[t->n].lo = lo;
		t->v[t->n].len = t->nlow - lo;
		t->n++;
	}
	return KB_OK;
}

void
snippet_tokens_free(kb_tokens_t *t)
{
	free(t->v);
	free(t->low);
	memset(t, 0, sizeof(*t));
}

/* Joins words i..i+n-1 of t into key (at most PHRASE_BYTES).  Returns the
 * key's length, or 0 when it does not fit. */
static size_t
phrase(const kb_tokens_t *t, size_t i, size_t n, char *key)
{
	size_t k, kl = 0;

	for (k = i; k < i + n; k++) {
		if (kl + t->v[k].len + 1 > PHRASE_BYTES)
			return 0;
		if (k > i)
			key[kl++] = ' ';
		memcpy(key + kl, t->low + t->v[k].lo, t->v[k].len);
		kl += t->v[k].len;
	}
	return kl;
}

static kb_status_t
grow(kb_wordmap_t *m)
{
	size_t ns = m->nslot ? m->nslot * 2 : 256, i;
	uint32_t *slot = calloc(ns, sizeof(*slot));

	if (slot == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < m->n; i++) {
		size_t h = m->e[i].hash & (ns - 1);

		while (slot[h] != 0)
			h = (h + 1) & (ns - 1);
		slot[h] = (uint32_t)(i + 1);
	}
	free(m->slot);
	m->slot = slot;
	m->nslot = ns;
	return KB_OK;
}

/* The entry for key with the given rule, or NULL. */
static const kb_wentry_t *
find_entry(const kb_wordmap_t *m, const char *key, size_t kl, int rule)
{
	uint32_t hv = hash_bytes(key, kl);
	size_t h;

	if (m->nslot == 0)
		return NULL;
	for (h = hv & (m->nslot - 1); m->slot[h] != 0;
	     h = (h + 1) & (m->nslot - 1)) {
		const kb_wentry_t *e = &m->e[m->slot[h] - 1];

		if (e->hash == hv && e->len == kl && e->rule == rule &&
		    memcmp(e->phrase, key, kl) == 0)
			return e;
	}
	return NULL;
}

/* Inserts key for rule (-1: a prefix of longer phrases only). */
static kb_status_t
insert(kb_wordmap_t *m, const char *key, size_t kl, int rule)
{
	kb_status_t rc;
	size_t h;

	if (find_entry(m, key, kl, rule) != NULL)
		return KB_OK;
	if ((m->n + 1) * 2 > m->nslot && (rc = grow(m)) != KB_OK)
		return rc;
	if (kb_array_grow((void **)&m->e, &m->cap, m->n, sizeof(*m->e), 128) !=
	    KB_OK)
		return KB_ERR_NOMEM;
	m->e[m->n].phrase = malloc(kl);
	if (m->e[m->n].phrase == NULL)
		return KB_ERR_NOMEM;
	memcpy(m->e[m->n].phrase, key, kl);
	m->e[m->n].len = (uint32_t)kl;
	m->e[m->n].hash = hash_bytes(key, kl);
	m->e[m->n].rule = rule;
	h = m->e[m->n].hash & (m->nslot - 1);
	while (m->slot[h] != 0)
		h = (h + 1) & (m->nslot - 1);
	m->slot[h] = (uint32_t)(m->n + 1);
	m->n++;
	return KB_OK;
}

kb_status_t
snippet_wordmap_add(kb_wordmap_t *m, const char *s, size_t len, int rule,
                    kb_tokens_t *scratch)
{
	char key[PHRASE_BYTES];
	size_t kl, n;
	kb_status_t rc;

	rc = snippet_tokenise(scratch, s, len);
	if (rc != KB_OK)
		return rc;
	if (scratch->n == 0 || scratch->n > PHRASE_WORDS)
		return KB_ERR_RANGE;
	/* Its shorter prefixes too, marked as such, so that a scan can
	 * stop extending a run of words as soon as nothing starts so. */
	for (n = 1; n <= scratch->n; n++) {
		kl = phrase(scratch, 0, n, key);
		if (kl == 0)
			return KB_ERR_RANGE;
		rc = insert(m, key, kl, n == scratch->n ? rule : -1);
		if (rc != KB_OK)
			return rc;
	}
	return KB_OK;
}

void
snippet_wordmap_free(kb_wordmap_t *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->e[i].phrase);
	free(m->e);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

/* True when entry e spells words i..i+n-1 of t. */
static int
same(const kb_wentry_t *e, const kb_tokens_t *t, size_t i, size_t n)
{
	size_t k, at = 0;

	for (k = i; k < i + n; k++) {
		if (k > i) {
			if (at >= e->len || e->phrase[at] != ' ')
				return 0;
			at++;
		}
		if (at + t->v[k].len > e->len ||
		    memcmp(e->phrase + at, t->low + t->v[k].lo, t->v[k].len) !=
		        0)
			return 0;
		at += t->v[k].len;
	}
	return at == e->len;
}

void
snippet_wordmap_scan(const kb_wordmap_t *m, const kb_tokens_t *t, int longest,
                     kb_word_fn fn, void *ctx)
{
	size_t i, n, h;

	if (m->nslot == 0)
		return;
	for (i = 0; i < t->n; i++) {
		uint32_t hv = KB_HASH32_INIT;
		size_t best = 0;

		/* Words i, i+1, ... with the hash extended word by word;
		 * stop when no phrase starts with the words so far. */
		uint32_t best_hv = 0;

		for (n = 1; n <= PHRASE_WORDS && i + n <= t->n; n++) {
			const kb_tok_t *w = &t->v[i + n - 1];
			int known = 0;

			if (n > 1)
				hv = KB_HASH32_BYTE(hv, ' ');
			hv = kb_hash32_add(hv, t->low + w->lo, w->len);
			for (h = hv & (m->nslot - 1); m->slot[h] != 0;
			     h = (h + 1) & (m->nslot - 1)) {
				const kb_wentry_t *e = &m->e[m->slot[h] - 1];

				if (e->hash != hv || !same(e, t, i, n))
					continue;
				known = 1;
				if (e->rule < 0)
					continue;
				if (longest) {
					best = n;
					best_hv = hv;
				} else
					fn(ctx, e->rule, t->v[i].at);
			}
			if (!known)
				break;
		}
		if (best == 0)
			continue;
		/* The longest phrase takes its words: "low back" is the
		 * lower back, not also "back". */
		for (h = best_hv & (m->nslot - 1); m->slot[h] != 0;
		     h = (h + 1) & (m->nslot - 1)) {
			const kb_wentry_t *e = &m->e[m->slot[h] - 1];

			if (e->hash == best_hv && e->rule >= 0 &&
			    same(e, t, i, best))
				fn(ctx, e->rule, t->v[i].at);
		}
		i += best - 1;
	}
}
