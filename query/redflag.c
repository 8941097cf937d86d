/* redflag.c - warning signs in a question, from lexicon/red-flags.txt.
 *
 * The file lists signs as PCRE2 patterns grouped under flag names, the
 * negation cues that cancel a sign ("no fever"), and the notices shown
 * for each flag.  It is compiled once; each question is then folded and
 * every sign pattern searched.  A match counts unless a negation cue
 * matches the few words just before it, NegEx-style: the cue patterns end
 * in \z and run on a short window that ends where the sign starts, so the
 * data file, not this code, says how far a cue reaches.
 *
 * Loading is strict, like the other lexicon files: a line that does not
 * parse fails the whole load with its file and line, because a silently
 * skipped sign would look like a safety check that is not there.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../text/kb_text.h"
#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "../util/kb_lexfile.h"
#include "../util/kb_regex.h"
#include "redflag_internal.h"

/* The file is a few kilobytes; anything much bigger is a mistake. */
#define MAX_FILE_BYTES (1u << 20)

/* Flag names go into JSON keys and CLI output, so they are short and
 * plain: [a-z0-9-]. */
#define MAX_NAME_BYTES 40

/* A notice is two or three sentences; a longer one is a pasted article. */
#define MAX_NOTICE_BYTES 1000

/* How far back a negation cue is looked for, in bytes.  The cues reach
 * over at most four words after themselves ("no numbness, tingling or
 * weakness"), which fits well inside this with long words. */
#define NEG_WINDOW 96

typedef struct flag {
	char *name;   /* [a-z0-9-]+ */
	char *notice; /* its own notice, or NULL for the default */
} flag_t;

typedef struct rule {
	pcre2_code *re;
	size_t flag; /* index into kb_redflags.flags */
} rule_t;

/* A per-flag notice read before its flag's rules: attached at the end. */
typedef struct pending {
	char *name;
	char *text;
	unsigned line; /* for messages */
} pending_t;

struct kb_redflags {
	char *notice;  /* the default notice */
	flag_t *flags; /* in the order of their first rule */
	size_t nflags, capflags;
	rule_t *rules; /* in file order */
	size_t nrules, caprules;
	pcre2_code **negs; /* negation cues */
	size_t nnegs, capnegs;
	kb_regex_matcher_t m;      /* scratch for every match */
	kb_buf_t fold;             /* scratch: the folded question */
	unsigned char *raised;     /* scratch: nflags + 1 bytes */
};

/* The loading state, for messages. */
typedef struct loader {
	kb_redflags_t *rf; /* what is being loaded */
	kb_lexfile_t lf; /* the file, its line (0 outside a line) and the
	                    first error */
	pending_t *pend; /* per-flag notices */
	size_t npend, cappend;
} loader_t;

static int
field_is(const char *f, size_t fl, const char *word)
{
	return strlen(word) == fl && memcmp(f, word, fl) == 0;
}

/* Checks a flag name: 1 to MAX_NAME_BYTES of [a-z0-9-]. */
static kb_status_t
check_name(loader_t *ld, const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > MAX_NAME_BYTES)
		return kb_lexfile_fail(
		    &ld->lf, KB_ERR_CORRUPT,
		    "bad flag name \"%.*s\" (1 to %d characters)",
		    (int)(len > 60 ? 60 : len), s, MAX_NAME_BYTES);
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "bad flag name \"%.*s\" (only a-z, 0-9 "
			    "and -)",
			    (int)len, s);
	return KB_OK;
}

/* Compiles pattern pat[0..len).  On error records the PCRE2 message with
 * its offset and returns NULL with *rc set. */
static pcre2_code *
compile(loader_t *ld, const char *pat, size_t len, kb_status_t *rc)
{
	uint32_t minlen = 0;
	kb_regex_error_t e;
	pcre2_code *re;

	*rc = kb_regex_compile(pat, len, PCRE2_UCP | PCRE2_CASELESS,
			       KB_REGEX_INTERPRET, &re, &e);
	if (*rc != KB_OK) {
		if (*rc == KB_ERR_CORRUPT)
			*rc = kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "bad pattern /%.*s/ at offset %zu: %s",
			    (int)(len > 80 ? 80 : len), pat, e.offset, e.msg);
		return NULL;
	}
	/* A pattern that can match nothing at all would raise its flag on
	 * every question, the empty one included. */
	pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &minlen);
	if (minlen == 0) {
		pcre2_code_free(re);
		*rc =
		    kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                    "pattern /%.*s/ can match the empty string",
		                    (int)(len > 80 ? 80 : len), pat);
		return NULL;
	}
	return re;
}

