/* snippet_internal.h - the advice-snippet segmenter, shared between the
 * snippet*.c files.
 *
 * Private to snippet/.  The work is split in files of one concern each:
 *
 *   snippet_lexicon.c  loading and compiling the rule files of lexicon/
 *   snippet_split.c    the article's structure: lines, list markers,
 *                      headings, intros, group sentences -> units
 *   snippet_window.c   long paragraphs cut into windows
 *   snippet_dosage.c   hold/reps/sets/per-side/per-day from a text
 *   snippet_exercises.c  a sentence listing several exercises, each
 *                      with its own dosage
 *   snippet_words.c    word-list rules, matched by hashing words
 *   snippet_text.c     small text predicates: sentences, markers, labels
 *   snippet_kinds.c    the kind and the name of a run of text
 *   snippet.c          units -> kb_snippet_t: text, name, kind, section,
 *                      body parts, dosage with group carry-over
 */
#ifndef KB_SNIPPET_INTERNAL_H
#define KB_SNIPPET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../util/kb_regex.h"
#include "kb_snippet.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* The kinds of snippet, in the order of the public header. */
enum {
	KB_KIND_EXERCISE,
	KB_KIND_STRETCH,
	KB_KIND_POSTURE,
	KB_KIND_LIFESTYLE,
	KB_KIND_NUTRITION,
	KB_KIND_TREATMENT,
	KB_KIND_CAUTION,
	KB_KIND_CAUSE,
	KB_KIND_SYMPTOM,
	KB_KIND_EXPLANATION,
	KB_KIND_AVOID,
	KB_KIND_COUNT
};

/* Roles of the structural cue phrases of cues.txt. */
enum {
	KB_CUE_INTRO,	/* a sentence announcing a list */
	KB_CUE_GROUP,	/* a sentence about the items above as a group */
	KB_CUE_CAUTION,	/* a sentence that is a caution ("Note: ...") */
	KB_CUE_ANAPHOR,	/* a sentence that leans on the one before it */
	KB_CUE_SHIFT,	/* a sentence that opens a new topic */
	KB_CUE_LEAD,	/* a one-line paragraph heading the next one (a
			   question before its answer) */
	KB_CUE_BACKREF,	/* a sentence that speaks of the exercises named
			   before it without naming them ("reduce the
			   holding time", "each position") */
	KB_CUE_COUNT
};

/* ---- word lists (snippet_words.c) ---- */

/* One word of a text: where it is, and its lower-cased form. */
typedef struct kb_tok {
	size_t at;	/* byte offset in the text */
	size_t lo;	/* offset of the lower-cased form in low */
	size_t len;	/* its length */
} kb_tok_t;

/* The words of a text; reusable scratch. */
typedef struct kb_tokens {
	kb_tok_t *v;
	size_t n, cap;
	char *low;	/* the words, lower-cased, back to back */
	size_t nlow, lcap;
} kb_tokens_t;

typedef struct kb_wentry {
	char *phrase;	/* words joined by single spaces; owned */
	uint32_t len, hash;
	int rule;	/* index of the rule the phrase belongs to */
} kb_wentry_t;

/* Phrases of one to six words, hashed. */
typedef struct kb_wordmap {
	kb_wentry_t *e;
	size_t n, cap;
	uint32_t *slot;	/* open addressing: entry index + 1, 0 empty */
	size_t nslot;
} kb_wordmap_t;

/* Called for each phrase found: the rule it belongs to and the byte
 * offset of its first word. */
typedef void (*kb_word_fn)(void *ctx, int rule, size_t at);

/* Splits s[0..len) into words.  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t snippet_tokenise(kb_tokens_t *t, const char *s, size_t len);
void snippet_tokens_free(kb_tokens_t *t);

/* Adds the phrase s[0..len) (its words, normalised as snippet_tokenise does)
 * for rule.  Returns KB_OK, KB_ERR_RANGE (no words, or more than six),
 * KB_ERR_NOMEM. */
kb_status_t snippet_wordmap_add(kb_wordmap_t *m, const char *s, size_t len,
                                int rule, kb_tokens_t *scratch);
void snippet_wordmap_free(kb_wordmap_t *m);

/* Calls fn for every phrase of m among the words t.  With longest, a
 * phrase found takes its words, and only the longest phrase starting at a
 * word counts. */
