/* build.c - compiling an indexed database into a FAQ bundle.
 *
 * Every article gives questions of two sorts:
 *   - its own: a title or section heading phrased as a question ("What
 *     are the exercise methods to relieve back pain"); the answer is the
 *     advice under that heading, or the article's best advice for a title;
 *   - made up: its topic (the title) with each section heading that
 *     answers a question type ("Treatment" answers "treatment"), through
 *     one question pattern per type ("How is %s treated?"); the answer is
 *     the advice under that heading.
 * An article that gives neither gets "What should I know about TITLE?",
 * answered by its best advice.  Questions of the same type about the same
 * focus words are one question: they merge, keeping the first answer and
 * every source.
 *
 * Everything is read and written in a fixed order (articles and snippets
 * by id, entries numbered as made), and the compacted file gets a UUID of
 * its contents, so the same database always gives the same bytes.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../text/kb_text.h"
#include "../util/kb_array.h"
#include "../util/kb_paths.h"
#include "faq_internal.h"

/* The answer holds at most this many pieces of advice and cautions, each
 * cut to HOW_MAX bytes (whole sentences when they fit): a FAQ answer is
 * read at a glance, like the answer card. */
#define ADVICE_MAX 5
#define CAUTIONS_MAX 2
#define HOW_MAX 240

/* How a made-up question asks about a topic, per question type.  Types
 * without a pattern (dosage: it needs an exercise, not a topic) give no
 * made-up question. */
static const struct {
	const char *type, *pattern;
} patterns[] = {
    {"information", "What is %s?"},
    {"symptoms", "What are the symptoms of %s?"},
    {"treatment", "How is %s treated?"},
    {"frequency", "How common is %s?"},
    {"genetics", "What are the genetic changes related to %s?"},
    {"inheritance", "Is %s inherited?"},
    {"research", "What research is being done for %s?"},
    {"outlook", "What is the outlook for %s?"},
    {"diagnosis", "How is %s diagnosed?"},
    {"risk", "Who is at risk for %s?"},
    {"prevention", "How can %s be prevented?"},
    {"stages", "What are the stages of %s?"},
    {"complications", "What are the complications of %s?"},
    {"considerations", "What should I know about living with %s?"},
    {"cause", "What causes %s?"},
    {"exercise", "Which exercises help with %s?"},
    {"diet", "What should I eat for %s?"},
    {"sleep", "How should I sleep with %s?"},
    {"posture", "Which posture helps with %s?"},
    {"avoid", "What should I avoid with %s?"},
};

/* Words a question opens with. */
static const char *const openers[] = {
    "what",  "how",    "why", "which", "when", "who",  "where", "can",
    "could", "should", "is",  "are",   "do",   "does", "will",  "would",
};

typedef struct article {
	char *source, *title;
	size_t first, n; /* its snippets: snips[first .. first + n) */
} article_t;

typedef struct snip {
	char *source;
	long ordinal;
	char *kind, *name, *section, *text;
	kb_dosage_t dosage;
} snip_t;

typedef struct draft {
	char *question;
	char *type; /* or NULL */
	char *topic;
	kb_analysis_t *words; /* the question's words */
	kb_analysis_t *focus; /* focus and concepts, when they are not
	                         the question's own (FOCUS()) */
	char *key;            /* what merges it with another */
	size_t article;
	size_t picks[ADVICE_MAX + CAUTIONS_MAX]; /* snippet indexes */
	size_t npicks;
	size_t *also; /* articles merged into it */
	size_t nalso;
	int merged; /* merged into an earlier one */
} draft_t;

#define FOCUS(d) ((d)->focus != NULL ? (d)->focus : (d)->words)

typedef struct builder {
	kb_store_t *db;
	kb_engine_t *en;
	kb_text_t *tx;
	article_t *arts;
	size_t narts;
	snip_t *snips;
	size_t nsnips;
	draft_t *drafts;
	size_t ndrafts, cap;
	kb_strv_t ids; /* id terms collected by a walk */
	kb_buf_t msg; /* the error message */
} builder_t;

