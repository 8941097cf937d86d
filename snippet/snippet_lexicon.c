/* snippet_lexicon.c - the rule files that decide kinds, names, body parts
 * and structural cues, loaded from a lexicon folder and compiled once.
 *
 * The formats are documented in lexicon/README.md.  Every file is a list
 * of lines "field<TAB>field...", with '#' comments and blank lines
 * ignored; the last field is a PCRE2 pattern, compiled caseless with
 * Unicode properties, or a list of phrases (body-parts.txt, and kinds.txt
 * rules written "=word|word phrase"), hashed.  A line that does not parse or
 * compile fails the whole load with a message naming the file and line: a
 * silently skipped rule would make a lexicon edit look applied when it is not.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "../util/kb_hash.h"
#include "../util/kb_lexfile.h"
#include "../util/kb_regex.h"
#include "snippet_internal.h"

/* A lexicon file is a few kilobytes; anything much bigger is a mistake
 * (a corpus dropped into the folder), not a rule file. */
#define MAX_LEXICON_BYTES (1u << 20)

/* Bumped whenever the segmenting code changes what it produces, so that
 * the fingerprint (and with it a re-index) follows code as well as data. */
#define SEGMENTER_VERSION "relief-segmenter-6"

static const char *const kind_names[KB_KIND_COUNT] = {
    "exercise",  "stretch", "posture", "lifestyle", "nutrition",
    "treatment", "caution", "cause",   "symptom",   "explanation",
    "avoid",
};

static const char *const cue_names[KB_CUE_COUNT] = {
    "intro", "group", "caution", "anaphor", "shift", "lead", "backref",
};

const char *
snippet_kind_name(int k)
{
	if (k < 0 || k >= KB_KIND_COUNT)
		return kind_names[KB_KIND_EXPLANATION];
	return kind_names[k];
}

typedef struct loader loader_t;

/* Parses one rule line of a file into sg. */
typedef kb_status_t (*parse_fn)(kb_segmenter_t *, loader_t *, const char *,
                                size_t);

/* The loading state: the file being read, for messages. */
struct loader {
	kb_segmenter_t *sg; /* what is being loaded */
	const char *dir;
	const char *file; /* its name in dir (static) */
	parse_fn parse;   /* the parser of its lines */
	kb_lexfile_t lf; /* the file being read, and the first error */
	uint64_t hash;
};

/* FNV-1a, 64 bits: cheap, and good enough to notice any edit. */
static void
hash_bytes(uint64_t *h, const void *p, size_t n)
{
	*h = kb_hash64_add(*h, p, n);
}

static void
rule_free(kb_rule_t *r)
{
	pcre2_code_free(r->re);
	free(r->value);
}

static void
rules_free(kb_rules_t *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		rule_free(&rs->v[i]);
	free(rs->v);
	rs->v = NULL;
	rs->n = rs->cap = 0;
}

/* Appends r, read from the line ld is at, to rs, taking ownership of its
 * pattern and value (freed here on failure). */
static kb_status_t
rules_push(const loader_t *ld, kb_rules_t *rs, kb_rule_t *r)
{
	r->file = ld->file;
	r->line = ld->lf.line;
	if (kb_array_grow((void **)&rs->v, &rs->cap, rs->n,
			  sizeof(*rs->v), 32) != KB_OK) {
		rule_free(r);
		return KB_ERR_NOMEM;
	}
	rs->v[rs->n++] = *r;
	return KB_OK;
}

/* Compiles pattern pat[0..len).  On error records file:line and the PCRE2
 * message with the offset, and returns NULL. */
static pcre2_code *
compile(loader_t *ld, const char *pat, size_t len, kb_status_t *rc)
{
	kb_regex_error_t e;
	pcre2_code *re;

	if (len == 0) {
		*rc = kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT, "empty pattern");
		return NULL;
	}
	*rc = kb_regex_compile(pat, len, PCRE2_UCP | PCRE2_CASELESS,
			       KB_REGEX_JIT, &re, &e);
	if (*rc == KB_ERR_CORRUPT)
		*rc = kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                      "bad pattern /%.*s/ at offset %zu: %s",
		                      (int)(len > 80 ? 80 : len), pat, e.offset,
		                      e.msg);
	return re;
}

/* Splits a rule line into at most nf fields at runs of tabs; the last
 * field takes the rest of the line.  Returns the number of fields. */
