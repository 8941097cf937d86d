/* qlex.c - loading the question lexicon. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_lexfile.h"
#include "../util/kb_regex.h"
#include "qlex_internal.h"

/* Patterns run on questions people type: the limits of kb_regex.h keep
 * a pathological question from making a pattern backtrack for long. */

typedef struct loader {
	kb_qlex_t *lx; /* what is being loaded */
	kb_text_t *tx;
	kb_lexfile_t lf; /* the file being read, and the first error */
} loader_t;

typedef struct collect {
	kb_phrase_t *p;
	kb_status_t err;
} collect_t;

/* kb_token_fn: appends a phrase term (stopwords are dropped in query
 * mode, as in questions). */
static kb_status_t
on_term(void *ctx, const kb_token_t *tok)
{
	collect_t *c = ctx;
	char **v = realloc(c->p->terms, (c->p->n + 1) * sizeof(*v));

	if (v == NULL)
		return KB_ERR_NOMEM;
	c->p->terms = v;
	v[c->p->n] = strndup(tok->term, tok->len);
	if (v[c->p->n] == NULL)
		return KB_ERR_NOMEM;
	c->p->n++;
	return KB_OK;
}

static void
phrase_clear(kb_phrase_t *p)
{
	kb_strv_free(p->terms, p->n);
	p->terms = NULL;
	p->n = 0;
}

/* Frees the members of g and their array. */
static void
syngroup_clear(kb_syngroup_t *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		phrase_clear(&g->members[i]);
	free(g->members);
}

/* Analyses s[0..len) into p. */
static kb_status_t
analyse_phrase(kb_text_t *tx, const char *s, size_t len, kb_phrase_t *p)
{
	collect_t c = { p, KB_OK };

	p->terms = NULL;
	p->n = 0;
	return kb_text_tokenize(tx, KB_TEXT_QUERY, s, len, on_term, &c);
}

/* Splits s at sep into trimmed fields; returns their count (at most
 * max), pointing fields[] into s (which is modified). */
static size_t
split(char *s, char sep, char **fields, size_t max)
{
	size_t n = 0;
	char *p = s;

	while (n < max) {
		char *e = n + 1 < max ? strchr(p, sep) : NULL;
		char *b = p, *t;

		if (e != NULL)
			*e = '\0';
		while (*b == ' ' || *b == '\t')
			b++;
		t = b + strlen(b);
		while (t > b && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			*--t = '\0';
		fields[n++] = b;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return n;
}

/* Appends a copy of s[0..len) to the list *v of *n strings unless set
 * already holds it, and adds it to set. */
static kb_status_t
add_once(kb_strset_t *set, char ***v, size_t *n, const char *s, size_t len)
{
	char **nv;

	if (kb_strset_has(set, s, len))
		return KB_OK;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL)
		return KB_ERR_NOMEM;
	*v = nv;
	nv[*n] = strndup(s, len);
	if (nv[*n] == NULL)
		return KB_ERR_NOMEM;
	(*n)++;
	return kb_strset_add(set, s, len);
}

/* kb_token_fn: keeps a member's folded word for spelling (once). */
static kb_status_t
on_surface_word(void *ctx, const kb_token_t *tok)
{
	kb_qlex_t *lx = ctx;

	if (tok->flags & (KB_TOKEN_STOP | KB_TOKEN_NUMBER))
		return KB_OK;
	return add_once(lx->wordset, &lx->words, &lx->nwords, tok->folded,
			tok->folded_len);
}

/* Drops the leading tabs kb_lexfile_next() leaves on a rule line of
 * synonyms.txt or answers.txt; false when the line is then empty or a
 * comment, and so no rule. */
static int
unindent(char **line)
{
	while (**line == ' ' || **line == '\t')
		(*line)++;
	return **line != '#' && **line != '\0' && **line != '\r';
}

/* kb_lexfile_rule_fn for synonyms.txt: "member|member|...", or
 * "~member|member|..." for related words. */
static kb_status_t
on_synonym(void *ctx, char *line, size_t len)
{
	loader_t *ld = ctx;
	kb_qlex_t *lx = ld->lx;
	kb_status_t rc = KB_OK;
	char *members[64];
	size_t n, i;
	kb_syngroup_t g = { NULL, 0, 0 };

	(void)len;
	if (!unindent(&line))
		return KB_OK;
	if (*line == '~') {
		g.related = 1;
		line++;
	}
	n = split(line, '|', members, 64);
	g.members = calloc(n, sizeof(*g.members));
	if (g.members == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < n && rc == KB_OK; i++) {
		kb_phrase_t p;

		rc = analyse_phrase(ld->tx, members[i], strlen(members[i]), &p);
		if (rc == KB_OK)
			rc = kb_text_tokenize(ld->tx, KB_TEXT_QUERY, members[i],
					      strlen(members[i]),
					      on_surface_word, lx);
		if (rc == KB_OK && p.n > 0)
			g.members[g.n++] = p;
		else
			phrase_clear(&p);
	}
	if (rc == KB_OK && g.n < 2)
		rc = kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
				     "a synonym group needs two members");
	if (rc == KB_OK)
		rc = kb_array_grow((void **)&lx->groups, &lx->capgroups,
				   lx->ngroups, sizeof(*lx->groups), 16);
	if (rc != KB_OK) {
		syngroup_clear(&g);
		return rc;
	}
	lx->groups[lx->ngroups++] = g;
	return KB_OK;
}