static kb_status_t failf(builder_t *b, kb_status_t rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static kb_status_t
failf(builder_t *b, kb_status_t rc, const char *fmt, ...)
{
	va_list ap;

	kb_buf_reset(&b->msg);
	va_start(ap, fmt);
	kb_buf_vprintf(&b->msg, fmt, ap);
	va_end(ap);
	return rc;
}

static void
ids_clear(builder_t *b)
{
	size_t i;

	for (i = 0; i < b->ids.n; i++)
		free(b->ids.v[i]);
	b->ids.n = 0;
}

static char *
json_dup(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return strdup(s ? s : "");
}

static kb_status_t add_snip(builder_t *b, json_t *o);

/* Adds to a snippet's record what its rank value holds. */
static kb_status_t
complete_record(builder_t *b, unsigned docid, json_t *o)
{
	char *v = NULL;
	size_t len = 0;
	kb_status_t rc;

	rc = kb_store_get_value(b->db, docid, KB_SLOT_RANK, &v, &len);
	if (rc == KB_OK)
		rc = kb_record_complete(o, v, len);
	free(v);
	if (rc == KB_ERR_CORRUPT)
		return failf(b, rc, "document %u: unreadable rank value",
		             docid);
	return rc;
}

/* Reads the records of every document with an id term of prefix, calling
 * add(b, record) for each. */
static kb_status_t
read_records(builder_t *b, const char *prefix,
             kb_status_t (*add)(builder_t *b, json_t *o))
{
	kb_status_t rc;
	size_t i;

	ids_clear(b);
	rc = kb_store_terms(b->db, prefix, strlen(prefix), kb_strv_push_term,
	                    &b->ids);
	for (i = 0; rc == KB_OK && i < b->ids.n; i++) {
		unsigned docid;
		char *data = NULL;
		size_t len = 0;
		json_t *o;

		rc = kb_store_find(b->db, b->ids.v[i], strlen(b->ids.v[i]),
		                   &docid);
		if (rc == KB_OK)
			rc = kb_store_get_data(b->db, docid, &data, &len);
		if (rc != KB_OK)
			return failf(b, rc, "%s", kb_store_errmsg(b->db));
		o = json_loadb(data, len, 0, NULL);
		free(data);
		if (o == NULL)
			return failf(b, KB_ERR_CORRUPT,
			             "document %u: unreadable record", docid);
		if (add == add_snip)
			rc = complete_record(b, docid, o);
		if (rc == KB_OK)
			rc = add(b, o);
		json_decref(o);
	}
	if (rc != KB_OK && b->msg.len == 0)
		failf(b, rc, "%s",
		      kb_store_errmsg(b->db) ? kb_store_errmsg(b->db)
		                             : kb_status_str(rc));
	return rc;
}

static kb_status_t
add_article(builder_t *b, json_t *o)
{
	article_t *v = realloc(b->arts, (b->narts + 1) * sizeof(*v));

	if (v == NULL)
		return KB_ERR_NOMEM;
	b->arts = v;
	memset(&v[b->narts], 0, sizeof(*v));
	v[b->narts].source = json_dup(o, "source");
	v[b->narts].title = json_dup(o, "title");
	b->narts++;
	return v[b->narts - 1].source && v[b->narts - 1].title ? KB_OK
	                                                       : KB_ERR_NOMEM;
}

static kb_status_t
add_snip(builder_t *b, json_t *o)
{
	snip_t *s;

	if (b->nsnips % 1024 == 0) {
		snip_t *v = realloc(b->snips, (b->nsnips + 1024) * sizeof(*v));

		if (v == NULL)
			return KB_ERR_NOMEM;
		b->snips = v;
	}
	s = &b->snips[b->nsnips++];
	memset(s, 0, sizeof(*s));
	s->source = json_dup(o, "source");
	s->ordinal = (long)json_integer_value(json_object_get(o, "ordinal"));
	s->kind = json_dup(o, "kind");
	s->name = json_dup(o, "name");
	s->section = json_dup(o, "section");
	s->text = json_dup(o, "text");
	kb_dosage_from_json(json_object_get(o, "dosage"), &s->dosage);
	if (!s->source || !s->kind || !s->name || !s->section || !s->text)
		return KB_ERR_NOMEM;
	return KB_OK;
}

static int
cmp_article(const void *a, const void *b)
{
	return strcmp(((const article_t *)a)->source,
	              ((const article_t *)b)->source);
}

static int
cmp_snip(const void *a, const void *b)
{
	const snip_t *x = a, *y = b;
	int c = strcmp(x->source, y->source);

	if (c != 0)
		return c;
	return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

/* Sorts articles and snippets by id and gives each article its run of
 * snippets. */
static void
link_snippets(builder_t *b)
{
	size_t a, s = 0;

	qsort(b->arts, b->narts, sizeof(*b->arts), cmp_article);
	qsort(b->snips, b->nsnips, sizeof(*b->snips), cmp_snip);
	for (a = 0; a < b->narts; a++) {
		while (s < b->nsnips &&
		       strcmp(b->snips[s].source, b->arts[a].source) < 0)
			s++;
		b->arts[a].first = s;
		while (s < b->nsnips &&
		       strcmp(b->snips[s].source, b->arts[a].source) == 0)
			s++;
		b->arts[a].n = s - b->arts[a].first;
	}
}

/* True when s reads as a question: it ends with '?' or opens with a
 * question word. */
static int
is_question(const char *s)
{
	size_t len = strlen(s), i, n;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > 0 && s[len - 1] == '?')
		return 1;
	n = strcspn(s, " \t,");
	for (i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (n == strlen(openers[i]) &&
		    strncasecmp(s, openers[i], n) == 0)
			return 1;
	return 0;
}

static const char *
pattern_for(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < sizeof(patterns) / sizeof(patterns[0]);
	     i++)
		if (strcmp(patterns[i].type, type) == 0)
			return patterns[i].pattern;
	return NULL;
}

/* How well a snippet of kind answers type: 0 best, larger worse. */
static size_t
kind_rank(builder_t *b, const char *type, const char *kind)
{
	const char *const *kinds;
	size_t n, i;

	kb_engine_type_kinds(b->en, type, &kinds, &n);
	for (i = 0; i < n; i++)
		if (strcmp(kinds[i], kind) == 0)
			return i;
	return n + 1;
}

static int
is_caution(const char *kind)
{
	return strcmp(kind, "caution") == 0 || strcmp(kind, "avoid") == 0;
}

/* Picks the answer of d among the article's snippets (those under section
 * only, when section is not NULL): up to ADVICE_MAX pieces of advice, the
 * kinds that answer the type first and then in article order, and up to
 * CAUTIONS_MAX cautions. */
static void
pick_answer(builder_t *b, draft_t *d, const char *section)
{
	const article_t *a = &b->arts[d->article];
	size_t nadv = 0, ncau = 0, rank, i;
	size_t worst = 0;

	for (i = 0; i < a->n; i++) {
		size_t r = kind_rank(b, d->type, b->snips[a->first + i].kind);

		if (r > worst)
			worst = r;
	}
	/* Rank by rank: the best kinds first, each in article order. */
	for (rank = 0; rank <= worst && nadv < ADVICE_MAX; rank++)
		for (i = 0; i < a->n && nadv < ADVICE_MAX; i++) {
			const snip_t *s = &b->snips[a->first + i];

			if (section != NULL && strcmp(s->section, section) != 0)
				continue;
			if (is_caution(s->kind) ||
			    kind_rank(b, d->type, s->kind) != rank)
				continue;
			d->picks[d->npicks++] = a->first + i;
			nadv++;
		}
	for (i = 0; i < a->n && ncau < CAUTIONS_MAX; i++)
		if (is_caution(b->snips[a->first + i].kind)) {
			d->picks[d->npicks++] = a->first + i;
			ncau++;
		}
}

/* The merge key of d: its type and its sorted distinct focus terms. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static kb_status_t
make_key(draft_t *d)
{
	const char **v;
	kb_buf_t k;
	size_t i, n = 0;

	const kb_analysis_t *f = FOCUS(d);

	v = malloc((f->nterms + 1) * sizeof(*v));
	if (v == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < f->nterms; i++)
		if (!f->terms[i].type_word)
			v[n++] = f->terms[i].term;
	qsort(v, n, sizeof(*v), cmp_str);
	kb_buf_init(&k);
	kb_buf_puts(&k, d->type ? d->type : "-");
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0) {
			kb_buf_putc(&k, ' ');
			kb_buf_puts(&k, v[i]);
		}
	free(v);
	d->key = kb_buf_detach(&k);
	return d->key ? KB_OK : KB_ERR_NOMEM;
}

/* Adds a draft: question q of type (NULL: its own, from the analysis),
 * with focus read from focus_text, answered from section (NULL: the whole
 * article). */
static kb_status_t
add_draft(builder_t *b, size_t art, const char *q, const char *type,
          const char *focus_text, const char *section)
{
	draft_t *d;
	kb_status_t rc;

	if (kb_array_grow((void **)&b->drafts, &b->cap, b->ndrafts,
			  sizeof(*b->drafts), 256) != KB_OK)
		return KB_ERR_NOMEM;
	d = &b->drafts[b->ndrafts];
	memset(d, 0, sizeof(*d));
	d->article = art;
	d->question = strdup(q);
	d->topic = strdup(b->arts[art].title);
	if (d->question == NULL || d->topic == NULL) {
		free(d->question);
		free(d->topic);
		return KB_ERR_NOMEM;
	}
	b->ndrafts++;
	rc = kb_engine_analyse(b->en, q, strlen(q), &d->words);
	if (rc != KB_OK)
		return rc;
	if (focus_text != NULL) {
		rc = kb_engine_analyse(b->en, focus_text, strlen(focus_text),
		                       &d->focus);
		if (rc != KB_OK)
			return rc;
	}
	if (type == NULL)
		type = d->words->type;
	if (type != NULL && (d->type = strdup(type)) == NULL)
		return KB_ERR_NOMEM;
	pick_answer(b, d, section);
	return make_key(d);
}

/* The questions of article a. */
static kb_status_t
derive(builder_t *b, size_t a)
{
	const article_t *ar = &b->arts[a];
	size_t before = b->ndrafts, i, j;
	kb_buf_t q;
	kb_status_t rc = KB_OK;

	kb_buf_init(&q);
	if (ar->title[0] != '\0' && is_question(ar->title))
		rc = add_draft(b, a, ar->title, NULL, NULL, NULL);
	for (i = 0; rc == KB_OK && i < ar->n; i++) {
		const char *sec = b->snips[ar->first + i].section;
		const char *type = NULL, *pat;

		if (sec[0] == '\0')
			continue;
		/* Each heading once, where it first appears. */
		for (j = 0; j < i; j++)
			if (strcmp(b->snips[ar->first + j].section, sec) == 0)
				break;
		if (j < i)
			continue;
		if (is_question(sec)) {
			rc = add_draft(b, a, sec, NULL, NULL, sec);
			continue;
		}
		rc = kb_engine_heading_type(b->en, sec, strlen(sec), &type);
		/* A title with a question in it ("Back pain on the bike?
		 * Check your posture") is no topic to ask about. */
		if (rc != KB_OK || type == NULL || ar->title[0] == '\0' ||
		    is_question(ar->title) || strchr(ar->title, '?') ||
		    (pat = pattern_for(type)) == NULL)
			continue;
		kb_buf_reset(&q);
		kb_buf_printf(&q, pat, ar->title);
		if (q.err != KB_OK)
			rc = q.err;
		else
			rc = add_draft(b, a, q.data, type, ar->title, sec);
	}
	if (rc == KB_OK && b->ndrafts == before && ar->title[0] != '\0' &&
	    ar->n > 0) {
		const char *t = ar->title;

		kb_buf_reset(&q);
		kb_buf_puts(&q, "What should I know about ");
		/* Inside a question a title's leading article is a word
		 * like any other: "about the best sleeping position". */
		if (strncmp(t, "The ", 4) == 0 || strncmp(t, "An ", 3) == 0 ||
		    strncmp(t, "A ", 2) == 0) {
			kb_buf_putc(&q, tolower((unsigned char)t[0]));
			t++;
		}
		kb_buf_printf(&q, "%s?", t);
		rc = q.err != KB_OK
		         ? q.err
		         : add_draft(b, a, q.data, NULL, ar->title, NULL);
	}
	kb_buf_free(&q);
	return rc;
}

/* Orders drafts by key, then by when they were made. */
static int
cmp_draft(const void *a, const void *b)
{
	const draft_t *x = *(draft_t *const *)a, *y = *(draft_t *const *)b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x > y) - (x < y);
}

