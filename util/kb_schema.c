/* kb_schema.c - term construction shared by the indexer and the query
 * engine. */
#include "kb_schema.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

kb_status_t
kb_schema_term(kb_buf_t *out, const char *prefix, const char *id, size_t len)
{
	size_t plen = strlen(prefix);
	size_t keep;

	kb_buf_puts(out, prefix);
	if (plen + len <= KB_MAX_ID_TERM)
		return kb_buf_append(out, id, len);
	/* Keep a readable head, cut at a UTF-8 character boundary, then the
	 * hash of the whole id: "~" and 16 hex digits. */
	keep = KB_MAX_ID_TERM - plen - 17;
	while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
		keep--;
	kb_buf_append(out, id, keep);
	return kb_buf_printf(out, "~%016llx", kb_hash64(id, len));
}

/* A count or a range: 10, or [2, 3]. */
static json_t *
amount(unsigned lo, unsigned hi)
{
	return lo == hi ? json_integer(lo)
			: json_pack("[II]", (json_int_t)lo, (json_int_t)hi);
}

void *
kb_dosage_to_json(const kb_dosage_t *d)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	if (d->hold_max > 0)
		json_object_set_new(o, "hold_seconds",
				    amount(d->hold_min, d->hold_max));
	if (d->reps_max > 0)
		json_object_set_new(o, "reps", amount(d->reps_min, d->reps_max));
	if (d->sets_max > 0)
		json_object_set_new(o, "sets", amount(d->sets_min, d->sets_max));
	if (d->per_side)
		json_object_set_new(o, "per_side", json_true());
	if (d->per_day_max > 0)
		json_object_set_new(o, "per_day",
				    amount(d->per_day_min, d->per_day_max));
	if (d->per_week_max > 0)
		json_object_set_new(o, "per_week",
				    amount(d->per_week_min, d->per_week_max));
	return o;
}

void *
kb_strings_to_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* Reads a count or a range written by amount(). */
static void
read_amount(const json_t *v, unsigned *lo, unsigned *hi)
{
	json_int_t a = 0, b = 0;

	if (json_is_integer(v)) {
		a = b = json_integer_value(v);
	} else if (json_is_array(v) && json_array_size(v) == 2) {
		a = json_integer_value(json_array_get(v, 0));
		b = json_integer_value(json_array_get(v, 1));
	}
	if (a < 0 || b < a || b > 100000)
		a = b = 0;
	*lo = (unsigned)a;
	*hi = (unsigned)b;
}

void
kb_dosage_from_json(const void *json, kb_dosage_t *d)
{
	const json_t *o = json;

	memset(d, 0, sizeof(*d));
	if (!json_is_object(o))
		return;
	read_amount(json_object_get(o, "hold_seconds"), &d->hold_min,
		    &d->hold_max);
	read_amount(json_object_get(o, "reps"), &d->reps_min, &d->reps_max);
	read_amount(json_object_get(o, "sets"), &d->sets_min, &d->sets_max);
	read_amount(json_object_get(o, "per_day"), &d->per_day_min,
		    &d->per_day_max);
	read_amount(json_object_get(o, "per_week"), &d->per_week_min,
		    &d->per_week_max);
	d->per_side = json_is_true(json_object_get(o, "per_side"));
}

void
kb_sig_init(kb_sig_t *s)
{
	size_t i;

	for (i = 0; i < KB_SIG_N; i++)
		s->v[i] = 0xffffffffu;
}

/* splitmix64's finaliser: mixes all bits of x into all bits of the
 * result, so that each i gives an independent-looking hash. */
static unsigned long long
mix(unsigned long long x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

void
kb_sig_add(kb_sig_t *s, const char *term, size_t len)
{
	unsigned long long h = kb_hash64(term, len);
	size_t i;

	for (i = 0; i < KB_SIG_N; i++) {
		unsigned v = (unsigned)(mix(h + 0x9e3779b97f4a7c15ULL * (i + 1)) >>
					32);

		if (v < s->v[i])
			s->v[i] = v;
	}
}

void
kb_sig_encode(const kb_sig_t *s, unsigned char out[KB_SIG_BYTES])
{
	size_t i;

	for (i = 0; i < KB_SIG_N; i++) {
		out[4 * i] = (unsigned char)(s->v[i] & 0xff);
		out[4 * i + 1] = (unsigned char)((s->v[i] >> 8) & 0xff);
		out[4 * i + 2] = (unsigned char)((s->v[i] >> 16) & 0xff);
		out[4 * i + 3] = (unsigned char)(s->v[i] >> 24);
	}
}

double
kb_sig_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i, same = 0;

	if (alen != KB_SIG_BYTES || blen != KB_SIG_BYTES)
		return 0;
	for (i = 0; i < KB_SIG_N; i++)
		if (memcmp(a + 4 * i, b + 4 * i, 4) == 0)
			same++;
	return (double)same / KB_SIG_N;
}

size_t
kb_hash_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, m = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			m++;
			i++;
			j++;
		}
	}
	return m;
}

/* ---- the rank value ------------------------------------------------ */

unsigned
kb_rank_term_hash(const char *term, size_t len)
{
	/* The top bits of FNV-1a mix best.  With about 50 distinct terms a
	 * snippet, a question word falsely "found" in a snippet is one in
	 * 1,300: noise far below the ranking's other signals. */
	return (unsigned)(kb_hash64(term, len) >> 48);
}

static int
cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

static void
put_le(kb_buf_t *out, uint32_t v, size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes; i++)
		kb_buf_putc(out, (int)((v >> (8 * i)) & 0xFF));
}

