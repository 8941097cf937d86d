/* segment.c - the segment stage: an article's title and its passages.
 *
 * Until the advice-snippet issue lands, a passage is a blank-line
 * separated block; a block longer than KB_PASSAGE_MAX words is split at
 * sentence ends (and at line ends, which in scraped text end sentences
 * more often than not) into windows of about KB_PASSAGE_MIN to
 * KB_PASSAGE_MAX words.
 */
#include <stdlib.h>
#include <string.h>

#include "indexer_internal.h"

typedef struct spans {
	kb_span_t *v;
	size_t n, cap;
} spans_t;

static kb_status_t
push(spans_t *s, size_t start, size_t len)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		kb_span_t *p = realloc(s->v, cap * sizeof(*p));

		if (p == NULL)
			return KB_ERR_NOMEM;
		s->v = p;
		s->cap = cap;
	}
	s->v[s->n].start = start;
	s->v[s->n].len = len;
	s->n++;
	return KB_OK;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v';
}

/* Trims whitespace around [*start, *end). */
static void
trim(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && is_space(s[*start]))
		(*start)++;
	while (*end > *start && is_space(s[*end - 1]))
		(*end)--;
}

/* True when the sentence ends at s[i]: terminal punctuation (ASCII or the
 * CJK full stop) followed by whitespace or the end, or a line end. */
static int
sentence_end(const char *s, size_t i, size_t end)
{
	char c = s[i];

	if (c == '\n')
		return 1;
	if (c == '.' || c == '!' || c == '?' || c == ';')
		return i + 1 >= end || is_space(s[i + 1]) ||
		       s[i + 1] == '"' || s[i + 1] == ')';
	/* U+3002 IDEOGRAPHIC FULL STOP, U+FF01, U+FF1F: E3 80 82, EF BC 81,
	 * EF BC 9F; s[i] is their last byte. */
	if (i >= 2 && (unsigned char)c == 0x82 &&
	    (unsigned char)s[i - 1] == 0x80 && (unsigned char)s[i - 2] == 0xE3)
		return 1;
	if (i >= 2 && ((unsigned char)c == 0x81 || (unsigned char)c == 0x9F) &&
	    (unsigned char)s[i - 1] == 0xBC && (unsigned char)s[i - 2] == 0xEF)
		return 1;
	return 0;
}

/* Splits the block [start, end) into windows.  Sentences are added to the
 * current window while it stays within KB_PASSAGE_MAX words; a window is
 * closed once it has KB_PASSAGE_MIN words and the next sentence would
 * overflow it.  A single sentence longer than KB_PASSAGE_MAX words is cut
 * every KB_PASSAGE_MAX words.  A short tail joins the window before it. */
static kb_status_t
split_block(const char *s, size_t start, size_t end, spans_t *out)
{
	size_t win_start = start, win_words = 0;
	size_t sent_start = start, sent_words = 0;
	size_t first = out->n;
	size_t i;
	int in_word = 0;

	for (i = start; i <= end; i++) {
		int at_end = i == end;
		int boundary;

		if (!at_end && !is_space(s[i])) {
			if (!in_word)
				sent_words++;
			in_word = 1;
		} else {
			in_word = 0;
		}
		boundary = at_end || sentence_end(s, i, end);
		/* An over-long sentence: cut it where it is. */
		if (!boundary && sent_words >= KB_PASSAGE_MAX && !in_word)
			boundary = 1;
		if (!boundary)
			continue;
		if (win_words > 0 &&
		    win_words + sent_words > KB_PASSAGE_MAX &&
		    win_words >= KB_PASSAGE_MIN) {
			size_t ws = win_start, we = sent_start;

			trim(s, &ws, &we);
			if (we > ws && push(out, ws, we - ws) != KB_OK)
				return KB_ERR_NOMEM;
			win_start = sent_start;
			win_words = 0;
		}
		win_words += sent_words;
		sent_words = 0;
		sent_start = at_end ? end : i + 1;
		if (win_words >= KB_PASSAGE_MAX) {
			size_t ws = win_start, we = sent_start;

			trim(s, &ws, &we);
			if (we > ws && push(out, ws, we - ws) != KB_OK)
				return KB_ERR_NOMEM;
			win_start = sent_start;
			win_words = 0;
		}
	}
	if (win_words > 0) {
		size_t ws = win_start, we = end;

		trim(s, &ws, &we);
		if (we > ws) {
			/* Merge a short tail into the previous window of this
			 * block rather than leave a fragment on its own. */
			if (win_words < KB_PASSAGE_MIN / 2 && out->n > first) {
				kb_span_t *prev = &out->v[out->n - 1];

				prev->len = we - prev->start;
			} else if (push(out, ws, we - ws) != KB_OK) {
				return KB_ERR_NOMEM;
			}
		}
	}
	return KB_OK;
}