/* Merges drafts with the same key into the first made: it keeps its
 * question and answer and gains the others' articles as sources. */
static kb_status_t
merge(builder_t *b)
{
	draft_t **v;
	size_t i, j;

	if (b->ndrafts == 0)
		return KB_OK;
	v = malloc(b->ndrafts * sizeof(*v));
	if (v == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < b->ndrafts; i++)
		v[i] = &b->drafts[i];
	qsort(v, b->ndrafts, sizeof(*v), cmp_draft);
	for (i = 0; i < b->ndrafts; i = j) {
		for (j = i + 1;
		     j < b->ndrafts && strcmp(v[j]->key, v[i]->key) == 0; j++) {
			size_t *a =
			    realloc(v[i]->also, (v[i]->nalso + 1) * sizeof(*a));

			if (a == NULL) {
				free(v);
				return KB_ERR_NOMEM;
			}
			v[i]->also = a;
			a[v[i]->nalso++] = v[j]->article;
			v[j]->merged = 1;
		}
	}
	free(v);
	return KB_OK;
}

/* The first sentences of text that fit in HOW_MAX bytes, else its first
 * HOW_MAX bytes cut at a word, with an ellipsis. */
static void
how_of(const char *text, kb_buf_t *out)
{
	size_t len = strlen(text), cut = 0, i;

	kb_buf_reset(out);
	if (len <= HOW_MAX) {
		kb_buf_append(out, text, len);
		return;
	}
	for (i = 1; i < HOW_MAX; i++)
		if ((text[i - 1] == '.' || text[i - 1] == '!' ||
		     text[i - 1] == '?') &&
		    text[i] == ' ')
			cut = i;
	if (cut > 0) {
		kb_buf_append(out, text, cut);
		return;
	}
	for (cut = HOW_MAX; cut > 0 && text[cut] != ' '; cut--)
		;
	if (cut == 0)
		for (cut = HOW_MAX;
		     cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80;
		     cut--)
			;
	kb_buf_append(out, text, cut);
	kb_buf_puts(out, "\xe2\x80\xa6");
}