static uint32_t
get_le(const unsigned char *p, size_t bytes)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

kb_status_t
kb_rank_encode(kb_buf_t *out, const unsigned char *sig, unsigned flags,
	       uint32_t dosage_key, unsigned nwords, unsigned *hashes,
	       size_t n, const char *source, const char *title,
	       const char *kind, const char *section, const char *name)
{
	size_t i, o = 0;

	/* A snippet without a word has no hashes (and may pass NULL). */
	if (n > 1)
		qsort(hashes, n, sizeof(*hashes), cmp_unsigned);
	for (i = 0; i < n; i++)
		if (o == 0 || hashes[o - 1] != hashes[i])
			hashes[o++] = hashes[i];
	if (o > 0xFFFF)
		o = 0xFFFF;
	kb_buf_append(out, sig, KB_SIG_BYTES);
	kb_buf_putc(out, (int)(flags & 0xFF));
	put_le(out, dosage_key, 4);
	put_le(out, nwords > 0xFFFF ? 0xFFFF : nwords, 2);
	put_le(out, (uint32_t)o, 2);
	for (i = 0; i < o; i++)
		put_le(out, hashes[i], 2);
	kb_buf_append(out, source, strlen(source) + 1);
	kb_buf_append(out, title, strlen(title) + 1);
	kb_buf_append(out, kind, strlen(kind) + 1);
	kb_buf_append(out, section, strlen(section) + 1);
	kb_buf_append(out, name, strlen(name) + 1);
	return out->err;
}

/* The next NUL-ended string at *p, or NULL when none ends before end. */
static const char *
next_string(const char **p, const char *end)
{
	const char *s = *p, *z = memchr(s, '\0', (size_t)(end - s));

	if (z == NULL)
		return NULL;
	*p = z + 1;
	return s;
}

kb_status_t
kb_rank_decode(const char *v, size_t len, kb_rank_value_t *r)
{
	const unsigned char *u = (const unsigned char *)v;
	const size_t head = KB_SIG_BYTES + 1 + 4 + 2 + 2;
	const char *p, *end = v + len;

	memset(r, 0, sizeof(*r));
	if (len < head)
		return KB_ERR_CORRUPT;
	r->sig = v;
	r->flags = u[KB_SIG_BYTES];
	r->dosage_key = get_le(u + KB_SIG_BYTES + 1, 4);
	r->nwords = get_le(u + KB_SIG_BYTES + 5, 2);
	r->nterms = get_le(u + KB_SIG_BYTES + 7, 2);
	if (len < head + 2 * r->nterms)
		return KB_ERR_CORRUPT;
	r->terms = u + head;
	p = v + head + 2 * r->nterms;
	r->source = next_string(&p, end);
	r->title = r->source ? next_string(&p, end) : NULL;
	r->kind = r->title ? next_string(&p, end) : NULL;
	r->section = r->kind ? next_string(&p, end) : NULL;
	r->name = r->section ? next_string(&p, end) : NULL;
	return r->name != NULL ? KB_OK : KB_ERR_CORRUPT;
}

int
kb_rank_has_term(const kb_rank_value_t *r, unsigned h)
{
	size_t lo = 0, hi = r->nterms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned m = (unsigned)get_le(r->terms + 2 * mid, 2);

		if (m == h)
			return 1;
		if (m < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* "10" or "2–3". */
static void
put_amount(kb_buf_t *b, unsigned lo, unsigned hi)
{
	if (lo == hi)
		kb_buf_printf(b, "%u", lo);
	else
		kb_buf_printf(b, "%u\u2013%u", lo, hi);
}

void
kb_dosage_format(kb_buf_t *b, const kb_dosage_t *d)
{
	size_t start = b->len;

	if (d->hold_max > 0) {
		kb_buf_puts(b, "hold ");
		put_amount(b, d->hold_min, d->hold_max);
		kb_buf_puts(b, " s");
	}
	if (d->reps_max > 0) {
		kb_buf_puts(b, d->hold_max > 0 ? " \u00d7 " : "");
		put_amount(b, d->reps_min, d->reps_max);
		if (d->hold_max == 0)
			kb_buf_puts(b, " reps");
	}
	if (d->per_side)
		kb_buf_puts(b, b->len > start ? " per side" : "per side");
	if (d->sets_max > 0) {
		kb_buf_puts(b, b->len > start ? ", " : "");
		put_amount(b, d->sets_min, d->sets_max);
		kb_buf_puts(b, d->sets_max == 1 ? " set" : " sets");
	}
	if (d->per_day_max > 0) {
		kb_buf_puts(b, b->len > start ? ", " : "");
		put_amount(b, d->per_day_min, d->per_day_max);
		kb_buf_puts(b, "\u00d7/day");
	}
	if (d->per_week_max > 0) {
		kb_buf_puts(b, b->len > start ? ", " : "");
		put_amount(b, d->per_week_min, d->per_week_max);
		kb_buf_puts(b, "\u00d7/week");
	}
}

kb_status_t
kb_record_complete(void *record, const char *v, size_t len)
{
	json_t *o = record;
	kb_rank_value_t rv;
	const struct {
		const char *key;
		const char **value;
	} fields[] = {
		{ "source", &rv.source },   { "title", &rv.title },
		{ "kind", &rv.kind },       { "section", &rv.section },
		{ "name", &rv.name },
	};
	size_t i;

	if (kb_rank_decode(v, len, &rv) != KB_OK)
		return KB_ERR_CORRUPT;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (json_object_set_new(o, fields[i].key,
		                        json_string(*fields[i].value)) != 0)
			return KB_ERR_NOMEM;
	return KB_OK;
}