/* Counts whitespace-separated words in [start, end), stopping early once
 * more than limit have been seen. */
static size_t
count_words(const char *s, size_t start, size_t end, size_t limit)
{
	size_t i, n = 0;
	int in_word = 0;

	for (i = start; i < end && n <= limit; i++) {
		if (is_space(s[i])) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			n++;
		}
	}
	return n;
}

/* True when [start, end) holds only whitespace. */
static int
blank(const char *s, size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}

kb_status_t
kb_segment_stage(kb_article_t *a)
{
	const char *s = a->text;
	size_t len = a->len;
	spans_t out = { NULL, 0, 0 };
	size_t i, block_start = 0, line_start = 0;
	size_t ts = 0, te = 0;
	int first_block = 1;

	/* The title: the first non-empty line, cut at a character boundary
	 * when it is very long. */
	/* The cleaner already chose the title; every block is content. */
	while (a->clean_title == NULL && ts < len) {
		te = ts;
		while (te < len && s[te] != '\n')
			te++;
		if (!blank(s, ts, te))
			break;
		ts = te + 1;
	}
	if (a->clean_title == NULL && ts < len) {
		trim(s, &ts, &te);
		if (te - ts > KB_MAX_TITLE) {
			/* A first line this long is a paragraph, not a
			 * title: take its first sentence, or failing that
			 * its first words up to the limit. */
			size_t k, cut = 0;

			for (k = ts; k < ts + KB_MAX_TITLE; k++)
				if (sentence_end(s, k, te)) {
					cut = k + 1;
					break;
				}
			if (cut == 0) {
				cut = ts + KB_MAX_TITLE;
				while (cut > ts && s[cut] != ' ')
					cut--;
				if (cut == ts)
					cut = ts + KB_MAX_TITLE;
				while (cut > ts &&
				       ((unsigned char)s[cut] & 0xC0) == 0x80)
					cut--;
			}
			te = cut;
			trim(s, &ts, &te);
		}
		a->title.start = ts;
		a->title.len = te - ts;
	}

	/* Blocks: runs of non-blank lines. */
	for (i = 0; i <= len; i++) {
		size_t bs, be;

		if (i < len && s[i] != '\n')
			continue;
		/* [line_start, i) is a line. */
		if (blank(s, line_start, i) || i == len) {
			be = blank(s, line_start, i) ? line_start : i;
			bs = block_start;
			trim(s, &bs, &be);
			if (be > bs) {
				kb_status_t rc;

				if (first_block && a->title.len > 0 &&
				    bs == a->title.start &&
				    be - bs == a->title.len) {
					/* A title-only first block. */
					rc = KB_OK;
				} else if (count_words(s, bs, be,
						       KB_PASSAGE_MAX) <=
					   KB_PASSAGE_MAX) {
					rc = push(&out, bs, be - bs);
				} else {
					rc = split_block(s, bs, be, &out);
				}
				if (rc != KB_OK) {
					free(out.v);
					return rc;
				}
				first_block = 0;
			}
			block_start = i + 1;
		}
		line_start = i + 1;
	}
	a->passages = out.v;
	a->npassages = out.n;
	return KB_OK;
}