/* kb_token_fn: adds a section word's term to the type (once). */
static kb_status_t
on_section_term(void *ctx, const kb_token_t *tok)
{
	kb_qtype_t *t = ctx;

	return add_once(t->sections, &t->section_terms, &t->nsection_terms,
			tok->term, tok->len);
}

/* Frees n compiled patterns (pcre2_code *) and their array. */
static void
free_patterns(void **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pcre2_code_free(v[i]);
	free(v);
}

static void
type_clear(kb_qtype_t *t)
{
	kb_strv_free(t->kinds, t->nkinds);
	kb_strv_free(t->section_terms, t->nsection_terms);
	free(t->name);
	kb_strset_free(t->sections);
	pcre2_code_free(t->re);
}

/* Compiles a pattern to run as run says, or fails naming the line.  The
 * question rules run once per question: interpreted (kb_regex.h).  The
 * answer card's sentence rules run on every sentence of up to
 * KB_CARD_POOL results: JIT-compiled, which costs well under a
 * millisecond for their dozen patterns and saves a tenth of a query. */
static pcre2_code *
compile(loader_t *ld, const char *pattern, kb_regex_run_t run,
        kb_status_t *rc)
{
	kb_regex_error_t e;
	pcre2_code *re;

	if (kb_regex_compile(pattern, strlen(pattern), PCRE2_CASELESS, run,
			     &re, &e) != KB_OK) {
		*rc = kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
		                      "bad pattern: %s", e.msg);
		return NULL;
	}
	return re;
}

/* A boilerplate rule (type "-"): its matches are dropped from
 * questions. */
/* Appends a compiled pattern to a list. */
static kb_status_t
add_pattern(loader_t *ld, const char *pattern, kb_regex_run_t run,
            void ***list, size_t *n)
{
	kb_status_t rc = KB_OK;
	pcre2_code *re = compile(ld, pattern, run, &rc);
	void **v;

	if (re == NULL)
		return rc;
	v = realloc(*list, (*n + 1) * sizeof(*v));
	if (v == NULL) {
		pcre2_code_free(re);
		return KB_ERR_NOMEM;
	}
	*list = v;
	v[(*n)++] = re;
	return KB_OK;
}

/* answers.txt: "lead<TAB>word|word|...", and "skip", "aside", "avoid",
 * "dose" or "advise"<TAB>pattern. */
/* The names answers.txt gives the kinds of qlex_sentence_t, in order. */
static const char *const sentence_names[QLEX_NSENTENCES] = {
	"skip", "aside", "avoid", "dose", "advise"
};

/* The kind named name, or QLEX_NSENTENCES when none is. */
static size_t
sentence_kind(const char *name)
{
	size_t k;

	for (k = 0; k < QLEX_NSENTENCES; k++)
		if (strcmp(name, sentence_names[k]) == 0)
			break;
	return k;
}

/* kb_lexfile_rule_fn for answers.txt. */
static kb_status_t
on_answer(void *ctx, char *line, size_t len)
{
	loader_t *ld = ctx;
	kb_qlex_t *lx = ld->lx;
	kb_status_t rc = KB_OK;
	char *f[2], *words[256];
	size_t n, i, k;

	(void)len;
	if (!unindent(&line))
		return KB_OK;
	n = split(line, '\t', f, 2);
	if (n != 2 || f[1][0] == '\0')
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
				       "expected lead<TAB>words, or skip, "
				       "aside, avoid, dose or advise"
				       "<TAB>pattern");
	k = sentence_kind(f[0]);
	if (k < QLEX_NSENTENCES)
		return add_pattern(ld, f[1], KB_REGEX_JIT,
				   &lx->sentences[k].v,
				   &lx->sentences[k].n);
	if (strcmp(f[0], "lead") != 0)
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
				       "unknown rule '%s' (lead, skip, aside, "
				       "avoid or dose)",
				       f[0]);
	n = split(f[1], '|', words, 256);
	for (i = 0; i < n && rc == KB_OK; i++)
		if (words[i][0] != '\0')
			rc = kb_strset_add(lx->leads, words[i],
					   strlen(words[i]));
	return rc;
}

