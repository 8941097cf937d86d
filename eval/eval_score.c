/* eval_score.c - judging ranked answers and computing the figures.
 *
 * One judge serves every system: the engine asked in-process and answers
 * read back from "relief query --batch" JSON lines (how the plain-Xapian
 * baseline in bench/ is scored) go through kb_eval_judge() alike, so the
 * two sets of figures differ only by the answers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_hash.h"
#include "../util/kb_schema.h"
#include "../util/kb_time.h"
#include "eval_internal.h"
#include "kb_eval.h"

/* Words are compared by a 64-bit FNV-1a hash of their lower-cased bytes,
 * and word pairs by a mix of the two hashes: with a few thousand distinct
 * pairs per answer a collision is so unlikely (about n^2 / 2^65) that it
 * cannot move a figure. */
#define GOLDEN 0x9e3779b97f4a7c15ULL

typedef struct hvec {
	uint64_t *v;
	size_t n, cap;
	int built;
} hvec_t;

static int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Fills h with the sorted hashes of the pairs of adjacent words of s.
 * On error h is empty.
 *
 * Pairs rather than single words, because a long answer holds most of
 * the common words of its whole article: on the plain-Xapian passages of
 * medquad-dev, single words put 28 % of the hits from a gold article on
 * a section other than the gold one, pairs 2 % (measured when this rule
 * was chosen).  Short snippets, such as relief's windows, would gain the
 * most from the looser rule. */
