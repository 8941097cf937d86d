/* spell.c - spelling suggestions for a question's unknown words.
 *
 * A word the index does not know finds nothing.  It is mended as the
 * lexicon spells it (one edit away for short words, two for longer),
 * else as a short function word, else as the index spells it; a word of
 * the system's English word list is taken as meant.  The engine then
 * answers the mended question (query.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../store/kb_store.h"
#include "../util/kb_buf.h"
#include "../util/kb_edit.h"
#include "query_internal.h"

/* True for a word worth a spelling suggestion: three or more ASCII
 * letters.  Numbers, contractions and shorter words are too easily
 * "fixed" into something else ("can't" into "cat"). */
static int
plain_word(const char *w)
{
	size_t n = 0;

	for (; *w != '\0'; w++, n++)
		if (*w < 'a' || *w > 'z')
			return 0;
	return n >= 3;
}

/* A short word (at most SPELL_SHORT letters) this rare in the index (in
 * at most SPELL_RARE snippets) one edit away from a lexicon word is taken
 * for a typo of it: "bak" for "back".  Longer rare words are real words
 * ("trampling" is not "cramping"). */
#define SPELL_RARE 2
#define SPELL_SHORT 4

/* A word the index lacks may be this many edits from the word meant once
 * it has SPELL_LONG letters or more ("mediterean" is three from
 * "mediterranean"); shorter words keep Xapian's default of two, where a
 * third edit reaches too many other words. */
#define SPELL_LONG 9
#define SPELL_LONG_EDITS 3

/* The length of the common prefix of a and b. */
static size_t
common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] != '\0' && a[n] == b[n])
		n++;
	return n;
}

/* The function word one edit from w, a word of at most five letters, or
 * NULL.  A short misspelled function word ("wen") drops out once mended;
 * the words people misspell most are few. */
static const char *
common_fix(const char *w)
{
	static const char *const common[] = {
		"when", "what", "with", "have", "does", "after", "before",
		"from", "while", "where", "which", "there", "their", "this",
	};
	size_t len = strlen(w), i;

	for (i = 0; len <= 5 && i < sizeof(common) / sizeof(common[0]); i++)
		if (kb_edit_distance(w, len, common[i], strlen(common[i])) == 1)
			return common[i];
	return NULL;
}

/* The nearest word of the lexicon (or, for a short word, the stopword
 * list) to w, or NULL: one edit away for words under six letters, two
 * for longer ones.  The lexicon's words are what questions here are
 * about, so "sciatia" is "sciatica" before anything the index spells. */
static const char *
lexicon_fix(const kb_qlex_t *lex, const char *w, int only_one_edit)
{
	size_t len = strlen(w), i, d, best = only_one_edit || len < 6 ? 1 : 2;
	const char *fix = NULL;

	for (i = 0; lex != NULL && i < lex->nwords; i++) {
		const char *c = lex->words[i];
		size_t pre;

		d = kb_edit_distance(w, len, c, strlen(c));
		/* A first letter is rarely mistyped ("trampling" is not
		 * "cramping").  Ties go to the word that starts like w,
		 * then to the longer one: letters are left out more often
		 * than added ("sciatia" is "sciatica", not "sciatic"). */
		pre = common_prefix(w, c);
		if (d == 0 || d > best || pre == 0)
			continue;
		if (fix == NULL || d < best || pre > common_prefix(w, fix) ||
		    (pre == common_prefix(w, fix) &&
		     strlen(c) > strlen(fix))) {
			fix = c;
			best = d;
		}
	}
	return fix != NULL ? fix : common_fix(w);
}

/* The system's English word list (Debian wamerican): a word in it is a
 * word, whatever a small index has seen, so "best" is never "bent".
 * Without the list (RELIEF_DICT names another; empty: none) every word
 * the index does not know may be corrected, as before. */
#ifndef KB_DICT
#define KB_DICT "/usr/share/dict/words"
#endif
#define KB_DICT_MAX (16u << 20)

/* True when w is a line of the word list, in any case. */
static int
dictionary_word(kb_wordlist_t *dict, const char *w)
{
	size_t len = strlen(w);
	const char *p, *end;

	if (!dict->read) {
		const char *path = getenv("RELIEF_DICT");

		dict->read = 1;
		if (path == NULL)
			path = KB_DICT;
		/* A missing or unreadable list only means no list. */
		if (*path != '\0' &&
		    kb_buf_read_file(&dict->words, path, KB_DICT_MAX) != KB_OK)
			kb_buf_reset(&dict->words);
	}
	p = dict->words.data;
	end = p + dict->words.len;
	while (p != NULL && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl != NULL ? nl : end) - p);

		if (n == len && strncasecmp(p, w, len) == 0)
			return 1;
		p = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