static size_t
split_fields(const char *s, size_t len, size_t nf, const char **f, size_t *fl)
{
	size_t n = 0, i = 0;

	while (n < nf && i < len) {
		size_t st = i;

		if (n == nf - 1) {
			i = len;
		} else {
			while (i < len && s[i] != '\t')
				i++;
		}
		f[n] = s + st;
		fl[n] = i - st;
		n++;
		while (i < len && s[i] == '\t')
			i++;
	}
	return n;
}

static int
field_is(const char *f, size_t fl, const char *word)
{
	return strlen(word) == fl && memcmp(f, word, fl) == 0;
}

/* Adds the '|'-separated phrases of list[0..len) to m for rule. */
static kb_status_t
add_phrases(kb_segmenter_t *sg, loader_t *ld, kb_wordmap_t *m, const char *list,
            size_t len, int rule)
{
	size_t i = 0;

	while (i <= len) {
		size_t st = i;
		kb_status_t rc;

		while (i < len && list[i] != '|')
			i++;
		rc = snippet_wordmap_add(m, list + st, i - st, rule, &sg->toks);
		if (rc == KB_ERR_RANGE)
			return kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "bad phrase \"%.*s\" (one to six words)",
			    (int)(i - st), list + st);
		if (rc != KB_OK)
			return rc;
		i++;
	}
	return KB_OK;
}

/* kinds.txt: kind<TAB>weight<TAB>pattern. */
static kb_status_t
parse_kind(kb_segmenter_t *sg, loader_t *ld, const char *s, size_t len)
{
	const char *f[3];
	size_t fl[3];
	kb_rule_t r = {0};
	kb_status_t rc;
	char num[16];
	char *end;
	long w;
	int k;

	if (split_fields(s, len, 3, f, fl) != 3)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "expected kind<TAB>weight<TAB>pattern");
	for (k = 0; k < KB_KIND_COUNT; k++)
		if (field_is(f[0], fl[0], kind_names[k]))
			break;
	if (k == KB_KIND_COUNT)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "unknown kind \"%.*s\"", (int)fl[0],
		                       f[0]);
	if (fl[1] == 0 || fl[1] >= sizeof(num))
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "bad weight \"%.*s\"", (int)fl[1], f[1]);
	memcpy(num, f[1], fl[1]);
	num[fl[1]] = '\0';
	errno = 0;
	w = strtol(num, &end, 10);
	if (*end != '\0' || errno != 0 || w < -100 || w > 100)
		return kb_lexfile_fail(
		    &ld->lf, KB_ERR_CORRUPT,
		    "bad weight \"%s\" (an integer -100..100)", num);
	r.kind = k;
	r.weight = (int)w;
	if (fl[2] > 0 && f[2][0] == '=') {
		/* "=plank|planks|side plank": a word list. */
		rc = add_phrases(sg, ld, &sg->kwords, f[2] + 1, fl[2] - 1,
		                 (int)sg->kinds.n);
		if (rc != KB_OK)
			return rc;
		return rules_push(ld, &sg->kinds, &r);
	}
	r.re = compile(ld, f[2], fl[2], &rc);
	if (r.re == NULL)
		return rc;
	return rules_push(ld, &sg->kinds, &r);
}

/* names.txt: name<TAB>pattern, name being "!" (a veto), "@" (a known
 * movement, its name the pattern's first capture group or else the whole
 * match) or a template whose $1..$9 stand for capture groups. */
static kb_status_t
parse_name(kb_segmenter_t *sg, loader_t *ld, const char *s, size_t len)
{
	const char *f[2];
	size_t fl[2], i;
	kb_rule_t r = {0};
	kb_status_t rc;
	uint32_t ncap = 0;

	if (split_fields(s, len, 2, f, fl) != 2)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "expected name<TAB>pattern");
	if (field_is(f[0], fl[0], "!")) {
		r.group = -1;
	} else if (field_is(f[0], fl[0], "@")) {
		r.re = compile(ld, f[1], fl[1], &rc);
		if (r.re == NULL)
			return rc;
		pcre2_pattern_info(r.re, PCRE2_INFO_CAPTURECOUNT, &ncap);
		r.group = ncap > 0;
		return rules_push(ld, &sg->moves, &r);
	} else {
		r.value = strndup(f[0], fl[0]);
		if (r.value == NULL)
			return KB_ERR_NOMEM;
	}
	r.re = compile(ld, f[1], fl[1], &rc);
	if (r.re == NULL) {
		free(r.value);
		return rc;
	}
	pcre2_pattern_info(r.re, PCRE2_INFO_CAPTURECOUNT, &ncap);
	for (i = 0; r.value != NULL && r.value[i] != '\0'; i++) {
		if (r.value[i] != '$')
			continue;
		if (r.value[i + 1] < '1' || r.value[i + 1] > '9' ||
		    (uint32_t)(r.value[i + 1] - '0') > ncap) {
			char g = r.value[i + 1] ? r.value[i + 1] : ' ';

			rule_free(&r);
			return kb_lexfile_fail(
			    &ld->lf, KB_ERR_CORRUPT,
			    "bad name \"%.*s\": $%c but the pattern "
			    "has %u group(s)",
			    (int)fl[0], f[0], g, (unsigned)ncap);
		}
	}
	return rules_push(ld, &sg->names, &r);
}