/* The JSON of entry d (see faq_internal.h). */
static json_t *
entry_json(builder_t *b, const draft_t *d)
{
	const kb_analysis_t *f = FOCUS(d);
	json_t *o = json_object(), *focus = json_array(),
	       *sources = json_array(), *advice = json_array(),
	       *cautions = json_array(), *kinds = json_array();
	const char *const *kv;
	size_t i, nk;
	kb_buf_t how;

	kb_buf_init(&how);
	for (i = 0; i < f->nterms; i++)
		if (!f->terms[i].type_word)
			json_array_append_new(focus,
			                      json_string(f->terms[i].term));
	json_array_append_new(sources, json_string(b->arts[d->article].source));
	for (i = 0; i < d->nalso; i++)
		json_array_append_new(sources,
		                      json_string(b->arts[d->also[i]].source));
	kb_engine_type_kinds(b->en, d->type, &kv, &nk);
	for (i = 0; i < nk; i++)
		json_array_append_new(kinds, json_string(kv[i]));
	for (i = 0; i < d->npicks; i++) {
		const snip_t *s = &b->snips[d->picks[i]];

		how_of(s->text, &how);
		if (is_caution(s->kind)) {
			json_array_append_new(cautions,
			                      json_stringn(how.data, how.len));
			continue;
		}
		json_array_append_new(
		    advice,
		    json_pack("{s:s, s:s, s:s%, s:o, s:s}", "name", s->name,
		              "kind", s->kind, "how", how.data, how.len,
		              "dosage", kb_dosage_to_json(&s->dosage), "source",
		              s->source));
	}
	kb_buf_free(&how);
	json_object_set_new(o, "q", json_string(d->question));
	json_object_set_new(o, "type", json_string(d->type ? d->type : ""));
	json_object_set_new(o, "topic", json_string(d->topic));
	json_object_set_new(o, "kinds", kinds);
	json_object_set_new(o, "focus", focus);
	json_object_set_new(o, "concepts",
	                    kb_strings_to_json(f->concepts, f->nconcepts));
	json_object_set_new(o, "sources", sources);
	json_object_set_new(o, "advice", advice);
	json_object_set_new(o, "cautions", cautions);
	return o;
}