static kb_status_t
word_pairs(const char *s, size_t len, hvec_t *h)
{
	size_t i = 0;

	h->n = 0;
	h->built = 1;
	while (i < len) {
		uint64_t x = KB_HASH64_INIT;

		if (!is_word((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (; i < len && is_word((unsigned char)s[i]); i++) {
			unsigned char c = (unsigned char)s[i];

			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			x = KB_HASH64_BYTE(x, c);
		}
		if (kb_array_grow((void **)&h->v, &h->cap, h->n,
				  sizeof(*h->v), 64) != KB_OK) {
			h->n = 0;
			return KB_ERR_NOMEM;
		}
		h->v[h->n++] = x;
	}
	/* The order-sensitive combine of boost's hash_combine, widened. */
	for (i = 0; i + 1 < h->n; i++)
		h->v[i] ^= h->v[i + 1] + GOLDEN + (h->v[i] << 6) +
			   (h->v[i] >> 2);
	h->n = h->n > 0 ? h->n - 1 : 0;
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), cmp_u64);
	return KB_OK;
}

/* The size of the multiset intersection of two sorted vectors. */
static size_t
intersect(const hvec_t *a, const hvec_t *b)
{
	return kb_hash_overlap(a->v, a->n, b->v, b->n);
}

kb_status_t
eval_word_match(const char *snippet, size_t slen, const char *gold, size_t glen,
                size_t *matched, size_t *total)
{
	hvec_t s = { NULL, 0, 0, 0 }, g = { NULL, 0, 0, 0 };
	kb_status_t rc;

	*matched = *total = 0;
	rc = word_pairs(snippet, slen, &s);
	if (rc == KB_OK)
		rc = word_pairs(gold, glen, &g);
	if (rc == KB_OK) {
		*matched = intersect(&s, &g);
		*total = s.n;
	}
	free(s.v);
	free(g.v);
	return rc;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

int
kb_eval_phrase_match(const char *text, size_t len, const char *phrase)
{
	const unsigned char *t = (const unsigned char *)text;
	const unsigned char *p = (const unsigned char *)phrase;
	size_t i;

	while (*p != '\0' && is_space(*p))
		p++;
	if (*p == '\0')
		return 0;
	/* A naive scan: phrases are a few words, snippets a few hundred
	 * bytes.  Each start is a non-space byte equal to the phrase's
	 * first; from there both sides step over whitespace. */
	for (i = 0; i < len; i++) {
		const unsigned char *q = p;
		size_t j = i;

		if (lower(t[i]) != lower(*p))
			continue;
		while (*q != '\0') {
			if (is_space(*q)) {
				q++;
				continue;
			}
			while (j < len && is_space(t[j]))
				j++;
			if (j == len || lower(t[j]) != lower(*q))
				break;
			j++;
			q++;
		}
		if (*q == '\0')
			return 1;
	}
	return 0;
}

/* ---- judging ---------------------------------------------------------- */

/* A phrase question's judgement of one result: from a gold article, and
 * answering when its snippet holds the phrase. */
static void
judge_phrase(const kb_eval_q_t *q, const kb_result_t *res, kb_eval_mark_t *m)
{
	size_t k;

	for (k = 0; k < q->pub.ngold && res->source != NULL; k++) {
		if (strcmp(q->locs[k].path, res->source) != 0)
			continue;
		m->doc = 1;
		if (res->snippet != NULL &&
		    kb_eval_phrase_match(res->snippet, res->snippet_len,
					 q->pub.phrase)) {
			m->answer = 1;
			m->match = 1.0;
			m->loc = (int)k;
			return;
		}
	}
}

kb_status_t
kb_eval_judge(kb_eval_t *ev, size_t i, const kb_answer_t *ans, double ms,
	      const kb_eval_outcome_t **out)
{
	const kb_eval_q_t *q;
	const kb_eval_loc_t *loc;
	kb_eval_outcome_t o;
	hvec_t *gold = NULL, snip = { NULL, 0, 0, 0 };
	size_t n, r, k;
	kb_status_t rc = KB_OK;

	if (out != NULL)
		*out = NULL;
	if (i >= ev->n)
		return KB_ERR_RANGE;
	q = &ev->q[i];
	loc = q->locs;
	memset(&o, 0, sizeof(o));
	o.ms = ms;
	for (r = 0; r < KB_EVAL_DEPTH; r++)
		o.marks[r].loc = -1;
	n = ans ? ans->nresults : 0;
	o.answered = n > 0;
	if (n > KB_EVAL_DEPTH)
		n = KB_EVAL_DEPTH;
	/* Each location's tokens are computed once, when first needed. */
	gold = calloc(q->pub.ngold, sizeof(*gold));
	if (gold == NULL)
		return KB_ERR_NOMEM;
	for (r = 0; r < n && rc == KB_OK; r++) {
		const kb_result_t *res = &ans->results[r];
		kb_eval_mark_t *m = &o.marks[r];

		snip.built = 0;
		if (q->pub.phrase != NULL) {
			judge_phrase(q, res, m);
			goto ranked;
		}
		for (k = 0; k < q->pub.ngold && res->source != NULL; k++) {
			const char *text = loc[k].answer;
			size_t len = loc[k].answer_len, hit;
			double frac;

			if (strcmp(loc[k].path, res->source) != 0)
				continue;
			m->doc = 1;
			/* Without its own text an alt location in another
			 * article is judged on the gold answer: often the
			 * same text, and never a false hit when not.  In the
			 * gold article itself, gold[0] already did that. */
			if (text == NULL && k > 0 &&
			    strcmp(loc[k].path, loc[0].path) == 0)
				continue;
			if (text == NULL) {
				text = loc[0].answer;
				len = loc[0].answer_len;
			}
			if (text == NULL)
				continue;
			if (!gold[k].built)
				rc = word_pairs(text, len, &gold[k]);
			if (rc == KB_OK && !snip.built)
				rc = word_pairs(res->snippet ? res->snippet
							     : "",
						res->snippet ? res->snippet_len
							     : 0,
						&snip);
			if (rc != KB_OK)
				break;
			hit = intersect(&snip, &gold[k]);
			frac = snip.n ? (double)hit / (double)snip.n : 0.0;
			if (m->loc < 0 || frac > m->match) {
				m->match = frac;
				m->loc = (int)k;
			}
			if (KB_EVAL_MOSTLY(hit, snip.n))
				m->answer = 1;
		}
	ranked:
		if (m->doc && o.doc_rank == 0)
			o.doc_rank = (unsigned)r + 1;
		if (m->answer && o.answer_rank == 0)
			o.answer_rank = (unsigned)r + 1;
	}
	o.nresults = (unsigned)n;
	for (k = 0; k < q->pub.ngold; k++)
		free(gold[k].v);
	free(gold);
	free(snip.v);
	if (rc != KB_OK)
		return rc;
	ev->out[i] = o;
	ev->judged[i] = 1;
	if (out != NULL)
		*out = &ev->out[i];
	return KB_OK;
}

const kb_eval_outcome_t *
kb_eval_get_outcome(const kb_eval_t *ev, size_t i)
{
	return i < ev->n && ev->judged[i] ? &ev->out[i] : NULL;
}

kb_status_t
kb_eval_run(kb_eval_t *ev, kb_engine_t *en, unsigned limit)
{
	size_t i;

	if (limit < 1 || limit > 1000)
		return eval_err(&ev->errmsg, KB_ERR_ARG,
		                "limit %u is not 1-1000", limit);
	memset(ev->judged, 0, ev->n);
	for (i = 0; i < ev->n; i++) {
		const kb_eval_question_t *q = &ev->q[i].pub;
		kb_answer_t *ans = NULL;
		kb_status_t rc;
		double t;

		/* Timed like "relief query --batch": the engine call only. */
		t = kb_now();
		rc = kb_engine_query(en, q->question, strlen(q->question),
				     limit, &ans);
		t = (kb_now() - t) * 1e3;
		if (rc != KB_OK && rc != KB_ERR_QUERY_SYNTAX) {
			const char *m = kb_engine_errmsg(en);

			return eval_err(&ev->errmsg, rc, "question %s: %s",
			                q->qid, m ? m : kb_status_str(rc));
		}
		rc = kb_eval_judge(ev, i, ans, t, NULL);
		kb_answer_free(ans);
		if (rc != KB_OK)
			return eval_err(&ev->errmsg, rc, "question %s: %s",
			                q->qid, kb_status_str(rc));
	}
	return KB_OK;
}

/* Whether a and b are equal but for spaces at either end. */
static int
same_question(const char *a, const char *b)
{
	size_t la, lb;

	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && a[la - 1] == ' ')
		la--;
	while (lb > 0 && b[lb - 1] == ' ')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

/* Copies the reader's message for status rc to the handle. */
static void
reader_error(kb_eval_t *ev, const kb_eval_answers_t *rd, kb_status_t rc)
{
	const char *m = kb_eval_answers_errmsg(rd);

	eval_err(&ev->errmsg, rc, "%s", m ? m : kb_status_str(rc));
}

kb_status_t
kb_eval_run_answers(kb_eval_t *ev, const char *path)
{
	kb_eval_answers_t *rd = NULL;
	const kb_answer_t *ans;
	char *err = NULL;
	size_t i;
	kb_status_t rc;

	memset(ev->judged, 0, ev->n);
	rc = kb_eval_answers_open(path, &rd, &err);
	if (rc != KB_OK) {
		free(ev->errmsg);
		ev->errmsg = err;
		return rc;
	}
	for (i = 0; i < ev->n; i++) {
		const kb_eval_question_t *q = &ev->q[i].pub;

		rc = kb_eval_answers_next(rd, &ans);
		if (rc == KB_DONE) {
			rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
			              "%s: %zu answer lines for %zu "
			              "questions",
			              path, i, ev->n);
			goto done;
		}
		if (rc != KB_OK) {
			reader_error(ev, rd, rc);
			goto done;
		}
		/* Answers are matched to questions by line, so a shifted
		 * file would score nonsense: check it is the same question. */
		if (ans->query != NULL && !same_question(ans->query,
							 q->question)) {
			rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
			              "%s:%zu: answers '%s', but question "
			              "%s is '%s'",
			              path, i + 1, ans->query, q->qid,
			              q->question);
			goto done;
		}
		rc = kb_eval_judge(ev, i, ans, -1.0, NULL);
		if (rc != KB_OK)
			goto done;
	}
	rc = kb_eval_answers_next(rd, &ans);
	if (rc == KB_OK)
		rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
		              "%s: more answer lines than the %zu "
		              "questions",
		              path, ev->n);
	else if (rc == KB_DONE)
		rc = KB_OK;
	else
		reader_error(ev, rd, rc);