/* body-parts.txt: part<TAB>synonym|synonym|..., the synonyms being
 * phrases of one to six words. */
static kb_status_t
parse_body(kb_segmenter_t *sg, loader_t *ld, const char *s, size_t len)
{
	const char *f[2];
	size_t fl[2];
	kb_rule_t r = {0};
	kb_status_t rc;

	if (split_fields(s, len, 2, f, fl) != 2 || fl[1] == 0)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "expected part<TAB>synonym|synonym...");
	rc = add_phrases(sg, ld, &sg->bwords, f[1], fl[1], (int)sg->body.n);
	if (rc != KB_OK)
		return rc;
	r.value = strndup(f[0], fl[0]);
	if (r.value == NULL)
		return KB_ERR_NOMEM;
	return rules_push(ld, &sg->body, &r);
}

/* cues.txt: role<TAB>pattern. */
static kb_status_t
parse_cue(kb_segmenter_t *sg, loader_t *ld, const char *s, size_t len)
{
	const char *f[2];
	size_t fl[2];
	kb_rule_t r = {0};
	kb_status_t rc;
	int k;

	if (split_fields(s, len, 2, f, fl) != 2)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                       "expected role<TAB>pattern");
	for (k = 0; k < KB_CUE_COUNT; k++)
		if (field_is(f[0], fl[0], cue_names[k]))
			break;
	if (k == KB_CUE_COUNT)
		return kb_lexfile_fail(
		    &ld->lf, KB_ERR_CORRUPT,
		    "unknown role \"%.*s\" (intro, group, caution, "
		    "anaphor, shift, lead, backref)",
		    (int)fl[0], f[0]);
	r.re = compile(ld, f[1], fl[1], &rc);
	if (r.re == NULL)
		return rc;
	r.role = k;
	return rules_push(ld, &sg->cues, &r);
}

/* kb_lexfile_rule_fn: hands a rule line to the parser of its file. */
static kb_status_t
on_rule(void *ctx, char *line, size_t len)
{
	loader_t *ld = ctx;

	return ld->parse(ld->sg, ld, line, len);
}

/* Loads one rule file, dir/file: every rule line goes to parse. */
static kb_status_t
load_file(loader_t *ld, const char *file, parse_fn parse)
{
	kb_status_t rc;
	kb_buf_t path;

	kb_buf_init(&path);
	kb_buf_printf(&path, "%s/%s", ld->dir, file);
	if (path.err != KB_OK)
		return KB_ERR_NOMEM;
	rc = kb_lexfile_open(&ld->lf, path.data, MAX_LEXICON_BYTES, 0);
	kb_buf_free(&path);
	if (rc != KB_OK)
		return rc;
	ld->file = file;
	ld->parse = parse;
	hash_bytes(&ld->hash, file, strlen(file) + 1);
	hash_bytes(&ld->hash, ld->lf.data, ld->lf.len + 1);
	return kb_lexfile_each(&ld->lf, on_rule, ld);
}

void
kb_segmenter_free(kb_segmenter_t *sg)
{
	if (sg == NULL)
		return;
	rules_free(&sg->kinds);
	rules_free(&sg->names);
	rules_free(&sg->moves);
	rules_free(&sg->body);
	rules_free(&sg->cues);
	snippet_wordmap_free(&sg->kwords);
	snippet_wordmap_free(&sg->bwords);
	snippet_tokens_free(&sg->toks);
	free(sg->khits);
	free(sg->khead);
	free(sg->kname);
	free(sg->ksec);
	kb_regex_matcher_free(&sg->m);
	free(sg);
}