typedef struct text_ctx {
	kb_doc_t *doc;
	kb_buf_t *term;
	const char *prefix;
	unsigned base; /* added to token positions */
	unsigned last;
} text_ctx_t;

/* kb_token_fn: adds a document-mode token (stopwords skipped) as a
 * posting. */
static kb_status_t
on_text(void *ctx, const kb_token_t *tok)
{
	text_ctx_t *c = ctx;

	if (tok->flags & KB_TOKEN_STOP)
		return KB_OK;
	kb_buf_reset(c->term);
	kb_buf_puts(c->term, c->prefix);
	kb_buf_append(c->term, tok->term, tok->len);
	if (c->term->err != KB_OK)
		return c->term->err;
	if (c->term->len > 200)
		return KB_OK;
	c->last = c->base + tok->pos;
	return kb_doc_add_posting(c->doc, c->term->data, c->term->len, c->last,
	                          1);
}

static kb_status_t
add_text(builder_t *b, text_ctx_t *c, const char *s)
{
	kb_status_t rc =
	    kb_text_tokenize(b->tx, KB_TEXT_DOCUMENT, s, strlen(s), on_text, c);

	/* A gap between fields, so that no phrase spans two. */
	c->base = c->last + 10;
	return rc;
}

/* Adds prefix + s as a term (or boolean) of doc. */
static kb_status_t
add_prefixed(kb_doc_t *doc, kb_buf_t *t, const char *prefix, const char *s,
             int boolean)
{
	kb_buf_reset(t);
	kb_buf_puts(t, prefix);
	kb_buf_puts(t, s);
	if (t->err != KB_OK)
		return t->err;
	if (t->len > 200)
		return KB_OK;
	return boolean ? kb_doc_add_boolean(doc, t->data, t->len)
	               : kb_doc_add_term(doc, t->data, t->len, 1);
}