/* kb_lexfile_rule_fn for questions.txt:
 * "type<TAB>kinds<TAB>sections<TAB>pattern", type "-" dropping what the
 * pattern matches. */
static kb_status_t
on_type(void *ctx, char *line, size_t len)
{
	loader_t *ld = ctx;
	kb_qlex_t *lx = ld->lx;
	char *f[4], *kinds[32], *secs[32];
	size_t n, nk, ns, i;
	kb_qtype_t *t;
	kb_status_t rc;

	(void)len;
	if (line[0] == '\r')
		return KB_OK;
	n = split(line, '\t', f, 4);
	if (n != 4 || f[0][0] == '\0' || f[3][0] == '\0')
		return kb_lexfile_fail(&ld->lf, KB_ERR_CORRUPT,
				       "expected type<TAB>kinds<TAB>sections"
				       "<TAB>pattern");
	if (strcmp(f[0], "-") == 0)
		return add_pattern(ld, f[3], KB_REGEX_INTERPRET, &lx->drops,
				   &lx->ndrops);
	/* The type is built in its slot, and counted once it is whole. */
	rc = kb_array_grow((void **)&lx->types, &lx->captypes, lx->ntypes,
			   sizeof(*lx->types), 16);
	if (rc != KB_OK)
		return rc;
	t = &lx->types[lx->ntypes];
	memset(t, 0, sizeof(*t));
	t->name = strdup(f[0]);
	rc = kb_strset_new(&t->sections);
	if (t->name == NULL || rc != KB_OK) {
		free(t->name);
		kb_strset_free(t->sections);
		return KB_ERR_NOMEM;
	}
	nk = strcmp(f[1], "-") == 0 ? 0 : split(f[1], ',', kinds, 32);
	t->kinds = calloc(nk ? nk : 1, sizeof(*t->kinds));
	for (i = 0; t->kinds != NULL && rc == KB_OK && i < nk; i++) {
		/* "+dosage": the answer states how long or how often, not
		 * a kind of its own. */
		if (strcmp(kinds[i], "+dosage") == 0) {
			t->wants_dosage = 1;
			continue;
		}
		t->kinds[t->nkinds] = strdup(kinds[i]);
		if (t->kinds[t->nkinds] == NULL)
			rc = KB_ERR_NOMEM;
		else
			t->nkinds++;
	}
	ns = strcmp(f[2], "-") == 0 ? 0 : split(f[2], ',', secs, 32);
	for (i = 0; rc == KB_OK && i < ns; i++)
		rc = kb_text_tokenize(ld->tx, KB_TEXT_QUERY, secs[i],
				      strlen(secs[i]), on_section_term, t);
	if (rc == KB_OK)
		t->re = compile(ld, f[3], KB_REGEX_INTERPRET, &rc);
	if (rc == KB_OK && t->kinds == NULL)
		rc = KB_ERR_NOMEM;
	if (rc == KB_OK) {
		lx->ntypes++;
		return KB_OK;
	}
	type_clear(t);
	return rc;
}

kb_status_t
qlex_load(const char *dir, kb_text_t *tx, kb_qlex_t **out, char **errmsg)
{
	static const struct {
		const char *file;
		kb_lexfile_rule_fn parse;
	} files[] = { { "synonyms.txt", on_synonym },
		      { "questions.txt", on_type },
		      { "answers.txt", on_answer } };
	kb_qlex_t *lx;
	loader_t ld;
	kb_status_t rc = KB_OK;
	size_t i;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	lx = calloc(1, sizeof(*lx));
	if (lx == NULL)
		return KB_ERR_NOMEM;
	if (kb_strset_new(&lx->wordset) != KB_OK ||
	    kb_strset_new(&lx->leads) != KB_OK) {
		qlex_free(lx);
		return KB_ERR_NOMEM;
	}
	memset(&ld, 0, sizeof(ld));
	ld.lx = lx;
	ld.tx = tx;
	kb_lexfile_init(&ld.lf);
	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == KB_OK; i++) {
		char path[4096];

		/* A missing file reads as an empty one. */
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		rc = kb_lexfile_open(&ld.lf, path, 0, KB_LEXFILE_OPTIONAL);
		if (rc == KB_OK)
			rc = kb_lexfile_each(&ld.lf, files[i].parse, &ld);
	}
	if (rc == KB_OK)
		rc = kb_regex_matcher_init(&lx->m, 16);
	rc = kb_lexfile_finish(&ld.lf, rc, errmsg);
	if (rc != KB_OK) {
		if (errmsg != NULL && *errmsg == NULL)
			*errmsg = strdup(kb_status_str(rc));
		qlex_free(lx);
		return rc;
	}
	*out = lx;
	return KB_OK;
}