kb_status_t
kb_segmenter_new(const char *dir, kb_segmenter_t **out, char **errmsg)
{
	static const struct {
		const char *file;
		parse_fn parse;
	} files[] = {
	    {"kinds.txt", parse_kind},
	    {"names.txt", parse_name},
	    {"body-parts.txt", parse_body},
	    {"cues.txt", parse_cue},
	};
	kb_segmenter_t *sg;
	loader_t ld = {0};
	kb_status_t rc = KB_OK;
	size_t i;

	if (out != NULL)
		*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	if (dir == NULL || out == NULL)
		return KB_ERR_ARG;
	sg = calloc(1, sizeof(*sg));
	if (sg == NULL)
		return KB_ERR_NOMEM;
	ld.sg = sg;
	ld.dir = dir;
	kb_lexfile_init(&ld.lf);
	ld.hash = KB_HASH64_INIT;
	hash_bytes(&ld.hash, SEGMENTER_VERSION, sizeof(SEGMENTER_VERSION));
	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == KB_OK; i++)
		rc = load_file(&ld, files[i].file, files[i].parse);
	if (rc == KB_OK) {
		/* Ten groups: names.txt may take $1..$9. */
		rc = kb_regex_matcher_init(&sg->m, 10);
		/* One more than needed: calloc(0) may return NULL. */
		sg->khits = calloc(sg->kinds.n + 1, 1);
		sg->khead = calloc(sg->kinds.n + 1, 1);
		sg->kname = calloc(sg->kinds.n + 1, 1);
		sg->ksec = calloc(sg->kinds.n + 1, 1);
		if (rc == KB_OK && (sg->khits == NULL || sg->khead == NULL ||
		                    sg->kname == NULL || sg->ksec == NULL))
			rc = KB_ERR_NOMEM;
	}
	rc = kb_lexfile_finish(&ld.lf, rc, errmsg);
	if (rc != KB_OK) {
		kb_segmenter_free(sg);
		return rc;
	}
	snprintf(sg->fingerprint, sizeof(sg->fingerprint), "%016llx",
	         (unsigned long long)ld.hash);
	*out = sg;
	return KB_OK;
}

const char *
kb_segmenter_fingerprint(const kb_segmenter_t *sg)
{
	return sg != NULL ? sg->fingerprint : "";
}

int
snippet_rule_match(kb_segmenter_t *sg, const kb_rule_t *r, const char *s,
                   size_t len, size_t from, size_t *ms, size_t *me)
{
	PCRE2_SIZE *ov;
	int n;

	if (r->re == NULL || from > len)
		return 0;
	n = pcre2_match(r->re, (PCRE2_SPTR)s, len, from, 0, sg->m.md,
	                sg->m.mctx);
	if (kb_regex_stopped(n) && sg->stopped++ == 0)
		sg->stopped_rule = r;
	if (n <= 0)
		return 0;
	ov = pcre2_get_ovector_pointer(sg->m.md);
	if (ms != NULL)
		*ms = ov[0];
	if (me != NULL)
		*me = ov[1];
	return 1;
}

int
snippet_rule_group(const kb_segmenter_t *sg, int g, size_t *gs, size_t *ge)
{
	PCRE2_SIZE *ov;

	if (g < 0 || (uint32_t)g >= pcre2_get_ovector_count(sg->m.md))
		return 0;
	ov = pcre2_get_ovector_pointer(sg->m.md);
	if (ov[2 * g] == PCRE2_UNSET)
		return 0;
	*gs = ov[2 * g];
	*ge = ov[2 * g + 1];
	return 1;
}

int
snippet_cue(kb_segmenter_t *sg, int role, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sg->cues.n; i++)
		if (sg->cues.v[i].role == role &&
		    snippet_rule_match(sg, &sg->cues.v[i], s, len, 0, NULL,
		                       NULL))
			return 1;
	return 0;
}

size_t
kb_segmenter_stopped(const kb_segmenter_t *sg, const char **file,
		     unsigned *line)
{
	const kb_rule_t *r = sg != NULL ? sg->stopped_rule : NULL;

	if (file != NULL)
		*file = r != NULL ? r->file : NULL;
	if (line != NULL)
		*line = r != NULL ? r->line : 0;
	return sg != NULL ? sg->stopped : 0;
}