/* Writes entry number n, draft d, to the bundle being built. */
static kb_status_t
write_entry(builder_t *b, kb_store_t *out, size_t n, const draft_t *d)
{
	const kb_analysis_t *f = FOCUS(d);
	kb_doc_t *doc = NULL;
	json_t *o = entry_json(b, d);
	char *data =
	    o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	text_ctx_t tc;
	kb_buf_t t;
	kb_status_t rc;
	size_t i;

	json_decref(o);
	if (data == NULL)
		return KB_ERR_NOMEM;
	kb_buf_init(&t);
	rc = kb_doc_new(&doc);
	for (i = 0; rc == KB_OK && i < d->words->nterms; i++) {
		kb_buf_reset(&t);
		kb_buf_puts(&t, FAQ_PREFIX_QUESTION);
		kb_buf_puts(&t, d->words->terms[i].term);
		rc = t.err != KB_OK ? t.err
		                    : kb_doc_add_posting(doc, t.data, t.len,
		                                         (unsigned)i + 1, 1);
	}
	for (i = 0; rc == KB_OK && i < f->nterms; i++)
		if (!f->terms[i].type_word)
			rc = add_prefixed(doc, &t, FAQ_PREFIX_FOCUS,
			                  f->terms[i].term, 0);
	for (i = 0; rc == KB_OK && i < f->nconcepts; i++)
		rc = add_prefixed(doc, &t, FAQ_PREFIX_CONCEPT, f->concepts[i],
		                  0);
	if (rc == KB_OK && d->type != NULL)
		rc = add_prefixed(doc, &t, FAQ_PREFIX_TYPE, d->type, 1);
	memset(&tc, 0, sizeof(tc));
	tc.doc = doc;
	tc.term = &t;
	tc.prefix = "";
	if (rc == KB_OK)
		rc = add_text(b, &tc, d->question);
	for (i = 0; rc == KB_OK && i < d->npicks; i++)
		rc = add_text(b, &tc, b->snips[d->picks[i]].text);
	if (rc == KB_OK)
		rc = kb_doc_set_data(doc, data, strlen(data));
	if (rc == KB_OK) {
		kb_buf_reset(&t);
		kb_buf_printf(&t, "%s%08zu", FAQ_PREFIX_ID, n);
		rc = t.err != KB_OK
		         ? t.err
		         : kb_store_replace(out, t.data, t.len, doc, NULL);
		if (rc != KB_OK)
			failf(b, rc, "%s", kb_store_errmsg(out));
	}
	kb_doc_free(doc);
	kb_buf_free(&t);
	free(data);
	return rc;
}

