/* kb_snippet.h - the segmenter: a cleaned article to its advice snippets.
 *
 * A cleaned article is split into structured pieces of advice: one per
 * exercise, posture, remedy, caution or cause, each with its name, the
 * section heading it sits under, the body parts it mentions and the
 * dosage it states.  Snippets, not pages, are what queries rank.
 *
 * The kinds, names and body parts are decided by rules in data files (the
 * lexicon folder, see lexicon/README.md), so that new topics need no
 * recompiling.
 *
 *	kb_segmenter_t *sg;
 *	kb_segmenter_new("lexicon", &sg, &err);
 *	kb_snippet_t *v;
 *	size_t n;
 *	kb_segment(sg, title, tlen, text, len, &v, &n);
 *	for (i = 0; i < n; i++) ... v[i].kind, v[i].name, v[i].dosage ...
 *	kb_snippets_free(v, n);
 *	kb_segmenter_free(sg);
 *
 * May use: text/ (kb_text.h), util/, PCRE2; it reads the rule files of
 * the lexicon folder.  It works on text the cleaner produced but never
 * calls the cleaner, and knows nothing of the store or the indexer.
 */
#ifndef KB_SNIPPET_H
#define KB_SNIPPET_H

#include <stddef.h>

#include "../util/kb_schema.h"
#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_segmenter kb_segmenter_t;

/* kb_dosage_t (the dosage a snippet states) is in util/kb_schema.h: the
 * query engine reads it back from the stored record. */

typedef struct kb_snippet {
	unsigned ordinal;	/* 1-based, in article order */
	const char *kind;	/* "exercise", "stretch", "posture",
				   "lifestyle", "nutrition", "treatment",
				   "caution", "cause", "symptom",
				   "explanation", "avoid" (a thing
				   not to do); static */
	char *name;		/* "arch bridge", "pillow under the knees";
				   "" when there is none; owned */
	char *text;		/* the snippet's text; owned */
	size_t len;
	size_t start;		/* byte offset of the snippet in the
				   cleaned text given to kb_segment */
	size_t span;		/* bytes it covers there (one exercise
				   of a sentence listing several: its
				   clause; its text adds the shared
				   opening and frequency) */
	char *section;		/* heading it sits under, or ""; owned */
	char *context;		/* for a snippet without a name that speaks
				   of the exercises named before it ("the
				   holding time"): their names, ", "
				   between; else NULL; owned */
	char **body_parts;	/* "lower back", "neck", ...; owned */
	size_t nbody_parts;
	kb_dosage_t dosage;
} kb_snippet_t;

/* Loads the rules in the lexicon folder dir and compiles them.  On failure
 * *out is NULL and *errmsg (if not NULL) a malloc'd message naming the
 * file and line at fault.  Returns KB_OK, KB_ERR_IO (unreadable file),
 * KB_ERR_CORRUPT (a rule that does not parse or compile), KB_ERR_NOMEM. */
kb_status_t kb_segmenter_new(const char *dir, kb_segmenter_t **out,
			     char **errmsg);

/* Frees a segmenter.  Accepts NULL. */
void kb_segmenter_free(kb_segmenter_t *sg);

/* A fingerprint of the loaded rules (static string valid while sg
 * lives): a change to the lexicon re-indexes every article. */
const char *kb_segmenter_fingerprint(const kb_segmenter_t *sg);

/* Splits a cleaned article (title, and text whose lines are the article's
 * content lines, blank lines between blocks) into snippets.  On KB_OK *out
 * is a malloc'd array of *n snippets (NULL when none) the caller frees with
 * kb_snippets_free().  At most KB_LIMIT_SNIPPETS snippets are made: see
 * kb_segmenter_dropped().  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t kb_segment(kb_segmenter_t *sg, const char *title, size_t tlen,
		       const char *text, size_t len, kb_snippet_t **out,
		       size_t *n);

/* How many passages the last kb_segment call on sg left out because the
 * article had given KB_LIMIT_SNIPPETS snippets already
 * (util/kb_limits.h): 0 when none.  The caller warns, naming the file. */
size_t kb_segmenter_dropped(const kb_segmenter_t *sg);

/* How many pattern matches of the last kb_segment call on sg stopped at
 * a PCRE2 limit (util/kb_limits.h) instead of finishing, so that their
 * rule did not match there: a rule of the lexicon that backtracks out of
 * proportion.  *file and *line (either may be NULL) get the rule file
 * ("kinds.txt", a static string) and line of the first, or NULL and 0
 * when none did.  The caller warns, naming the article. */
size_t kb_segmenter_stopped(const kb_segmenter_t *sg, const char **file,
			    unsigned *line);

/* Frees n snippets.  Accepts NULL. */
void kb_snippets_free(kb_snippet_t *v, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* KB_SNIPPET_H */
