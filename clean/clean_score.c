/* clean_score.c - jusText-style scoring of lines, with context smoothing.
 *
 * jusText (Pomikálek, 2011) classifies the paragraphs of a web page by
 * their length, stopword density and link density, then lets the short
 * and borderline ones take the class of their neighbours: a short line
 * between two paragraphs of prose is part of the article (a heading, a
 * list item), a short line among menus and widgets is not.  Here the
 * "paragraphs" are the lines of a scraped text page, the lines a rule
 * already recognised as furniture count as bad neighbours, and two
 * adaptations suit text pages:
 *
 *  - the start and end of the page are no neighbour at all (jusText
 *    treats them as bad, because HTML pages end in footers; here the
 *    rules and the tail zone deal with footers, and an article that ends
 *    in a list must keep it);
 *  - blank lines separate blocks: a short line with a good neighbour in
 *    its own block and a bad one across a blank line belongs with the
 *    good one.
 */
#include <string.h>

#include "clean_internal.h"

/* jusText's thresholds, in characters and stopword shares.  A line under
 * LENGTH_LOW characters is too short to judge on its own; prose over
 * LENGTH_HIGH with enough stopwords is content.  relief's stopword list is
 * shorter than jusText's (it keeps direction and time words, which carry
 * meaning in symptom questions): with it, MedQuAD's paragraphs of 200+
 * characters have a median stopword share of 0.40 and 95% of them are
 * above 0.30.  jusText's English thresholds (0.30 and 0.32) would leave
 * one paragraph in ten merely near-good, so they are lowered. */
#define LENGTH_LOW 70
#define LENGTH_HIGH 200
#define STOP_LOW 0.22
#define STOP_HIGH 0.26
#define MAX_LINK_DENSITY 0.2

/* A line of this many words that ends a sentence is prose whatever its
 * stopwords: medical text is dense with terms, and furniture is never
 * this long. */
#define PROSE_WORDS 30

/* How far (characters of the lines in between, and lines) a heading may
 * be from the content it introduces. */
#define MAX_HEADING_DISTANCE 200
#define MAX_HEADING_LINES 8

/* A line with fewer stopwords than this that is neither a sentence nor a
 * list item is a list of names or keywords, not prose. */
#define SENTENCE_STOP_MIN 0.08

/* A line of names (a title, a link, a list of foods) has at most this
 * many words. */
#define NAMES_WORDS 20

/* A line ending in terminal punctuation with at least this many words is
 * a sentence. */
#define SENTENCE_WORDS 4

/* A heading has at most this many words. */
#define HEADING_WORDS 12

/* Decodes one UTF-8 character at s[i]; returns its length (1 for an
 * invalid byte, which decodes as U+FFFD). */
static size_t
decode(const unsigned char *s, size_t len, size_t i, unsigned *cp)
{
	unsigned c = s[i], n, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 1, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, c &= 0x07;
	else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n >= len - i) {
		*cp = 0xFFFD;
		return 1;
	}
	for (k = 1; k <= n; k++) {
		if ((s[i + k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i + k] & 0x3F);
	}
	*cp = c;
	return n + 1;
}

/* Character kinds for word splitting. */
enum { CH_SEP, CH_WORD, CH_IDEO };

static int
char_kind(unsigned cp)
{
	if (cp < 0x80) {
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return CH_WORD;
		if (cp >= '0' && cp <= '9')
			return CH_WORD;
		return CH_SEP;
	}
	/* Han, kana and hangul write words without spaces: each character
	 * counts as a word. */
	if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF))
		return CH_IDEO;
	/* Latin-1 punctuation, general punctuation, arrows and symbols,
	 * CJK punctuation, full-width punctuation, emoji. */
	if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
	    (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || cp >= 0x1F000 || cp == 0xFFFD)
		return CH_SEP;
	return CH_WORD;
}