void
qlex_free(kb_qlex_t *lx)
{
	size_t i, k;

	if (lx == NULL)
		return;
	for (i = 0; i < lx->ngroups; i++)
		syngroup_clear(&lx->groups[i]);
	free(lx->groups);
	kb_strv_free(lx->words, lx->nwords);
	kb_strset_free(lx->wordset);
	for (i = 0; i < lx->ntypes; i++)
		type_clear(&lx->types[i]);
	free(lx->types);
	free_patterns(lx->drops, lx->ndrops);
	for (k = 0; k < QLEX_NSENTENCES; k++)
		free_patterns(lx->sentences[k].v, lx->sentences[k].n);
	kb_strset_free(lx->leads);
	kb_regex_matcher_free(&lx->m);
	free(lx);
}

/* kb_regex_match with lx's scratch and limits, counting a match that
 * stopped at a limit. */
static int
match(kb_qlex_t *lx, void *re, const char *s, size_t len, size_t at)
{
	return kb_regex_matcher_match(&lx->m, re, s, len, at);
}

size_t
qlex_take_stopped(kb_qlex_t *lx)
{
	return lx != NULL ? kb_regex_matcher_take_stopped(&lx->m) : 0;
}

const kb_qtype_t *
qlex_type(kb_qlex_t *lx, const char *q, size_t len, size_t *start, size_t *end)
{
	size_t i;

	*start = *end = 0;
	for (i = 0; lx != NULL && i < lx->ntypes; i++) {
		int rc = match(lx, lx->types[i].re, q, len, 0);

		if (rc > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lx->m.md);

			*start = ov[0];
			*end = ov[1];
			return &lx->types[i];
		}
	}
	return NULL;
}

void
qlex_boilerplate(kb_qlex_t *lx, const char *q, size_t len,
                 void (*fn)(void *ctx, size_t start, size_t end), void *ctx)
{
	size_t i, at;

	for (i = 0; lx != NULL && i < lx->ndrops; i++) {
		at = 0;
		while (at < len && match(lx, lx->drops[i], q, len, at) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lx->m.md);

			fn(ctx, ov[0], ov[1]);
			/* Patterns cannot match empty (they name words), but
			 * never loop on one that does. */
			at = ov[1] > at ? ov[1] : at + 1;
		}
	}
}

int
qlex_type_wants(const kb_qtype_t *t, const char *kind, size_t *rank)
{
	size_t i;

	for (i = 0; t != NULL && i < t->nkinds; i++)
		if (strcmp(t->kinds[i], kind) == 0) {
			*rank = i;
			return 1;
		}
	return 0;
}

long
qlex_name_group(const kb_qlex_t *lx, kb_text_t *tx, const char *name,
                size_t len)
{
	kb_phrase_t p = { 0 };
	size_t g, m, k;
	long found = -1;

	if (lx == NULL)
		return -1;
	if (analyse_phrase(tx, name, len, &p) != KB_OK ||
	    p.n == 0) {
		phrase_clear(&p);
		return -1;
	}
	for (g = 0; g < lx->ngroups && found < 0; g++) {
		if (lx->groups[g].related)
			continue;
		for (m = 0; m < lx->groups[g].n && found < 0; m++) {
			const kb_phrase_t *q = &lx->groups[g].members[m];

			if (q->n != p.n)
				continue;
			for (k = 0; k < p.n; k++)
				if (strcmp(q->terms[k], p.terms[k]) != 0)
					break;
			if (k == p.n)
				found = (long)g;
		}
	}
	phrase_clear(&p);
	return found;
}

/* True when one of the n patterns matches s. */
static int
any_match(kb_qlex_t *lx, void **re, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (match(lx, re[i], s, len, 0) >= 0)
			return 1;
	return 0;
}

int
qlex_sentence_is(kb_qlex_t *lx, qlex_sentence_t kind, const char *s,
		 size_t len)
{
	return lx != NULL && any_match(lx, lx->sentences[kind].v,
				       lx->sentences[kind].n, s, len);
}

int
qlex_leads(const kb_qlex_t *lx, const char *word, size_t len)
{
	return lx != NULL && kb_strset_has(lx->leads, word, len);
}
