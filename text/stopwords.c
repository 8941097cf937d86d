/* stopwords.c - the stopword list and the stopword stage.
 *
 * Every token of every document is looked up, so the list is a hash set
 * (kb_strset) rather than a sorted array.  A list is built aside and swapped in only once it
 * is complete, so a failed load or add leaves the earlier list in force.
 */
#include "text_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
text_stopset_init(kb_stopset_t *set)
{
	set->words = NULL;
	set->max_len = 0;
}

void
text_stopset_free(kb_stopset_t *set)
{
	kb_strset_free(set->words);
	text_stopset_init(set);
}

int
text_stopset_has(const kb_stopset_t *set, const char *w, size_t len)
{
	if (set->words == NULL || len == 0 || len > set->max_len)
		return 0;
	return kb_strset_has(set->words, w, len);
}

/* Adds one word (a no-op if present).  Returns KB_OK or KB_ERR_NOMEM, in
 * which case the set is unchanged. */
static kb_status_t
insert(kb_stopset_t *set, const char *w, size_t len)
{
	if (len == 0)
		return KB_OK;
	if (set->words == NULL && kb_strset_new(&set->words) != KB_OK)
		return KB_ERR_NOMEM;
	if (kb_strset_add(set->words, w, len) != KB_OK)
		return KB_ERR_NOMEM;
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
		rc = text_scan(tx, s + i, end - i, insert_token, set);
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
	text_stopset_free(&tx->stop);
	tx->stop = *set;
	text_stopset_init(set);
}

kb_status_t
kb_text_load_stopwords(kb_text_t *tx, const char *path)
{
	kb_stopset_t set;
	kb_buf_t data;
	kb_status_t rc;

	text_clear_error(tx);
	if (path == NULL)
		return text_error(tx, KB_ERR_ARG, "stopwords: no path given");
	text_stopset_init(&set);
	kb_buf_init(&data);
	rc = kb_buf_read_file(&data, path, 0);
	if (rc == KB_ERR_IO) {
		rc = text_error(tx, KB_ERR_IO, "stopwords: %s: %s", path,
		                strerror(errno));
		goto done;
	}
	if (rc != KB_OK) {
		rc = text_error(tx, rc, "stopwords: %s: %s", path,
		                kb_status_str(rc));
		goto done;
	}
	rc = parse_list(tx, &set, data.data ? data.data : "", data.len);
	if (rc != KB_OK) {
		rc = text_error(tx, rc, "stopwords: %s: %s", path,
		                kb_status_str(rc));
		goto done;
	}
	swap_in(tx, &set);
done:
	kb_buf_free(&data);
	text_stopset_free(&set);
	return rc;
}

kb_status_t
kb_text_add_stopwords(kb_text_t *tx, const char *s, size_t len)
{
	kb_stopset_t set;
	size_t i, n;
	kb_status_t rc = KB_OK;

	text_clear_error(tx);
	if (s == NULL && len > 0)
		return text_error(tx, KB_ERR_ARG, "stopwords: no text given");
	/* Build the union aside, so that a failure changes nothing. */
	text_stopset_init(&set);
	n = tx->stop.words != NULL ? kb_strset_count(tx->stop.words) : 0;
	for (i = 0; i < n && rc == KB_OK; i++) {
		size_t wl;
		const char *w = kb_strset_get(tx->stop.words, i, &wl);

		rc = insert(&set, w, wl);
	}
	if (rc == KB_OK)
		rc = parse_list(tx, &set, s, len);
	if (rc != KB_OK) {
		text_stopset_free(&set);
		return text_error(tx, rc, "stopwords: adding from memory: %s",
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
	return text_stopset_has(&tx->stop, w, len);
}

int
text_stop_stage(const kb_text_t *tx, kb_text_mode_t mode, kb_token_t *tok)
{
	if (!text_stopset_has(&tx->stop, tok->folded, tok->folded_len))
		return 1;
	if (mode == KB_TEXT_QUERY)
		return 0;
	tok->flags |= KB_TOKEN_STOP;
	return 1;
}