/* Copies the analysis settings of the main database into the bundle. */
static kb_status_t
copy_meta(builder_t *b, kb_store_t *out, const char *key)
{
	char *v = NULL;
	size_t len = 0;
	kb_status_t rc = kb_store_get_metadata(b->db, key, &v, &len);

	if (rc == KB_ERR_NOT_FOUND)
		return KB_OK;
	if (rc == KB_OK)
		rc = kb_store_set_metadata(out, key, v, len);
	free(v);
	return rc;
}

/* Writes every unmerged draft into a fresh database in tmp, then
 * compacts it into the single file out. */
static kb_status_t
write_bundle(builder_t *b, const char *tmp, const char *out,
             kb_faq_stats_t *stats)
{
	kb_store_t *st = NULL;
	char *err = NULL;
	size_t i, n = 0;
	kb_status_t rc;

	rc = kb_store_open(tmp, KB_STORE_CREATE, &st, &err);
	if (rc != KB_OK) {
		failf(b, rc, "%s", err ? err : kb_status_str(rc));
		free(err);
		return rc;
	}
	rc = kb_store_txn_begin(st);
	for (i = 0; rc == KB_OK && i < b->ndrafts; i++)
		if (!b->drafts[i].merged)
			rc = write_entry(b, st, ++n, &b->drafts[i]);
	if (rc == KB_OK)
		rc = copy_meta(b, st, KB_META_STOPWORDS);
	if (rc == KB_OK)
		rc = copy_meta(b, st, KB_META_STEMMER);
	if (rc == KB_OK)
		rc = kb_store_set_metadata(st, FAQ_META_FORMAT, FAQ_FORMAT,
		                           strlen(FAQ_FORMAT));
	if (rc == KB_OK)
		rc = kb_store_txn_commit(st);
	if (rc == KB_OK)
		rc = kb_store_compact(
		    st, out, KB_COMPACT_SINGLE_FILE | KB_COMPACT_STABLE_UUID);
	if (rc != KB_OK && b->msg.len == 0)
		failf(b, rc, "%s",
		      kb_store_errmsg(st) ? kb_store_errmsg(st)
		                          : kb_status_str(rc));
	kb_store_close(st);
	if (stats != NULL)
		stats->entries = n;
	return rc;
}

static void
builder_clear(builder_t *b)
{
	size_t i;

	kb_store_close(b->db);
	kb_engine_close(b->en);
	kb_text_free(b->tx);
	for (i = 0; i < b->narts; i++) {
		free(b->arts[i].source);
		free(b->arts[i].title);
	}
	free(b->arts);
	for (i = 0; i < b->nsnips; i++) {
		free(b->snips[i].source);
		free(b->snips[i].kind);
		free(b->snips[i].name);
		free(b->snips[i].section);
		free(b->snips[i].text);
	}
	free(b->snips);
	for (i = 0; i < b->ndrafts; i++) {
		free(b->drafts[i].question);
		free(b->drafts[i].type);
		free(b->drafts[i].topic);
		free(b->drafts[i].key);
		free(b->drafts[i].also);
		kb_analysis_free(b->drafts[i].words);
		kb_analysis_free(b->drafts[i].focus);
	}
	free(b->drafts);
	kb_strv_free(b->ids.v, b->ids.n);
	kb_buf_free(&b->msg);
}