/* True when word i of q belongs to a concept of the lexicon: it is
 * understood through its group even when no article uses it
 * ("lumbago"). */
static int
in_concept(const kb_question_t *q, size_t i)
{
	size_t c;

	for (c = 0; c < q->nconcepts; c++)
		if (i >= q->concepts[c].first &&
		    i < q->concepts[c].first + q->concepts[c].count)
			return 1;
	return 0;
}

/* The spelling to suggest for word i of q, in a malloc'd *fix, or *fix
 * NULL when the word is known or nothing is near it.  Returns KB_OK,
 * KB_ERR_NOMEM or the store's error. */
static kb_status_t
word_fix(kb_store_t *store, const kb_qlex_t *lex, kb_wordlist_t *dict,
	 const kb_question_t *q, size_t i, char **fix)
{
	const kb_qword_t *w = &q->words[i];
	uint64_t tf = 0;
	const char *lexfix;
	kb_status_t rc;

	*fix = NULL;
	if (in_concept(q, i) || !plain_word(w->folded) ||
	    (lex != NULL &&
	     kb_strset_has(lex->wordset, w->folded, strlen(w->folded))))
		return KB_OK;
	rc = kb_store_term_freq(store, w->term, strlen(w->term), &tf);
	if (rc != KB_OK ||
	    (tf > 0 && (tf > SPELL_RARE || strlen(w->folded) > SPELL_SHORT)))
		return rc;
	/* An English word is meant, unless it is one letter off a function
	 * word ("wen" is a word, but "when" was meant). */
	if (dictionary_word(dict, w->folded)) {
		lexfix = tf == 0 ? common_fix(w->folded) : NULL;
		if (lexfix == NULL)
			return KB_OK;
	} else {
		lexfix = lexicon_fix(lex, w->folded, tf > 0);
	}
	if (lexfix != NULL) {
		*fix = strdup(lexfix);
		return *fix != NULL ? KB_OK : KB_ERR_NOMEM;
	}
	if (tf > 0)
		return KB_OK;
	rc = kb_store_spelling(store, w->folded, strlen(w->folded),
			       strlen(w->folded) >= SPELL_LONG
				   ? SPELL_LONG_EDITS : 0, fix);
	if (rc == KB_ERR_NOT_FOUND) {
		*fix = NULL;
		return KB_OK;
	}
	/* As for the lexicon: not another first letter. */
	if (rc == KB_OK && (*fix)[0] != w->folded[0]) {
		free(*fix);
		*fix = NULL;
	}
	return rc;
}

/* The question with its unknown words spelled as the lexicon or the index
 * spells them, or NULL when every word is known or none has a
 * suggestion.  A word is unknown when its term indexes nothing, or almost
 * nothing while a lexicon word is one edit away. */
kb_status_t
query_spell_suggest(kb_store_t *store, const kb_qlex_t *lex,
                    kb_wordlist_t *dict, const kb_question_t *q, char **out)
{
	kb_buf_t b;
	size_t i, at = 0;
	int changed = 0;
	kb_status_t rc = KB_OK;

	*out = NULL;
	kb_buf_init(&b);
	for (i = 0; i < q->nwords && rc == KB_OK; i++) {
		const kb_qword_t *w = &q->words[i];
		char *fix = NULL;

		rc = word_fix(store, lex, dict, q, i, &fix);
		if (rc != KB_OK || fix == NULL)
			continue;
		kb_buf_append(&b, q->text + at, w->start - at);
		/* "Mediterean" is mended to "Mediterranean", as typed. */
		if (q->text[w->start] >= 'A' && q->text[w->start] <= 'Z' &&
		    fix[0] >= 'a' && fix[0] <= 'z')
			fix[0] = (char)(fix[0] - 'a' + 'A');
		kb_buf_puts(&b, fix);
		at = w->end;
		changed = 1;
		free(fix);
	}
	if (rc == KB_OK && changed) {
		kb_buf_append(&b, q->text + at, q->len - at);
		*out = kb_buf_detach(&b);
		return *out != NULL ? KB_OK : KB_ERR_NOMEM;
	}
	kb_buf_free(&b);
	return rc;
}
