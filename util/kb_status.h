/* kb_status.h - status codes shared by every relief module.
 *
 * Every fallible call in the engine returns a kb_status_t.  KB_OK means
 * success, KB_DONE means "finished, no error" (an exhausted iterator, or a
 * callback asking its producer to stop), and every KB_ERR_* is a failure.
 * Details about a failure live on the handle that produced it (for example
 * kb_store_errmsg()), never in a global.
 */
#ifndef KB_STATUS_H
#define KB_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kb_status {
	KB_OK = 0,		/* success */
	KB_DONE,		/* iteration finished, or "stop, no error" */
	KB_ERR_NOMEM,		/* out of memory */
	KB_ERR_IO,		/* a file or database could not be read/written */
	KB_ERR_ARG,		/* invalid argument from the caller */
	KB_ERR_RANGE,		/* a number or size outside its allowed range */
	KB_ERR_NOT_FOUND,	/* no such document, file, term or key */
	KB_ERR_QUERY_SYNTAX,	/* the query could not be understood */
	KB_ERR_CORRUPT,		/* the database or an input is damaged */
	KB_ERR_LOCKED,		/* another writer holds the database lock */
	KB_ERR_RETRY,		/* the database changed underneath; reopen */
	KB_ERR_XAPIAN,		/* any other error reported by Xapian */
	KB_ERR_INTERNAL		/* a bug or an unexpected exception */
} kb_status_t;

/* Returns a short, static, human-readable description of status ("out of
 * memory", "database is locked", ...).  Never returns NULL. */
const char *kb_status_str(kb_status_t status);

#ifdef __cplusplus
}
#endif

#endif /* KB_STATUS_H */