void snippet_wordmap_scan(const kb_wordmap_t *m, const kb_tokens_t *t,
                          int longest, kb_word_fn fn, void *ctx);

/* One compiled rule of a lexicon file. */
typedef struct kb_rule {
	pcre2_code *re;	/* NULL for a word list (in a kb_wordmap_t) */
	int kind;	/* kinds.txt: KB_KIND_* */
	int weight;	/* kinds.txt: points when the pattern matches */
	int role;	/* cues.txt: KB_CUE_* */
	int group;	/* names.txt: -1 for a veto rule, else 0; for a
			   movement rule the capture group naming it */
	char *value;	/* names.txt: the name template ("$1", "pillow
			   $1 the $2"); body-parts.txt: the canonical
			   part; owned */
	const char *file;	/* the rule file it is from ("kinds.txt";
				   static) */
	unsigned line;		/* and its line there */
} kb_rule_t;

typedef struct kb_rules {
	kb_rule_t *v;
	size_t n, cap;
} kb_rules_t;

struct kb_segmenter {
	kb_rules_t kinds;	/* kinds.txt, in file order */
	kb_wordmap_t kwords;	/* the word lists of kinds.txt */
	kb_rules_t names;	/* names.txt: naming and veto rules */
	kb_rules_t moves;	/* names.txt "@" rules: known movements,
				   found anywhere in a sentence */
	kb_rules_t body;	/* body-parts.txt, one rule per line */
	kb_wordmap_t bwords;	/* their synonyms */
	kb_rules_t cues;	/* cues.txt */
	kb_tokens_t toks;	/* scratch: the words of a text */
	size_t dropped;		/* the last kb_segment's passages past
				   KB_LIMIT_SNIPPETS snippets */
	size_t stopped;		/* and its pattern matches that stopped at
				   a PCRE2 limit */
	const kb_rule_t *stopped_rule;	/* the rule of the first, or NULL */
	/* Scratch per kinds.txt rule for scoring one snippet: matches in
	 * the text (capped), in its opening, in its name, in its section. */
	unsigned char *khits, *khead, *kname, *ksec;
	kb_regex_matcher_t m;	/* scratch for every match, and the limits */
	char fingerprint[17];	/* 64-bit hash of the rules, in hex */
};

/* The static name of kind k ("exercise", ...). */
const char *snippet_kind_name(int k);

/* Matches rule r against s[0..len) from offset from.  On a match returns 1
 * and sets *ms and *me to the whole match (when not NULL); returns 0 when
 * there is none, and also when PCRE2 gives up (match limit, bad UTF-8):
 * a rule that cannot decide does not fire. */
int snippet_rule_match(kb_segmenter_t *sg, const kb_rule_t *r, const char *s,
                       size_t len, size_t from, size_t *ms, size_t *me);

/* Capture group g of the last successful snippet_rule_match() on sg, as offsets
 * into the subject.  Returns 0 when the group did not take part. */
int snippet_rule_group(const kb_segmenter_t *sg, int g, size_t *gs, size_t *ge);

/* True when some rule of role role in cues.txt matches s[0..len). */
int snippet_cue(kb_segmenter_t *sg, int role, const char *s, size_t len);

/* ---- text predicates (snippet_text.c) ---- */

/* List marker styles. */
enum {
	KB_MARK_NONE,
	KB_MARK_DOT,		/* "1." */
	KB_MARK_COMMA,		/* "1," and "1、" */
	KB_MARK_PAREN,		/* "1)" */
	KB_MARK_PARENS,		/* "(1)" */
	KB_MARK_CIRCLED,	/* "①" */
	KB_MARK_STEP,		/* "Step 1" */
	KB_MARK_DASH,		/* "- " */
	KB_MARK_STAR,		/* "* " */
	KB_MARK_BULLET,		/* "• " and the other bullet signs */
	KB_MARK_LABEL		/* a paragraph opening with a name and a
				   colon: a list item without a marker */
};

typedef struct kb_marker {
	int style;	/* KB_MARK_* */
	int num;	/* the item number; 0 for bullets */
	size_t end;	/* where the item's text starts */
} kb_marker_t;

int snippet_is_space(unsigned char c);

/* The offset of the first non-blank byte at or after i (b if none). */
size_t snippet_skip_space(const char *s, size_t i, size_t b);

