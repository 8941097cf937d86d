/* kb_hash.h - the one byte hash of relief: FNV-1a, in 64 and 32 bits.
 *
 * FNV-1a is cheap, needs no key and is good enough for what relief hashes:
 * words of natural text, rule files and ids, never keys chosen by an
 * adversary aiming at collisions.  Some of its values are stored (the id
 * hash of kb_schema_term, the lexicon fingerprint, the stopword list's
 * hash), so the algorithm and its constants must never change.
 *
 * A hash can be built piece by piece, which gives the same value as
 * hashing the concatenation at once:
 *
 *	uint64_t h = KB_HASH64_INIT;
 *	h = kb_hash64_add(h, "ab", 2);
 *	h = kb_hash64_add(h, "c", 1);	(h == kb_hash64("abc", 3))
 *
 * KB_HASH64_BYTE / KB_HASH32_BYTE take one byte, for callers that fold
 * the bytes (lower-case them) as they hash.
 */
#ifndef KB_HASH_H
#define KB_HASH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The FNV offset bases and primes. */
#define KB_HASH64_INIT 14695981039346656037ULL
#define KB_HASH64_PRIME 1099511628211ULL
#define KB_HASH32_INIT 2166136261u
#define KB_HASH32_PRIME 16777619u

/* h extended by the byte c (a macro, for loops that fold bytes as they
 * hash them). */
#define KB_HASH64_BYTE(h, c) (((h) ^ (unsigned char)(c)) * KB_HASH64_PRIME)
#define KB_HASH32_BYTE(h, c) \
	((uint32_t)(((h) ^ (unsigned char)(c)) * KB_HASH32_PRIME))

/* h extended by the len bytes at data. */
uint64_t kb_hash64_add(uint64_t h, const void *data, size_t len);
uint32_t kb_hash32_add(uint32_t h, const void *data, size_t len);

/* 64-bit FNV-1a hash of len bytes: cheap, and good enough to detect a
 * changed file or to shorten an id. */
unsigned long long kb_hash64(const void *data, size_t len);

/* 32-bit FNV-1a hash of len bytes, for in-memory tables of words. */
uint32_t kb_hash32(const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KB_HASH_H */