/* Copies notice text after checking it is sane to show. */
static kb_status_t
copy_notice(loader_t *ld, const char *s, size_t len, char **out)
{
	*out = NULL;
	if (len == 0 || len > MAX_NOTICE_BYTES)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "bad notice (1 to %d bytes of text)",
		                       MAX_NOTICE_BYTES);
	if (!kb_text_valid_utf8(s, len))
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "notice is not valid UTF-8");
	*out = strndup(s, len);
	return *out != NULL ? KB_OK : KB_ERR_NOMEM;
}

/* Returns the index of flag name[0..len), adding it when it is new, or
 * SIZE_MAX when out of memory. */
static size_t
flag_index(kb_redflags_t *rf, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < rf->nflags; i++)
		if (field_is(name, len, rf->flags[i].name))
			return i;
	if (kb_array_grow((void **)&rf->flags, &rf->capflags, rf->nflags,
	                  sizeof(*rf->flags), 16) != KB_OK)
		return SIZE_MAX;
	rf->flags[i].name = strndup(name, len);
	rf->flags[i].notice = NULL;
	if (rf->flags[i].name == NULL)
		return SIZE_MAX;
	rf->nflags++;
	return i;
}

/* "@notice<TAB>text" and "@notice:flag<TAB>text". */
static kb_status_t
parse_notice(kb_redflags_t *rf, loader_t *ld, const char *key, size_t kl,
             const char *text, size_t tl)
{
	const char *name;
	size_t nl, i;
	kb_status_t rc;
	char *copy;

	if (kl == strlen("@notice")) {
		if (rf->notice != NULL)
			return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
			                       "a second default @notice");
		return copy_notice(ld, text, tl, &rf->notice);
	}
	name = key + strlen("@notice:");
	nl = kl - strlen("@notice:");
	rc = check_name(ld, name, nl);
	if (rc != KB_OK)
		return rc;
	for (i = 0; i < ld->npend; i++)
		if (field_is(name, nl, ld->pend[i].name))
			return kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "a second @notice for \"%.*s\" (first "
			    "at line %u)",
			    (int)nl, name, ld->pend[i].line);
	rc = copy_notice(ld, text, tl, &copy);
	if (rc != KB_OK)
		return rc;
	if (kb_array_grow((void **)&ld->pend, &ld->cappend, ld->npend,
	                  sizeof(*ld->pend), 16) != KB_OK) {
		free(copy);
		return KB_ERR_NOMEM;
	}
	ld->pend[ld->npend].name = strndup(name, nl);
	if (ld->pend[ld->npend].name == NULL) {
		free(copy);
		return KB_ERR_NOMEM;
	}
	ld->pend[ld->npend].text = copy;
	ld->pend[ld->npend].line = ld->lf.line;
	ld->npend++;
	return KB_OK;
}

/* kb_lexfile_rule_fn: one rule line, already trimmed and not a comment
 * (the common lexicon format of lexicon/README.md, read by kb_lexfile). */
static kb_status_t
parse_line(void *ctx, char *s, size_t len)
{
	loader_t *ld = ctx;
	kb_redflags_t *rf = ld->rf;
	const char *key = s, *val;
	size_t kl = 0, vl;
	kb_status_t rc;
	pcre2_code *re;
	size_t fi;

	while (kl < len && s[kl] != '\t')
		kl++;
	val = s + kl;
	while (val < s + len && *val == '\t')
		val++;
	vl = (size_t)(s + len - val);
	if (kl == len || vl == 0)
		return kb_lexfile_fail(
		    &ld->lf, KB_ERR_CORRUPT,
		    "expected flag<TAB>pattern, @notice<TAB>text or "
		    "@negation<TAB>pattern");
	if (field_is(key, kl, "@notice") ||
	    (kl > strlen("@notice:") &&
	     memcmp(key, "@notice:", strlen("@notice:")) == 0))
		return parse_notice(rf, ld, key, kl, val, vl);
	if (field_is(key, kl, "@negation")) {
		re = compile(ld, val, vl, &rc);
		if (re == NULL)
			return rc;
		if (kb_array_grow((void **)&rf->negs, &rf->capnegs, rf->nnegs,
		                  sizeof(*rf->negs), 16) != KB_OK) {
			pcre2_code_free(re);
			return KB_ERR_NOMEM;
		}
		rf->negs[rf->nnegs++] = re;
		return KB_OK;
	}
	if (key[0] == '@')
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "unknown directive \"%.*s\" (@notice, "
		                       "@notice:flag, @negation)",
		                       (int)(kl > 60 ? 60 : kl), key);
	rc = check_name(ld, key, kl);
	if (rc != KB_OK)
		return rc;
	re = compile(ld, val, vl, &rc);
	if (re == NULL)
		return rc;
	fi = flag_index(rf, key, kl);
	if (fi == SIZE_MAX ||
	    kb_array_grow((void **)&rf->rules, &rf->caprules, rf->nrules,
	                  sizeof(*rf->rules), 16) != KB_OK) {
		pcre2_code_free(re);
		return KB_ERR_NOMEM;
	}
	rf->rules[rf->nrules].re = re;
	rf->rules[rf->nrules].flag = fi;
	rf->nrules++;
	return KB_OK;
}

