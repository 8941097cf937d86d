/* answer.c - the answer card: the best few distinct pieces of advice.
 *
 * A person wants "do these three things", not a list of ten snippets, two
 * of which say the same.  The card takes the ranked results in order and
 * keeps the ones that answer the question's type (exercises and remedies
 * for "what helps", causes for "why"), one per name, and at most one
 * unnamed snippet per article, until it has KB_CARD_MAX.  Each piece
 * shows its first sentences as "how", with its dosage and sources coming
 * from the result itself.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/kb_array.h"
#include "query_internal.h"

/* Kinds that are advice when the question has no type, or a type whose
 * kinds are not advice ("what is ..."). */
static const char *const actionable[] = {
	"exercise", "stretch", "posture", "treatment", "lifestyle",
	"nutrition",
};

static int
is_actionable(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(actionable) / sizeof(actionable[0]); i++)
		if (strcmp(kind, actionable[i]) == 0)
			return 1;
	return 0;
}

/* One sentence of a snippet: bytes [start, end). */
typedef struct sentence {
	size_t start, end;
} sentence_t;

#define MAX_SENTENCES 64

/* Splits text into sentences: at '.', '!' or '?' before a blank, and at
 * line ends (list steps are lines).  Returns how many (at most max). */
static size_t
sentences_of(const char *text, size_t len, sentence_t *v, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t s = i, e;

		while (s < len && (text[s] == ' ' || text[s] == '\n' ||
				   text[s] == '\t'))
			s++;
		if (s >= len)
			break;
		for (e = s; e < len; e++) {
			char c = text[e];

			if (c == '\n')
				break;
			if ((c == '.' || c == '!' || c == '?') &&
			    (e + 1 == len || text[e + 1] == ' ' ||
			     text[e + 1] == '\n')) {
				e++;
				break;
			}
		}
		v[n].start = s;
		v[n].end = e;
		n++;
		i = e;
	}
	return n;
}

/* The first word of s, lower-cased into w (cap bytes), after a list
 * marker ("1.", "-", "Step 2:") and a label ("Glute bridge:"). */