done:
	kb_eval_answers_close(rd);
	return rc;
}

kb_status_t
kb_eval_get_figures(const kb_eval_t *ev, kb_eval_figures_t *out)
{
	return kb_eval_get_set_figures(ev, NULL, out);
}

kb_status_t
kb_eval_get_set_figures(const kb_eval_t *ev, const char *set,
			kb_eval_figures_t *out)
{
	double *lat, mrr = 0, amrr = 0;
	size_t i, n = 0, nlat = 0, r1 = 0, r5 = 0, r10 = 0, s1 = 0, s3 = 0,
		  s5 = 0;

	memset(out, 0, sizeof(*out));
	lat = malloc((ev->n ? ev->n : 1) * sizeof(*lat));
	if (lat == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < ev->n; i++) {
		const kb_eval_outcome_t *o = &ev->out[i];

		if (!ev->judged[i] ||
		    (set != NULL && strcmp(ev->q[i].pub.set, set) != 0))
			continue;
		n++;
		out->unanswered += !o->answered;
		if (o->doc_rank > 0) {
			mrr += 1.0 / o->doc_rank;
			r1 += o->doc_rank <= 1;
			r5 += o->doc_rank <= 5;
			r10 += o->doc_rank <= 10;
		}
		if (o->answer_rank > 0) {
			amrr += 1.0 / o->answer_rank;
			s1 += o->answer_rank <= 1;
			s3 += o->answer_rank <= 3;
			s5 += o->answer_rank <= 5;
		}
		if (o->ms >= 0)
			lat[nlat++] = o->ms;
	}
	out->questions = n;
	out->answered3 = s3;
	if (n > 0) {
		out->mrr10 = mrr / (double)n;
		out->recall1 = (double)r1 / (double)n;
		out->recall5 = (double)r5 / (double)n;
		out->recall10 = (double)r10 / (double)n;
		out->success1 = (double)s1 / (double)n;
		out->success3 = (double)s3 / (double)n;
		out->success5 = (double)s5 / (double)n;
		out->answer_mrr10 = amrr / (double)n;
	}
	/* Latencies only mean something when every question was timed. */
	if (nlat > 0 && nlat == n) {
		kb_sort_doubles(lat, nlat);
		out->timed = 1;
		out->p50_ms = kb_percentile(lat, nlat, 50);
		out->p95_ms = kb_percentile(lat, nlat, 95);
		out->p99_ms = kb_percentile(lat, nlat, 99);
		out->max_ms = lat[nlat - 1];
	}
	free(lat);
	return KB_OK;
}