/* Gives each per-flag notice to its flag; a notice for a flag that has
 * no rules is a typo in the name. */
static kb_status_t
attach_notices(kb_redflags_t *rf, loader_t *ld)
{
	size_t i, j;

	for (i = 0; i < ld->npend; i++) {
		pending_t *p = &ld->pend[i];

		for (j = 0; j < rf->nflags; j++)
			if (strcmp(rf->flags[j].name, p->name) == 0)
				break;
		if (j == rf->nflags) {
			ld->lf.line = p->line;
			return kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "@notice for \"%s\", which has no rules", p->name);
		}
		rf->flags[j].notice = p->text;
		p->text = NULL;
	}
	return KB_OK;
}

void
redflag_free(kb_redflags_t *rf)
{
	size_t i;

	if (rf == NULL)
		return;
	for (i = 0; i < rf->nflags; i++) {
		free(rf->flags[i].name);
		free(rf->flags[i].notice);
	}
	for (i = 0; i < rf->nrules; i++)
		pcre2_code_free(rf->rules[i].re);
	for (i = 0; i < rf->nnegs; i++)
		pcre2_code_free(rf->negs[i]);
	free(rf->flags);
	free(rf->rules);
	free(rf->negs);
	free(rf->notice);
	free(rf->raised);
	kb_regex_matcher_free(&rf->m);
	kb_buf_free(&rf->fold);
	free(rf);
}

kb_status_t
redflag_load(const char *path, kb_redflags_t **out, char **errmsg)
{
	kb_redflags_t *rf = NULL;
	loader_t ld = {0};
	kb_status_t rc;
	size_t i;

	if (out != NULL)
		*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	if (path == NULL || out == NULL)
		return KB_ERR_ARG;
	kb_lexfile_init(&ld.lf);
	rc = kb_lexfile_open(&ld.lf, path, MAX_FILE_BYTES, 0);
	if (rc == KB_OK) {
		rf = calloc(1, sizeof(*rf));
		if (rf == NULL)
			rc = KB_ERR_NOMEM;
	}
	if (rc == KB_OK) {
		kb_buf_init(&rf->fold);
		ld.rf = rf;
		rc = kb_lexfile_each(&ld.lf, parse_line, &ld);
	}
	ld.lf.line = 0;
	if (rc == KB_OK && rf->notice == NULL)
		rc = kb_lexfile_fail(&ld.lf, KB_ERR_CORRUPT,
		                     "no default @notice<TAB>text line");
	if (rc == KB_OK)
		rc = attach_notices(rf, &ld);
	if (rc == KB_OK) {
		/* One group is enough: only the whole match is read. */
		rc = kb_regex_matcher_init(&rf->m, 1);
		rf->raised = calloc(rf->nflags + 1, 1);
		if (rc == KB_OK && rf->raised == NULL)
			rc = KB_ERR_NOMEM;
	}
	for (i = 0; i < ld.npend; i++) {
		free(ld.pend[i].name);
		free(ld.pend[i].text);
	}
	free(ld.pend);
	rc = kb_lexfile_finish(&ld.lf, rc, errmsg);
	if (rc != KB_OK) {
		redflag_free(rf);
		return rc;
	}
	*out = rf;
	return KB_OK;
}

size_t
redflag_take_stopped(kb_redflags_t *rf)
{
	return rf != NULL ? kb_regex_matcher_take_stopped(&rf->m) : 0;
}

const char *
redflag_default_notice(const kb_redflags_t *rf)
{
	return rf != NULL ? rf->notice : NULL;
}