static void
first_word(const char *s, size_t len, char *w, size_t cap)
{
	size_t i = 0, n = 0;
	const char *colon = memchr(s, ':', len < 48 ? len : 48);

	/* "Arch bridge: lie on your back" says what to do after its label;
	 * a label is short. */
	if (colon != NULL)
		i = (size_t)(colon - s) + 1;
	while (i < len && !((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	for (; i < len && n + 1 < cap &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'));
	     i++)
		w[n++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
							  : s[i]);
	w[n] = '\0';
}

/* text cut to at most KB_HOW_MAX bytes at a word, with an ellipsis, on one
 * line. */
static kb_status_t
how_plain(const char *text, size_t len, char **out)
{
	size_t end = len < KB_HOW_MAX ? len : KB_HOW_MAX, i;
	kb_buf_t b;

	if (end < len) {
		while (end > 0 && text[end] != ' ')
			end--;
		if (end == 0)
			end = KB_HOW_MAX;
		while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--;
	}
	kb_buf_init(&b);
	kb_buf_append(&b, text, end);
	if (end < len)
		kb_buf_puts(&b, "\u2026");
	/* One line: the card is read at a glance. */
	for (i = 0; b.data != NULL && i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	*out = kb_buf_detach(&b);
	return *out != NULL ? KB_OK : KB_ERR_NOMEM;
}

/* What the card shows of a snippet: the sentence that says what to do
 * (it starts with an instruction, advises in other words or states a
 * dosage; *instructs is then 1), else the first sentence that is not an
 * intro, an anecdote or an aside, and the ones after it up to about
 * KB_HOW_MAX bytes.  NULL in *out
 * when every sentence is one the card never shows, the first makes the
 * snippet an aside, or one makes it a thing not to do.  Returns KB_OK or
 * KB_ERR_NOMEM. */
static kb_status_t
how_of(kb_qlex_t *lx, const char *text, size_t len, char **out,
       int *instructs)
{
	sentence_t sv[MAX_SENTENCES];
	size_t n = sentences_of(text, len, sv, MAX_SENTENCES), i, pick = n,
	       first_ok = n, end;

	*out = NULL;
	*instructs = 0;
	/* A forum post or a reader's letter is someone's story, whatever
	 * its later sentences say. */
	if (n > 0 && qlex_sentence_is(lx, QLEX_ASIDE, text + sv[0].start,
	                              sv[0].end - sv[0].start))
		return KB_OK;
	/* "Lie flat: wrong position" is a thing not to do, whichever of
	 * its sentences says so. */
	for (i = 0; i < n; i++)
		if (qlex_sentence_is(lx, QLEX_AVOID, text + sv[i].start,
		                     sv[i].end - sv[i].start))
			return KB_OK;
	for (i = 0; i < n; i++) {
		const char *s = text + sv[i].start;
		size_t sl = sv[i].end - sv[i].start;
		char w[32];

		if (qlex_sentence_is(lx, QLEX_SKIP, s, sl))
			continue;
		if (first_ok == n)
			first_ok = i;
		first_word(s, sl, w, sizeof(w));
		if (qlex_leads(lx, w, strlen(w)) ||
		    qlex_sentence_is(lx, QLEX_DOSE, s, sl) ||
		    qlex_sentence_is(lx, QLEX_ADVISE, s, sl)) {
			pick = i;
			*instructs = 1;
			break;
		}
	}
	if (pick == n)
		pick = first_ok;
	if (pick == n)
		return lx != NULL ? KB_OK : how_plain(text, len, out);
	/* The chosen sentence, and what follows while it fits: two
	 * sentences say how; more belongs to the list. */
	end = sv[pick].end;
	for (i = pick + 1; i < n && sv[i].end - sv[pick].start <= KB_HOW_MAX / 2;
	     i++)
		if (!qlex_sentence_is(lx, QLEX_SKIP, text + sv[i].start,
		                      sv[i].end - sv[i].start))
			end = sv[i].end;
		else
			break;
	return how_plain(text + sv[pick].start, end - sv[pick].start, out);
}

/* Fills a from result r (copies), its "how" being how. */
static kb_status_t
advice_of(const kb_result_t *r, char *how, kb_advice_t *a)
{
	size_t i;

	a->rank = r->rank;
	a->dosage = r->dosage;
	a->name = strdup(r->name);
	a->kind = strdup(r->kind);
	a->how = how;
	a->sources = calloc(r->nalso + 1, sizeof(*a->sources));
	if (a->name == NULL || a->kind == NULL || a->how == NULL ||
	    a->sources == NULL)
		return KB_ERR_NOMEM;
	a->sources[a->nsources++] = strdup(r->source);
	for (i = 0; i < r->nalso; i++)
		a->sources[a->nsources++] = strdup(r->also[i]);
	for (i = 0; i < a->nsources; i++)
		if (a->sources[i] == NULL)
			return KB_ERR_NOMEM;
	return KB_OK;
}

void
query_advice_clear(kb_advice_t *a)
{
	free(a->name);
	free(a->kind);
	free(a->how);
	kb_strv_free(a->sources, a->nsources);
	memset(a, 0, sizeof(*a));
}

/* True when result r may be on the card of question q (typed: q's type
 * names kinds of advice) and says something the card does not say yet. */
static int
card_wants(const kb_question_t *q, int typed, const kb_answer_t *ans,
           const kb_result_t *r)
{
	size_t j, rank;

	/* A caution has its own place on the card; a thing not to do is
	 * never advice, whatever the question's type asks for ("what should
	 * I not do" still gets what helps here, and the things to avoid in
	 * the results). */
	if (strcmp(r->kind, "caution") == 0 || strcmp(r->kind, "avoid") == 0)
		return 0;
	if (typed ? !qlex_type_wants(q->type, r->kind, &rank)
	          : !is_actionable(r->kind))
		return 0;
	for (j = 0; j < ans->nadvice; j++) {
		const kb_advice_t *o = &ans->advice[j];

		/* One piece per name; unnamed advice, one per article, so
		 * the card is not one page's list. */
		if (r->name[0] != '\0' ? strcasecmp(o->name, r->name) == 0
		                        : o->name[0] == '\0' &&
		                              strcmp(o->sources[0], r->source) == 0)
			return 0;
	}
	return 1;
}

int
query_card_may_take(double first, double score)
{
	return first <= 0 || score >= KB_CARD_FLOOR * first;
}

kb_status_t
query_answer_pick(const kb_question_t *q, kb_qlex_t *lx, kb_answer_t *ans)
{
	size_t i;
	int typed = 0, pass;

	for (i = 0; q->type != NULL && i < q->type->nkinds; i++)
		if (is_actionable(q->type->kinds[i]) ||
		    strcmp(q->type->kinds[i], "cause") == 0 ||
		    strcmp(q->type->kinds[i], "symptom") == 0)
			typed = 1;
	ans->advice = calloc(KB_CARD_MAX, sizeof(*ans->advice));
	if (ans->advice == NULL)
		return KB_ERR_NOMEM;
	/* Only the first KB_CARD_POOL results: the card must not change
	 * with how many results are shown.  Advice must say what to do (an
	 * instruction, a dosage): a piece of advice that only describes ("A
	 * long drive combines everything a lower back dislikes") is shown
	 * only when no piece says what to do.  Causes, symptoms and
	 * explanations describe by nature. */
	for (pass = 0; pass < 2 && ans->nadvice == 0; pass++)
		for (i = 0; i < ans->nresults && i < KB_CARD_POOL &&
		            ans->nadvice < KB_CARD_MAX;
		     i++) {
			const kb_result_t *r = &ans->results[i];
			char *how = NULL;
			int instructs;

			if (!query_card_may_take(ans->results[0].score,
			                         r->score) ||
			    !card_wants(q, typed, ans, r))
				continue;
			if (how_of(lx, r->snippet, r->snippet_len, &how,
			           &instructs) != KB_OK)
				return KB_ERR_NOMEM;
			/* Only an intro, an anecdote or an aside: not
			 * advice; a description waits for a second pass. */
			if (!is_actionable(r->kind))
				instructs = 1;
			if (how == NULL || instructs != (pass == 0)) {
				free(how);
				continue;
			}
			if (advice_of(r, how, &ans->advice[ans->nadvice]) !=
			    KB_OK) {
				query_advice_clear(&ans->advice[ans->nadvice]);
				return KB_ERR_NOMEM;
			}
			ans->nadvice++;
		}
	return KB_OK;
}