/* Sets up the document analysis as the main database's. */
static kb_status_t
open_text(builder_t *b)
{
	char *v = NULL;
	size_t len = 0;
	kb_status_t rc = kb_text_new(&b->tx);

	if (rc != KB_OK)
		return rc;
	rc = kb_store_get_metadata(b->db, KB_META_STEMMER, &v, &len);
	if (rc == KB_OK || rc == KB_ERR_NOT_FOUND)
		rc = kb_text_set_stemmer(b->tx, v ? v : "english");
	free(v);
	v = NULL;
	if (rc != KB_OK)
		return rc;
	rc = kb_store_get_metadata(b->db, KB_META_STOPWORDS, &v, &len);
	if (rc == KB_OK)
		rc = kb_text_add_stopwords(b->tx, v, len);
	else if (rc == KB_ERR_NOT_FOUND)
		rc = KB_OK;
	free(v);
	return rc;
}

kb_status_t
kb_faq_build(const char *db, const char *lexdir, const char *out,
             kb_faq_stats_t *stats, char **errmsg)
{
	builder_t b;
	char *err = NULL;
	kb_buf_t tmp;
	kb_status_t rc;
	size_t i;
	struct stat sb;

	if (errmsg != NULL)
		*errmsg = NULL;
	if (stats != NULL)
		memset(stats, 0, sizeof(*stats));
	memset(&b, 0, sizeof(b));
	kb_buf_init(&b.msg);
	kb_buf_init(&tmp);
	if (db == NULL || lexdir == NULL || out == NULL) {
		rc = failf(&b, KB_ERR_ARG, "NULL database, lexicon or output");
		goto done;
	}
	rc = kb_store_open(db, KB_STORE_READ, &b.db, &err);
	if (rc == KB_OK)
		rc = kb_engine_open(db, &b.en, &err);
	if (rc == KB_OK)
		rc = kb_engine_load_questions(b.en, lexdir, &err);
	if (rc != KB_OK) {
		failf(&b, rc, "%s", err ? err : kb_status_str(rc));
		goto done;
	}
	rc = open_text(&b);
	if (rc != KB_OK) {
		failf(&b, rc, "%s: reading analysis settings: %s", db,
		      kb_status_str(rc));
		goto done;
	}
	rc = read_records(&b, KB_PREFIX_ID_ARTICLE, add_article);
	if (rc == KB_OK)
		rc = read_records(&b, KB_PREFIX_ID_SNIPPET, add_snip);
	if (rc != KB_OK)
		goto done;
	if (b.narts == 0) {
		rc = failf(&b, KB_ERR_RANGE,
		           "%s: the database holds no articles, so there is "
		           "no FAQ to build (index some with relief index)",
		           db);
		goto done;
	}
	link_snippets(&b);
	for (i = 0; rc == KB_OK && i < b.narts; i++)
		rc = derive(&b, i);
	if (rc == KB_OK)
		rc = merge(&b);
	if (rc != KB_OK) {
		failf(&b, rc, "%s: deriving questions: %s", db,
		      kb_status_str(rc));
		goto done;
	}
	if (b.ndrafts == 0) {
		rc = failf(&b, KB_ERR_RANGE,
		           "%s: no article gives a question (no titles, no "
		           "advice)",
		           db);
		goto done;
	}
	if (stats != NULL) {
		stats->articles = b.narts;
		stats->questions = b.ndrafts;
	}
	/* The database is written next to out, then compacted into it. */
	kb_buf_printf(&tmp, "%s.tmp-%ld", out, (long)getpid());
	if (tmp.err != KB_OK) {
		rc = tmp.err;
		goto done;
	}
	rc = write_bundle(&b, tmp.data, out, stats);
	(void)kb_path_remove_folder(tmp.data);
	if (rc != KB_OK) {
		unlink(out);
		goto done;
	}
	if (stats != NULL && stat(out, &sb) == 0)
		stats->bytes = (uint64_t)sb.st_size;
done:
	if (rc != KB_OK && errmsg != NULL)
		*errmsg = strdup(b.msg.len ? b.msg.data : kb_status_str(rc));
	free(err);
	kb_buf_free(&tmp);
	builder_clear(&b);
	return rc;
}
