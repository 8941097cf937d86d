/* snippet_window.c - long paragraphs cut into windows at sentence ends.
 *
 * A scraped article is often one paragraph of hundreds of words that
 * moves from what a condition is, to its causes, its symptoms and what
 * helps.  Cut every KB_WIN_MAX words it would break thoughts in half; cut
 * greedily it leaves a fragment at the end.  Instead the cut points are
 * chosen together: each window should be close to an even share of the
 * words, and a cut is cheaper before a sentence that opens a new topic
 * ("However, ...", "Lumbar pain: ...") and dearer before one that leans on
 * the sentence before it ("It ...", "For example, ...").
 */
#include <stdlib.h>

#include "../util/kb_array.h"
#include "snippet_internal.h"

/* Costs of a cut before a sentence, in the units of the size cost (the
 * squared distance from the target size over the target: a window 20
 * words off a target of 60 costs about 7). */
#define PEN_ANAPHOR 12  /* orphans a reference */
#define PEN_INSIDE 6    /* inside an overlong sentence */
#define PEN_SHIFT (-8)  /* a new topic starts: a good cut */
#define PEN_FRAGMENT 30 /* a window under half the minimum */

typedef struct sent {
	size_t a, b; /* the sentence */
	size_t w;    /* its words */
	int pen;     /* cost of starting a window with it */
} sent_t;

static size_t
trim_end(const char *s, size_t a, size_t b)
{
	while (b > a && snippet_is_space((unsigned char)s[b - 1]))
		b--;
	return b;
}

static int
cue(kb_segmenter_t *sg, int role, const char *s, size_t a, size_t b)
{
	/* Cues look at how a sentence opens: a prefix is enough. */
	if (b - a > 400)
		b = a + 400;
	return snippet_cue(sg, role, s + a, b - a);
}

/* Where to cut a sentence s[x..e) too long for a window: after the last
 * semicolon, failing that the last spaced dash (the items of a run-in
 * list: "Myopia - Nystagmus - Ptosis"), failing that the last comma, that
 * leaves 20 to KB_WIN_MAX words before it; failing all, after 60 words.
 * Returns e when the sentence fits. */
static size_t
cut_long(const char *s, size_t x, size_t e)
{
	size_t k, w = 0, semi = 0, dash = 0, comma = 0, at60 = 0;
	int in = 0;

	for (k = x; k < e; k++) {
		unsigned char ch = (unsigned char)s[k];

		if (snippet_is_space(ch)) {
			in = 0;
			continue;
		}
		if (!in) {
			in = 1;
			if (++w > KB_WIN_MAX)
				break;
			if (w == 61)
				at60 = k;
		}
		if (w >= 20 && k + 1 < e &&
		    snippet_is_space((unsigned char)s[k + 1])) {
			if (ch == ';')
				semi = k + 1;
			else if (ch == '-' && k > x &&
			         snippet_is_space((unsigned char)s[k - 1]))
				dash = k + 1;
			else if (ch == ',')
				comma = k + 1;
		}
	}
	if (k >= e)
		return e;
	return semi ? semi : dash ? dash : comma ? comma : at60;
}

/* Lists the sentences of s[a..b) into *out (malloc'd; NULL when none)
 * with their sizes and cut costs, cutting any longer than KB_WIN_MAX
 * words.  Returns KB_OK or KB_ERR_NOMEM. */
static kb_status_t
list_sentences(kb_segmenter_t *sg, const char *s, size_t a, size_t b,
               sent_t **out, size_t *n)
{
	sent_t *v = NULL;
	size_t cap = 0, i = snippet_skip_space(s, a, b);

	*out = NULL;
	*n = 0;
	while (i < b) {
		size_t e = snippet_next_sentence(s, a, i, b), x = i;

		while (x < e) {
			size_t y = cut_long(s, x, e);
			sent_t *t;

			if (kb_array_grow((void **)&v, &cap, *n,
					  sizeof(*v), 64) != KB_OK) {
				free(v);
				*n = 0;
				return KB_ERR_NOMEM;
			}
			t = &v[(*n)++];
			t->a = x;
			t->b = trim_end(s, x, y);
			t->w = snippet_count_words(s, x, y, KB_WIN_CEIL);
			t->pen = x > i ? PEN_INSIDE : 0;
			if (cue(sg, KB_CUE_ANAPHOR, s, x, y))
				t->pen += PEN_ANAPHOR;
			if (cue(sg, KB_CUE_SHIFT, s, x, y))
				t->pen += PEN_SHIFT;
			x = snippet_skip_space(s, y, e);
		}
		i = snippet_skip_space(s, e, b);
	}
	*out = v;
	return KB_OK;
}

kb_status_t
snippet_windows(kb_segmenter_t *sg, const char *s, size_t a, size_t b,
                kb_window_t **out, size_t *nout)
{
	sent_t *sv = NULL;
	size_t n, total = 0, k, i, j, nwin, m = 0, *from = NULL, *cuts = NULL;
	double *cost = NULL, target;
	kb_status_t rc = KB_OK;

	*out = NULL;
	*nout = 0;
	rc = list_sentences(sg, s, a, b, &sv, &n);
	if (rc != KB_OK || n < 2)
		goto done;
	for (k = 0; k < n; k++)
		total += sv[k].w;
	nwin = (total + KB_WIN_MAX - 1) / KB_WIN_MAX;
	target = (double)total / (double)(nwin ? nwin : 1);
	if (target < KB_WIN_MIN)
		target = KB_WIN_MIN;
	cost = malloc((n + 1) * sizeof(*cost));
	from = malloc((n + 1) * sizeof(*from));
	cuts = malloc((n + 1) * sizeof(*cuts));
	if (cost == NULL || from == NULL || cuts == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	/* cost[j]: the best cost of windows covering sentences 0..j-1;
	 * from[j]: where its last window starts.  A window never passes
	 * KB_WIN_CEIL words unless it is one sentence, so the inner loop is
	 * bounded and the whole is linear in the sentences. */
	cost[0] = 0;
	for (j = 1; j <= n; j++) {
		size_t w = 0;

		cost[j] = -1;
		for (i = j; i-- > 0;) {
			double d, x;

			w += sv[i].w;
			if (w > KB_WIN_CEIL && i + 1 < j)
				break;
			d = (double)w - target;
			x = cost[i] + d * d / target + (i > 0 ? sv[i].pen : 0);
			if (w < KB_WIN_MIN / 2)
				x += PEN_FRAGMENT;
			if (cost[j] < 0 || x < cost[j]) {
				cost[j] = x;
				from[j] = i;
			}
		}
	}
	for (j = n; j > 0; j = from[j])
		cuts[m++] = j;
	*out = malloc(m * sizeof(**out));
	if (*out == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	for (k = 0; k < m; k++) {
		size_t end = cuts[m - 1 - k];
		size_t start = k > 0 ? cuts[m - k] : 0;

		(*out)[k].start = sv[start].a;
		(*out)[k].end = sv[end - 1].b;
	}
	*nout = m;
done:
	free(cuts);
	free(cost);
	free(from);
	free(sv);
	return rc;
}