/* char_kind() of the ASCII characters. */
static const unsigned char ascii_kind[128] = {
    ['0'] = CH_WORD, ['1'] = CH_WORD, ['2'] = CH_WORD, ['3'] = CH_WORD,
    ['4'] = CH_WORD, ['5'] = CH_WORD, ['6'] = CH_WORD, ['7'] = CH_WORD,
    ['8'] = CH_WORD, ['9'] = CH_WORD, ['A'] = CH_WORD, ['B'] = CH_WORD,
    ['C'] = CH_WORD, ['D'] = CH_WORD, ['E'] = CH_WORD, ['F'] = CH_WORD,
    ['G'] = CH_WORD, ['H'] = CH_WORD, ['I'] = CH_WORD, ['J'] = CH_WORD,
    ['K'] = CH_WORD, ['L'] = CH_WORD, ['M'] = CH_WORD, ['N'] = CH_WORD,
    ['O'] = CH_WORD, ['P'] = CH_WORD, ['Q'] = CH_WORD, ['R'] = CH_WORD,
    ['S'] = CH_WORD, ['T'] = CH_WORD, ['U'] = CH_WORD, ['V'] = CH_WORD,
    ['W'] = CH_WORD, ['X'] = CH_WORD, ['Y'] = CH_WORD, ['Z'] = CH_WORD,
    ['a'] = CH_WORD, ['b'] = CH_WORD, ['c'] = CH_WORD, ['d'] = CH_WORD,
    ['e'] = CH_WORD, ['f'] = CH_WORD, ['g'] = CH_WORD, ['h'] = CH_WORD,
    ['i'] = CH_WORD, ['j'] = CH_WORD, ['k'] = CH_WORD, ['l'] = CH_WORD,
    ['m'] = CH_WORD, ['n'] = CH_WORD, ['o'] = CH_WORD, ['p'] = CH_WORD,
    ['q'] = CH_WORD, ['r'] = CH_WORD, ['s'] = CH_WORD, ['t'] = CH_WORD,
    ['u'] = CH_WORD, ['v'] = CH_WORD, ['w'] = CH_WORD, ['x'] = CH_WORD,
    ['y'] = CH_WORD, ['z'] = CH_WORD,
};

/* True when the last character of s[0..len) (before closing quotes and
 * brackets) ends a sentence. */
static int
ends_sentence(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	while (len > 0 && (s[len - 1] == '"' || s[len - 1] == '\'' ||
	                   s[len - 1] == ')' || s[len - 1] == ']'))
		len--;
	/* ” ’ */
	while (len >= 3 && u[len - 3] == 0xE2 && u[len - 2] == 0x80 &&
	       (u[len - 1] == 0x9D || u[len - 1] == 0x99))
		len -= 3;
	if (len == 0)
		return 0;
	switch (s[len - 1]) {
	case '.':
	case '!':
	case '?':
		return 1;
	}
	/* 。 ！ ？ … */
	if (len >= 3) {
		unsigned a = u[len - 3], b = u[len - 2], c = u[len - 1];

		if ((a == 0xE3 && b == 0x80 && c == 0x82) ||
		    (a == 0xEF && b == 0xBC && (c == 0x81 || c == 0x9F)) ||
		    (a == 0xE2 && b == 0x80 && c == 0xA6))
			return 1;
	}
	return 0;
}

/* True when the line ends in an ellipsis: "...", "…", or ".." (a typo
 * for one) outside a list item, where it is more often a typo for ".". */
static int
ends_ellipsis(const char *s, size_t len, int list)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 2 && s[len - 1] == '.' && s[len - 2] == '.')
		return !list || (len >= 3 && s[len - 3] == '.');
	return len >= 3 && u[len - 3] == 0xE2 && u[len - 2] == 0x80 &&
	       u[len - 1] == 0xA6;
}

/* True when the line starts with a list marker: "- ", "• ", "* ", "1. ",
 * "1) ", "(1) ", "a) ", "Step 1". */