/* Whitespace-separated words in s[a..b), counting stops past limit. */
size_t snippet_count_words(const char *s, size_t a, size_t b, size_t limit);

/* When s[i] ends a sentence begun at or after a (a stop, with closing
 * quotes, then a blank or the end; a line end), returns the offset just
 * after the sentence; else 0. */
size_t snippet_sentence_end(const char *s, size_t a, size_t i, size_t b);

/* The end of the sentence running from i (b when it runs to b). */
size_t snippet_next_sentence(const char *s, size_t a, size_t i, size_t b);

/* Recognises a list marker at s[i] followed by the item's text.  Dashes
 * and stars count only at a line start.  Returns 1 and fills *m, or 0. */
int snippet_marker_at(const char *s, size_t i, size_t b, int line_start,
                      kb_marker_t *m);

/* The last character of s[a..b) before closing quotes. */
int snippet_line_end_char(const char *s, size_t a, size_t b);

/* True when the line s[a..b) is shaped like a heading: a few words, no
 * stop at the end, no label inside, not starting in lower case. */
int snippet_heading_shape(const char *s, size_t a, size_t b);

/* When s[a..b) opens with a short label and a colon or '=' ("Scissor leg
 * (deep abdominal) : lie on ..."), returns the offset after the colon;
 * else 0. */
size_t snippet_label_end(const char *s, size_t a, size_t b);

/* ---- kinds and names (snippet_kinds.c) ---- */

/* Names are short noun phrases; a "name" longer than this is a clause
 * the pattern caught by mistake. */
#define NAME_MAX_WORDS 6
#define NAME_MAX_BYTES 60

/* Trims n[0..len) of quotes, brackets and punctuation at both ends
 * (including the curly quotes U+2018/2019/201C/201D), removes a
 * parenthetical, collapses blanks and lower-cases ASCII letters, into out
 * (outsz bytes).  Returns the length written. */
size_t snippet_tidy_name(const char *s, size_t len, char *out, size_t outsz);

/* True when a veto rule of names.txt (group -1) matches
 * name[0..len): it is not a name. */
int snippet_name_vetoed(kb_segmenter_t *sg, const char *name, size_t len);

/* Finds a name in head[0..len) with the rules of names.txt and writes it,
 * trimmed and lower-cased, into out (outsz bytes).  Returns its length, 0
 * when there is none. */
size_t snippet_find_name(kb_segmenter_t *sg, const char *head, size_t len,
                         char *out, size_t outsz);

/* Sets *kind to the kind (KB_KIND_*) of text[0..len) by the rules of
 * kinds.txt: every
 * rule adds its weight for each of its first matches in the text, once
 * more for a match in the opening sentence [head_a, head_b), and more for
 * a match in name or section (both may be "").  The best score wins, a tie
 * going to the kind whose first rule comes first in the file; no points
 * at all is KB_KIND_EXPLANATION.  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t snippet_classify(kb_segmenter_t *sg, const char *text, size_t len,
                             size_t head_a, size_t head_b, const char *name,
                             const char *section, int *kind);

/* ---- dosage (snippet_dosage.c) ---- */

/* Reads the dosage stated in s[0..len) into *d (zeroed first): the first
 * hold, reps, sets and times-a-day found, each only when the words around
 * the number make it one (a unit of time, "times", "sets", "a day" ...).
 * Returns the number of fields found. */
int snippet_dosage_scan(const char *s, size_t len, kb_dosage_t *d);

/* True when the sentence s[0..len) is an instruction about dosage alone:
 * it opens with a dosage verb or a number ("Repeat 10 times.", "Hold 5
 * seconds, 10 times.", "10 on each side.") and states a dosage. */
int snippet_dosage_sentence(const char *s, size_t len);

/* ---- exercise lists (snippet_exercises.c) ---- */

/* The most exercises one sentence is read as listing. */
#define KB_EX_MAX 12

/* The exercises of one sentence, each with its own dosage. */
typedef struct kb_exlist {
	size_t n;	/* exercises, 0 when the sentence is no such list */
	struct kb_exercise {
		size_t start, end;	/* its clause: "glute bridge 3 x 12" */
		size_t name_start, name_end; /* the movement naming it */
	} v[KB_EX_MAX];
	size_t tail_start, tail_end; /* a closing clause stating only how
				   often ("3 times a week."), shared by all;
				   equal when none */
} kb_exlist_t;

