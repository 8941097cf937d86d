/* stopwords.c - the stopword list and the stopword stage.
 *
 * Every token of every document is looked up, so the list is a small
 * open-addressing hash set (linear probing, kept at most half full) rather
 * than a sorted array.  A list is built aside and swapped in only once it
 * is complete, so a failed load or add leaves the earlier list in force.
 */
#include "text_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest table; a typical English list of ~150 words fits in 512
 * slots after two doublings. */
#define STOP_MIN_SLOTS 64

void
kb_stopset_init(kb_stopset_t *set)
{
	set->slots = NULL;
	set->cap = 0;
	set->count = 0;
	set->max_len = 0;
	kb_buf_init(&set->words);
}

void
kb_stopset_free(kb_stopset_t *set)
{
	free(set->slots);
	kb_buf_free(&set->words);
	kb_stopset_init(set);
}

int
kb_stopset_has(const kb_stopset_t *set, const char *w, size_t len)
{
	const kb_stop_slot_t *slot;
	size_t i, mask;
	uint32_t h;

	if (set->count == 0 || len == 0 || len > set->max_len)
		return 0;
	h = hash_word(w, len);
	mask = set->cap - 1;
	for (i = h & mask;; i = (i + 1) & mask) {
		slot = &set->slots[i];
		if (slot->len == 0)
			return 0;
		if (slot->hash == h && slot->len == len
		    && memcmp(set->words.data + slot->off, w, len) == 0)
			return 1;
	}
}

/* Doubles the table.  On failure the set is unchanged. */
static kb_status_t
grow(kb_stopset_t *set)
{
	kb_stop_slot_t *slots;
	size_t cap, i, j;

	cap = set->cap == 0 ? STOP_MIN_SLOTS : set->cap * 2;
	slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < set->cap; i++) {
		if (set->slots[i].len == 0)
			continue;
		for (j = set->slots[i].hash & (cap - 1); slots[j].len != 0;
		     j = (j + 1) & (cap - 1))
			;
		slots[j] = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return KB_OK;
}

/* Adds one word (a no-op if present).  Returns KB_OK or KB_ERR_NOMEM; on
 * failure the set may hold the word's bytes but not the word, and is only
 * fit to be freed. */
static kb_status_t
insert(kb_stopset_t *set, const char *w, size_t len)
{
	size_t i, mask;
	uint32_t h;

	if (len == 0 || kb_stopset_has(set, w, len))
		return KB_OK;
	/* Offsets are 32-bit to keep slots small; tokens are short, so this
	 * only trips on a list of gigabytes. */
	if (len > UINT32_MAX || set->words.len > UINT32_MAX - len)
		return KB_ERR_NOMEM;
	if (2 * (set->count + 1) > set->cap && grow(set) != KB_OK)
		return KB_ERR_NOMEM;
	h = hash_word(w, len);
	mask = set->cap - 1;
	for (i = h & mask; set->slots[i].len != 0; i = (i + 1) & mask)
		;
	set->slots[i].hash = h;
	set->slots[i].len = (uint32_t)len;
	set->slots[i].off = (uint32_t)set->words.len;
	if (kb_buf_append(&set->words, w, len) != KB_OK) {
		set->slots[i].len = 0;
		return KB_ERR_NOMEM;
	}
	set->count++;
	if (len > set->max_len)
		set->max_len = len;
	return KB_OK;
}

static kb_status_t
insert_token(void *ctx, const kb_token_t *tok)
{
	return insert(ctx, tok->folded, tok->folded_len);
}

/* Adds the words of a list in the file format to set: each line up to a
 * '#' goes through the base tokenizer, so a word is folded exactly as it
 * will be met in text ("Don’t" is stored as "don't").  Returns KB_OK or
 * KB_ERR_NOMEM. */
static kb_status_t
parse_list(kb_text_t *tx, kb_stopset_t *set, const char *s, size_t len)
{
	const char *eol, *hash;
	size_t i = 0, line, end;
	kb_status_t rc;

	while (i < len) {
		eol = memchr(s + i, '\n', len - i);
		line = eol != NULL ? (size_t)(eol - s) : len;
		hash = memchr(s + i, '#', line - i);
		end = hash != NULL ? (size_t)(hash - s) : line;
		rc = kb_text_scan(tx, s + i, end - i, insert_token, set);
		if (rc != KB_OK)
			return rc;
		i = line + 1;
	}
	return KB_OK;
}

/* Replaces tx's list by set, which the handle then owns. */
static void
swap_in(kb_text_t *tx, kb_stopset_t *set)
{
	kb_stopset_free(&tx->stop);
	tx->stop = *set;
	kb_stopset_init(set);
}

kb_status_t
kb_text_load_stopwords(kb_text_t *tx, const char *path)
{
	kb_stopset_t set;
	kb_buf_t data;
	kb_status_t rc;

	kb_text_clear_error(tx);
	if (path == NULL)
		return kb_text_error(tx, KB_ERR_ARG,
				     "stopwords: no path given");
	kb_stopset_init(&set);
	kb_buf_init(&data);
	rc = kb_buf_read_file(&data, path, 0);
	if (rc == KB_ERR_IO) {
		rc = kb_text_error(tx, KB_ERR_IO, "stopwords: %s: %s", path,
				   strerror(errno));
		goto done;
	}
	if (rc != KB_OK) {
		rc = kb_text_error(tx, rc, "stopwords: %s: %s", path,
				   kb_status_str(rc));
		goto done;
	}
	rc = parse_list(tx, &set, data.data ? data.data : "", data.len);
	if (rc != KB_OK) {
		rc = kb_text_error(tx, rc, "stopwords: %s: %s", path,
				   kb_status_str(rc));
		goto done;
	}
	swap_in(tx, &set);
done:
	kb_buf_free(&data);
	kb_stopset_free(&set);
	return rc;
}

kb_status_t
kb_text_add_stopwords(kb_text_t *tx, const char *s, size_t len)
{
	kb_stopset_t set;
	size_t i;
	kb_status_t rc = KB_OK;

	kb_text_clear_error(tx);
	if (s == NULL && len > 0)
		return kb_text_error(tx, KB_ERR_ARG,
				     "stopwords: no text given");
	/* Build the union aside, so that a failure changes nothing. */
	kb_stopset_init(&set);
	for (i = 0; i < tx->stop.cap && rc == KB_OK; i++)
		if (tx->stop.slots[i].len != 0)
			rc = insert(&set,
				    tx->stop.words.data + tx->stop.slots[i].off,
				    tx->stop.slots[i].len);
	if (rc == KB_OK)
		rc = parse_list(tx, &set, s, len);
	if (rc != KB_OK) {
		kb_stopset_free(&set);
		return kb_text_error(tx, rc,
				     "stopwords: adding from memory: %s",
				     kb_status_str(rc));
	}
	swap_in(tx, &set);
	return KB_OK;
}

int
kb_text_is_stopword(const kb_text_t *tx, const char *w, size_t len)
{
	if (tx == NULL || w == NULL)
		return 0;
	return kb_stopset_has(&tx->stop, w, len);
}

int
kb_text_stop_stage(const kb_text_t *tx, kb_text_mode_t mode,
		   kb_token_t *tok)
{
	if (!kb_stopset_has(&tx->stop, tok->folded, tok->folded_len))
		return 1;
	if (mode == KB_TEXT_QUERY)
		return 0;
	tok->flags |= KB_TOKEN_STOP;
	return 1;
}
