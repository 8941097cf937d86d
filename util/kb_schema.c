/* kb_schema.c - term construction shared by the indexer and the query
 * engine. */
#include "kb_schema.h"

#include <jansson.h>
#include <string.h>

unsigned long long
kb_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long long h = 14695981039346656037ULL;	/* FNV offset */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;	/* FNV prime */
	}
	return h;
}

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
	return o;
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