/* Reads the sentence s[a..b) (b trimmed of blanks) as a list of two or
 * more exercises: every known movement ("@" rules of names.txt) in it is
 * followed by a dosage of its own, and each after the first comes
 * right after a comma, a semicolon or "and".  Clauses are byte offsets
 * into s.  Returns the number of exercises (also in x->n), 0 when the
 * sentence is not such a list. */
size_t snippet_exercise_list(kb_segmenter_t *sg, const char *s, size_t a,
                             size_t b, kb_exlist_t *x);

/* ---- windows (snippet_window.c) ---- */

/* Paragraph windows, in words: about a paragraph, long enough for one
 * piece of advice with its context, short enough that BM25 length
 * normalisation favours focused passages (the bounds of segment.c's plain
 * passages).  A window passes KB_WIN_MAX only to keep a thought whole, and
 * never KB_WIN_CEIL unless one sentence does. */
/* How much of a snippet's (or a list item's) opening the name rules
 * see: a name sits at the start. */
#define KB_NAME_HEAD_BYTES 240

#define KB_WIN_MIN 40
#define KB_WIN_MAX 80
#define KB_WIN_CEIL 120

typedef struct kb_window {
	size_t start, end; /* bytes of the text */
} kb_window_t;

/* Cuts s[a..b) at sentence ends into windows of about KB_WIN_MIN to
 * KB_WIN_MAX words, minimising the windows' distance from an even share
 * of the words plus the cost of each cut (cues.txt: dearer before an
 * anaphor, cheaper before a shift).  On KB_OK, *out is a malloc'd array of
 * *n windows in order, or NULL with *n 0 when the text has fewer than two
 * sentences.  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t snippet_windows(kb_segmenter_t *sg, const char *s, size_t a,
                            size_t b, kb_window_t **out, size_t *n);

/* ---- structure (snippet_split.c) ---- */

/* What a unit is. */
enum {
	KB_UNIT_TEXT,		/* a paragraph or a window of one */
	KB_UNIT_ITEM,		/* a list item (marker or named label) */
	KB_UNIT_CAUTION		/* a Note:/Caution: passage */
};

/* A run of the text that becomes one snippet. */
typedef struct kb_unit {
	int type;		/* KB_UNIT_* */
	size_t start, end;	/* the bytes covered, intro included */
	size_t own;		/* where the unit's own words start: after
				   an intro and the list marker */
	size_t mark_start, mark_end; /* a list marker left out of the
				   text, or equal when none */
	long list;		/* list id shared by the items of one list,
				   -1 outside lists */
	long section;		/* index into the sections, -1 for none */
	int name_from_section;	/* steps of one exercise merged into one
				   unit: the heading names it */
	/* One exercise of a sentence listing several, each with its
	 * dosage (snippet_split.c, pass_exercises): [start, end) is its
	 * clause; the ranges below are empty (equal ends) otherwise. */
	size_t lead_start, lead_end; /* the sentence's opening, shared by
				   its exercises, written before the clause
				   (mark_start..mark_end left out) */
	size_t tail_start, tail_end; /* a closing frequency shared by
				   them ("3 times a week"), written after */
	size_t name_start, name_end; /* the movement that names it */
} kb_unit_t;

typedef struct kb_units {
	kb_unit_t *v;
	size_t n, cap;
	/* Section headings: byte ranges into the text. */
	size_t (*sec)[2];
	size_t nsec, capsec;
	/* Group dosage sources per list: byte ranges into the text, in
	 * increasing list order. */
	struct kb_group_src {
		long list;
		size_t start, end;
	} *grp;
	size_t ngrp, capgrp;
} kb_units_t;

/* Splits text[0..len) (cleaned article lines) into units.  The first line
 * is skipped when it repeats title.  On failure returns KB_ERR_NOMEM and
 * leaves *u to be freed with snippet_units_free(). */
kb_status_t snippet_split_text(kb_segmenter_t *sg, const char *title,
                               size_t tlen, const char *text, size_t len,
                               kb_units_t *u);

void snippet_units_free(kb_units_t *u);

#pragma GCC visibility pop

#endif /* KB_SNIPPET_INTERNAL_H */