static int
starts_list(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') &&
	    s[1] == ' ')
		return 1;
	/* • · ▪ ● ◦ – — */
	if (len >= 3 &&
	    ((u[0] == 0xE2 && u[1] == 0x80 &&
	      (u[2] == 0xA2 || u[2] == 0x93 || u[2] == 0x94)) ||
	     (u[0] == 0xE2 && u[1] == 0x96 && u[2] == 0xAA) ||
	     (u[0] == 0xE2 && u[1] == 0x97 && (u[2] == 0x8F || u[2] == 0xA6))))
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xB7)
		return 1;
	if (len >= 1 && s[0] == '(')
		i = 1;
	while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	/* "1. ", "2) ", "(3) ", and "4, " for small numbers only ("47, XYY
	 * syndrome" is a title). */
	if (i > (s[0] == '(' ? 1u : 0u) && i < len &&
	    (s[i] == '.' || s[i] == ')' ||
	     (s[i] == ',' && (i == 1 || (i == 2 && s[0] <= '1')))) &&
	    i + 1 < len && s[i + 1] == ' ')
		return 1;
	if (len >= 3 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
	    s[1] == ')' && s[2] == ' ')
		return 1;
	return len >= 6 && strncmp(s, "Step ", 5) == 0 && s[5] >= '0' &&
	       s[5] <= '9';
}

/* True when the word w is a stopword (low: scratch of more than len
 * bytes). */
