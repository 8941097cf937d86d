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

#include "../util/kb_array.h"
#include "../util/kb_strset.h"
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

/* What is known of one normalised line, by its number in lines. */
typedef struct entry {
	uint32_t count;    /* documents it occurred in */
	uint32_t last_doc; /* the last document that counted it */
} entry_t;

struct clean_learn {
	kb_strset_t *lines; /* the normalised lines seen */
	entry_t *v;         /* one per line of lines */
	size_t vcap;
	uint32_t ndocs;
};

/* A short line, normalised. */
typedef struct norm_line {
	char s[KB_CLEAN_LEARN_BYTES];
	size_t len;
} norm_line_t;

kb_status_t
clean_learn_new(clean_learn_t **out)
{
	clean_learn_t *lr = calloc(1, sizeof(*lr));

	*out = NULL;
	if (lr == NULL)
		return KB_ERR_NOMEM;
	if (kb_strset_new(&lr->lines) != KB_OK) {
		free(lr);
		return KB_ERR_NOMEM;
	}
	*out = lr;
	return KB_OK;
}

void
clean_learn_free(clean_learn_t *lr)
{
	if (lr == NULL)
		return;
	kb_strset_free(lr->lines);
	free(lr->v);
	free(lr);
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Normalises the line s into out.  Returns 0 when it is not a short line
 * (too long, too many words, or empty). */
static int
normalise(norm_line_t *out, const char *s, size_t len)
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
				out->s[n++] = ' ';
		}
		space = 0;
		if (n + 2 > KB_CLEAN_LEARN_BYTES)
			return 0;
		if (c >= '0' && c <= '9') {
			if (!digit)
				out->s[n++] = '#';
			digit = 1;
			continue;
		}
		digit = 0;
		out->s[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out->len = n;
	return n > 0;
}

/* Counts the normalised line nl for the current document.  Returns KB_OK
 * or KB_ERR_NOMEM (nothing counted). */
static kb_status_t
count_line(clean_learn_t *lr, const norm_line_t *nl)
{
	size_t id = kb_strset_find(lr->lines, nl->s, nl->len);
	entry_t *e;

	if (id == KB_STRSET_NONE) {
		if (kb_strset_count(lr->lines) >= MAX_ENTRIES)
			return KB_OK;
		if (kb_array_grow((void **)&lr->v, &lr->vcap,
		                  kb_strset_count(lr->lines), sizeof(*lr->v),
		                  512) != KB_OK)
			return KB_ERR_NOMEM;
		if (kb_strset_put(lr->lines, nl->s, nl->len, &id) !=
		    KB_OK)
			return KB_ERR_NOMEM;
		lr->v[id].count = 0;
		lr->v[id].last_doc = 0;
	}
	e = &lr->v[id];
	if (e->last_doc != lr->ndocs) {
		e->last_doc = lr->ndocs;
		e->count++;
	}
	return KB_OK;
}

kb_status_t
clean_learn_add(clean_learn_t *lr, const char *s, size_t len)
{
	norm_line_t line;
	size_t i = 0;

	lr->ndocs++;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end - i <= 4 * KB_CLEAN_LEARN_BYTES &&
		    normalise(&line, s + i, end - i) &&
		    count_line(lr, &line) != KB_OK)
			return KB_ERR_NOMEM;
		i = end + 1;
	}
	return KB_OK;
}

int
clean_learn_is_boiler(const clean_learn_t *lr, const char *s, size_t len)
{
	norm_line_t line;
	const entry_t *e;
	size_t id;

	if (lr == NULL || lr->ndocs < BOILER_MIN_DOCS ||
	    kb_strset_count(lr->lines) == 0)
		return 0;
	if (!normalise(&line, s, len))
		return 0;
	id = kb_strset_find(lr->lines, line.s, line.len);
	if (id == KB_STRSET_NONE)
		return 0;
	e = &lr->v[id];
	if (e->count < BOILER_MIN_DOCS ||
	    (uint64_t)e->count * BOILER_SHARE < lr->ndocs)
		return 0;
	/* On most pages of the corpus: the site's own furniture, whatever
	 * it looks like. */
	return (uint64_t)e->count * SITEWIDE_SHARE >= lr->ndocs ? 2 : 1;
}