/* Searches re in t[0..len) from byte from.  Returns 1 on a match (the
 * offsets are in rf->m.md), 0 when there is none, including when the
 * pattern ran into its limits, or -1 with *rc set on a real error. */
static int
search(kb_redflags_t *rf, pcre2_code *re, const char *t, size_t len,
       size_t from, kb_status_t *rc)
{
	int n = kb_regex_matcher_match(&rf->m, re, t, len, from);

	if (n >= 0)
		return 1;
	switch (n) {
	case PCRE2_ERROR_NOMATCH:
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return 0;
	case PCRE2_ERROR_NOMEMORY:
		*rc = KB_ERR_NOMEM;
		return -1;
	default:
		*rc = KB_ERR_INTERNAL;
		return -1;
	}
}

/* The offset of the first character boundary at or after i. */
static size_t
char_start(const char *t, size_t len, size_t i)
{
	while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Whether a negation cue governs the sign starting at byte ms of t: some
 * cue matches the window of at most NEG_WINDOW bytes ending at ms.  The
 * subject ends at ms, so a cue's \z is the sign's start, while its
 * lookbehinds (\b) still see the byte before the window.  Returns 1, 0,
 * or -1 with *rc set. */
static int
negated(kb_redflags_t *rf, const char *t, size_t ms, kb_status_t *rc)
{
	size_t ws = ms > NEG_WINDOW ? ms - NEG_WINDOW : 0;
	size_t i;
	int m;

	ws = char_start(t, ms, ws);
	for (i = 0; i < rf->nnegs; i++) {
		m = search(rf, rf->negs[i], t, ms, ws, rc);
		if (m != 0)
			return m;
	}
	return 0;
}

/* Whether rule r has a match in t[0..len) that no cue negates.  Returns
 * 1, 0, or -1 with *rc set. */
static int
rule_fires(kb_redflags_t *rf, const rule_t *r, const char *t, size_t len,
           kb_status_t *rc)
{
	size_t from = 0, ms, me;
	PCRE2_SIZE *ov;
	int m;

	/* Each search resumes after the last negated match, so the whole
	 * loop is one pass over t however many negated mentions it has. */
	while (from <= len) {
		m = search(rf, r->re, t, len, from, rc);
		if (m <= 0)
			return m;
		ov = pcre2_get_ovector_pointer(rf->m.md);
		/* Only \K inside a lookahead could put the start after
		 * the end; PCRE2 refuses that by default, but clamp. */
		ms = ov[0];
		me = ov[1] > ms ? ov[1] : ms;
		m = negated(rf, t, ms, rc);
		if (m < 0)
			return -1;
		if (m == 0)
			return 1;
		/* Negated: a later mention may still stand ("no fever
		 * yesterday, but a fever today"). */
		from = me > ms ? me : char_start(t, len, ms + 1);
	}
	return 0;
}

kb_status_t
redflag_match(kb_redflags_t *rf, const char *q, size_t len,
              kb_redflag_hit_t **hits, size_t *n)
{
	kb_status_t rc = KB_OK;
	kb_redflag_hit_t *v;
	const char *t;
	size_t tl, i, k, count = 0;
	int m;

	if (hits != NULL)
		*hits = NULL;
	if (n != NULL)
		*n = 0;
	if (rf == NULL || hits == NULL || n == NULL || (q == NULL && len > 0))
		return KB_ERR_ARG;
	kb_buf_reset(&rf->fold);
	if (kb_text_fold(q != NULL ? q : "", len, &rf->fold) != KB_OK)
		return KB_ERR_NOMEM;
	t = rf->fold.data != NULL ? rf->fold.data : "";
	tl = rf->fold.len;
	memset(rf->raised, 0, rf->nflags + 1);
	for (i = 0; i < rf->nrules; i++) {
		const rule_t *r = &rf->rules[i];

		if (rf->raised[r->flag])
			continue;
		m = rule_fires(rf, r, t, tl, &rc);
		if (m < 0)
			return rc;
		if (m > 0) {
			rf->raised[r->flag] = 1;
			count++;
		}
	}
	if (count == 0)
		return KB_OK;
	v = malloc(count * sizeof(*v));
	if (v == NULL)
		return KB_ERR_NOMEM;
	for (i = 0, k = 0; i < rf->nflags; i++) {
		if (!rf->raised[i])
			continue;
		v[k].name = rf->flags[i].name;
		v[k].notice = rf->flags[i].notice != NULL ? rf->flags[i].notice
		                                          : rf->notice;
		k++;
	}
	*hits = v;
	*n = count;
	return KB_OK;
}