static int
is_stop(const kb_cleaner_t *cl, const unsigned char *w, size_t len, char *low)
{
	size_t j;
	int ascii = 1;

	for (j = 0; j < len; j++) {
		unsigned char c = w[j];

		ascii &= c < 0x80;
		low[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (ascii && cl->use_bloom) {
		uint32_t h = clean_bloom_hash(low, len);

		if (!(cl->stop_bloom[h / 64] & ((uint64_t)1 << (h % 64))))
			return 0;
	}
	return kb_text_is_stopword(cl->tx, low, len);
}

void
clean_score_features(clean_page_t *pg, clean_line_t *l)
{
	const unsigned char *s = (const unsigned char *)cline_text(pg, l);
	size_t len = l->len, i = 0, wstart = 0;
	unsigned words = 0, stops = 0, chars = 0;
	int inword = 0;
	char low[16];

	while (i <= len) {
		unsigned cp = ' ';
		size_t n = 1;
		int k;

		if (i < len && s[i] < 0x80) {
			/* ASCII: no decoding. */
			cp = s[i];
			chars++;
			k = ascii_kind[cp];
		} else if (i < len) {
			n = decode(s, len, i, &cp);
			chars++;
			k = char_kind(cp);
		} else {
			k = CH_SEP;
		}
		/* An apostrophe inside a word belongs to it ("don't"). */
		if (k == CH_SEP && inword && cp == '\'' && i + 1 < len &&
		    ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))
			k = CH_WORD;
		if (k == CH_WORD) {
			if (!inword) {
				inword = 1;
				wstart = i;
			}
		} else {
			if (inword) {
				size_t wl = i - wstart;

				words++;
				if (pg->stop_ok && wl < sizeof(low) &&
				    is_stop(pg->cl, s + wstart, wl, low))
					stops++;
				inword = 0;
			}
			if (k == CH_IDEO)
				words++;
		}
		i += n;
	}
	l->words = words;
	l->stops = stops;
	l->chars = chars;
	l->term = (unsigned)ends_sentence((const char *)s, len);
	l->list = (unsigned)starts_list((const char *)s, len);
	l->ellipsis = (unsigned)ends_ellipsis((const char *)s, len, l->list);
	l->heading = !l->term && !l->list && words > 0 &&
	             words <= HEADING_WORDS && len > 0 && s[len - 1] != ',' &&
	             s[len - 1] != ';' && s[len - 1] != ':';
}

/* The content score in [0, 1]: length, stopword density and a finished
 * sentence, weighed down by links.  It is what --explain shows; the class
 * below follows jusText's thresholds on the same features. */
static double
content_score(const clean_page_t *pg, const clean_line_t *l)
{
	double len =
	    l->chars >= LENGTH_HIGH ? 1.0 : (double)l->chars / LENGTH_HIGH;
	double stop = 0.5, d;

	if (pg->stop_ok && l->words > 0) {
		d = (double)l->stops / l->words / 0.4;
		stop = d > 1.0 ? 1.0 : d;
	}
	return (0.45 * len + 0.35 * stop + 0.2 * (l->term ? 1.0 : 0.0)) *
	       (1.0 - l->ld);
}

void
clean_score_classify(clean_page_t *pg)
{
	size_t i;
	int good = 0;

	for (i = 0; i < pg->n; i++) {
		clean_line_t *l = &pg->lines[i];
		double dens;

		if (l->blank) {
			l->cf = KB_CC_NONE;
			continue;
		}
		if (l->why != NULL) {
			l->cf = KB_CC_BAD;
			continue;
		}
		l->score = content_score(pg, l);
		dens = l->words ? (double)l->stops / l->words : 0.0;
		if (l->ld > MAX_LINK_DENSITY)
			l->cf = KB_CC_BAD;
		else if (l->chars < LENGTH_LOW)
			l->cf = l->ld > 0 ? KB_CC_BAD : KB_CC_SHORT;
		else if (l->words >= PROSE_WORDS && l->term)
			l->cf = KB_CC_GOOD;
		else if (!pg->stop_ok)
			l->cf = l->chars > LENGTH_HIGH && l->term
			            ? KB_CC_GOOD
			            : KB_CC_NEARGOOD;
		else if (dens >= STOP_HIGH)
			l->cf = l->chars > LENGTH_HIGH ? KB_CC_GOOD
			                               : KB_CC_NEARGOOD;
		else if (dens >= STOP_LOW || l->words >= PROSE_WORDS)
			/* A line this long is not furniture the rules
			 * missed (banners and menus are shorter, or
			 * matched): it sides with its neighbours unless
			 * both are bad. */
			l->cf = KB_CC_NEARGOOD;
		else if (l->ld == 0 &&
		         (l->term || l->list || dens >= SENTENCE_STOP_MIN ||
		          l->words <= NAMES_WORDS ||
		          cline_text(pg, l)[l->len - 1] == ':'))
			/* Sentences, list items, the lines that introduce
			 * lists and short runs of names are dense with terms
			 * ("- Genetic Testing Registry: Danon disease",
			 * "Benign tumors aren't cancer.", "apricots avocados
			 * bananas"), which says little about where they
			 * stand: their neighbours decide. */
			l->cf = KB_CC_SHORT;
		else
			l->cf = KB_CC_BAD;
		good |= l->cf == KB_CC_GOOD;
	}
	/* A page without a single good line (short paragraphs, a list of
	 * links) still has an article: its best lines are it. */
	if (!good)
		for (i = 0; i < pg->n; i++)
			if (pg->lines[i].cf == KB_CC_NEARGOOD)
				pg->lines[i].cf = KB_CC_GOOD;
}

/* Neighbours for smoothing. */
enum { NB_NONE, NB_GOOD, NB_BAD };

static unsigned
nb_of(kb_ccls_t c)
{
	return c == KB_CC_GOOD ? NB_GOOD : c == KB_CC_BAD ? NB_BAD : NB_NONE;
}

/* A line that is no neighbour: blank, or furniture inserted into the
 * middle of articles (an ad, a share bar, a "Read more" link), which is
 * found between the paragraphs of an article as often as in a noise
 * zone. */
static int
transparent(const clean_line_t *l)
{
	return l->blank || (l->rule >= 0 && (l->rflags & KB_CR_MID));
}

/* Lines that take part in smoothing: not transparent, not the title
 * line. */
static int
counts(const clean_page_t *pg, size_t i)
{
	return !transparent(&pg->lines[i]) &&
	       !(i == pg->title && !pg->title_in_text);
}

/* True when a good line (or with near_ok, a near-good one) follows line i
 * closely enough for i to be its heading. */
static int
heads_content(const clean_page_t *pg, size_t i, int near_ok)
{
	size_t j, dist = 0, lines = 0;

	for (j = i + 1; j < pg->n && lines < MAX_HEADING_LINES; j++) {
		const clean_line_t *l = &pg->lines[j];

		if (!counts(pg, j))
			continue;
		if (l->cls == KB_CC_GOOD ||
		    (near_ok && l->cls == KB_CC_NEARGOOD))
			return 1;
		/* Furniture between them: not this heading's content. */
		if (l->why != NULL)
			break;
		dist += l->chars;
		lines++;
		if (dist > MAX_HEADING_DISTANCE)
			break;
	}
	return 0;
}

/* What one pass of neighbours() has seen so far: the nearest good or bad
 * line (NB_*), whether a blank line came after it, and whether the
 * nearest line that is not short is near-good. */
typedef struct nb_view {
	unsigned anchor, blank, ng;
} nb_view_t;

/* Passes line i in one direction: when it counts, sets *seen to the view
 * it has of the lines passed before it and returns 1; then updates v. */
static int
nb_pass(const clean_page_t *pg, size_t i, nb_view_t *v, nb_view_t *seen)
{
	const clean_line_t *l = &pg->lines[i];

	if (!counts(pg, i)) {
		v->blank |= l->blank;
		return 0;
	}
	*seen = *v;
	if (l->cls == KB_CC_GOOD || l->cls == KB_CC_BAD) {
		v->anchor = nb_of(l->cls);
		v->blank = 0;
		v->ng = 0;
	} else if (l->cls == KB_CC_NEARGOOD) {
		v->ng = 1;
	}
	return 1;
}

/* Fills each line's view of its neighbours: the nearest good or bad line
 * before and after it (short and near-good lines are skipped), whether a
 * blank line lies between, and whether the nearest line that is not short
 * is near-good.  Two linear passes. */
static void
neighbours(clean_page_t *pg)
{
	static const nb_view_t none = { NB_NONE, 0, 0 };
	clean_line_t *L = pg->lines;
	size_t n = pg->n, i;
	nb_view_t v = none, s;

	for (i = 0; i < n; i++)
		if (nb_pass(pg, i, &v, &s)) {
			L[i].pn = s.anchor;
			L[i].pbl = s.blank;
			L[i].png = s.ng;
		}
	v = none;
	for (i = n; i-- > 0;)
		if (nb_pass(pg, i, &v, &s)) {
			L[i].nn = s.anchor;
			L[i].nbl = s.blank;
			L[i].nng = s.ng;
		}
}

/* The class a short line takes from its neighbours. */
static kb_ccls_t
short_class(const clean_line_t *l)
{
	unsigned p = l->pn, x = l->nn;

	if (p != NB_BAD && x != NB_BAD)
		return KB_CC_GOOD; /* good, good; good, none; none... */
	if (p != NB_GOOD && x != NB_GOOD)
		return KB_CC_BAD; /* bad, bad; bad, none */
	/* One good, one bad neighbour.  jusText keeps the line when a
	 * near-good line stands between it and the bad one. */
	if ((p == NB_BAD && l->png) || (x == NB_BAD && l->nng))
		return KB_CC_GOOD;
	/* It belongs with the neighbour in its own block. */
	if (p == NB_GOOD && !l->pbl && l->nbl)
		return KB_CC_GOOD;
	if (x == NB_GOOD && !l->nbl && l->pbl)
		return KB_CC_GOOD;
	return KB_CC_BAD;
}

/* Runs of lines without a blank line or a bad line between them: when
 * one of them is good, or the run reads like a section of an article (a
 * heading and a sentence, or mostly sentences), its short lines are
 * content. */
static void
blocks(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t n = pg->n, i = 0, j, k;

	while (i < n) {
		int good = 0, first = 1, heading = 0;
		unsigned lines = 0, sentences = 0;

		/* The segment [i, j): no blank line, no line bad before
		 * smoothing (a transparent line neither breaks nor joins). */
		for (j = i; j < n && !L[j].blank; j++) {
			if (!counts(pg, j))
				continue;
			if (L[j].cf == KB_CC_BAD && !L[j].learned)
				break;
			good |= L[j].cls == KB_CC_GOOD;
			if (first)
				heading = L[j].heading;
			first = 0;
			lines++;
			sentences += L[j].term && L[j].words >= SENTENCE_WORDS;
		}
		if (!good && sentences > 0 &&
		    ((heading && lines >= 2) ||
		     (sentences >= 3 && 2 * sentences >= lines)))
			good = 1;
		if (good)
			for (k = i; k < j; k++)
				if (counts(pg, k) && L[k].cls == KB_CC_BAD &&
				    L[k].why == NULL && L[k].cf != KB_CC_BAD &&
				    (!L[k].learned || L[k].heading ||
				     L[k].list))
					L[k].cls = KB_CC_GOOD;
		i = j + 1;
	}
}

/* A repeated line of this many words or more that ends like a sentence is
 * taken for content (see clean_score_smooth). */
#define REPEATED_SENTENCE_WORDS 5

void
clean_score_smooth(clean_page_t *pg)
{
	clean_line_t *L = pg->lines;
	size_t n = pg->n, i;

	for (i = 0; i < n; i++)
		L[i].cls = L[i].cf;

	/* A line learned as boilerplate across documents is bad, unless it
	 * could be a heading or a list item: those repeat across articles
	 * too ("Symptoms", "- Drug Therapy"), and their neighbours decide.
	 * A whole sentence, or a list's lead-in ending in a colon, is left to
	 * its own score unless it is on a large share of all pages:
	 * templated sites repeat real content ("New types of treatment are
	 * being tested in clinical trials."), while furniture that is a
	 * sentence is site-wide or has rules of its own (disclaimers,
	 * copyright). */
	for (i = 0; i < n; i++) {
		clean_line_t *l = &L[i];

		if (!l->learned || l->why != NULL || !counts(pg, i))
			continue;
		if (l->learned == 1 &&
		    (l->term ||
		     (l->len > 0 && cline_text(pg, l)[l->len - 1] == ':')) &&
		    !l->ellipsis && l->words >= REPEATED_SENTENCE_WORDS)
			continue;
		l->cls = l->heading || l->list ? KB_CC_SHORT : KB_CC_BAD;
	}

	/* Headings followed by content become near-good. */
	for (i = 0; i < n; i++)
		if (L[i].cls == KB_CC_SHORT && L[i].heading && counts(pg, i) &&
		    heads_content(pg, i, 0))
			L[i].cls = KB_CC_NEARGOOD;

	/* Short lines take the class of their neighbours. */
	neighbours(pg);
	for (i = 0; i < n; i++)
		if (counts(pg, i) && L[i].cls == KB_CC_SHORT)
			L[i].tmp = short_class(&L[i]);
		else
			L[i].tmp = L[i].cls;
	for (i = 0; i < n; i++)
		L[i].cls = L[i].tmp;

	/* Near-good lines are content unless bad lines surround them. */
	neighbours(pg);
	for (i = 0; i < n; i++) {
		clean_line_t *l = &L[i];

		l->tmp = l->cls;
		if (!counts(pg, i) || l->cls != KB_CC_NEARGOOD)
			continue;
		if ((l->pn == NB_BAD && l->nn != NB_GOOD) ||
		    (l->nn == NB_BAD && l->pn != NB_GOOD))
			l->tmp = KB_CC_BAD;
		else
			l->tmp = KB_CC_GOOD;
	}
	for (i = 0; i < n; i++)
		L[i].cls = L[i].tmp;

	/* A list runs on from the content it belongs to: short lines in the
	 * same block as a good line, with no bad line between, are kept
	 * (jusText's neighbours look past the block, and at the end of an
	 * article they see the footer). */
	blocks(pg);

	/* Headings that were only dropped by their neighbours come back
	 * when content follows them. */
	for (i = 0; i < n; i++)
		if (counts(pg, i) && L[i].heading && L[i].cls == KB_CC_BAD &&
		    L[i].cf != KB_CC_BAD && L[i].why == NULL &&
		    heads_content(pg, i, 0))
			L[i].cls = KB_CC_GOOD;
}
