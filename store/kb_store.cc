/* kb_store.cc - the Xapian store behind kb_store.h.
 *
 * This is relief's only C++ file.  It keeps Xapian out of every other
 * module: the handle types are defined here and nowhere else, and every
 * extern "C" function that calls anything able to throw runs its whole
 * body inside try, so that each C++ exception becomes a kb_status_t plus
 * a message on the store handle.  No exception ever crosses into C.
 *
 * The try lives in one place, the guarded() template, which runs an entry
 * point's body (a lambda) and has the one handler, catch (...).  The
 * handler hands the exception to the classifier, classify_current(),
 * which rethrows it and catches it again by type: the one place where
 * exceptions become statuses (the idea is notmuch's one handler per entry
 * point; unlike notmuch's, it also sorts std::bad_alloc and unknown
 * exceptions).  Entry points reach guarded() through the shape they
 * share: on_store() and on_writer() for calls on a store handle (and
 * txn_call() and read_document() on top of those), new_query() and
 * add_to_doc() for the builders.  kb_store_open(),
 * kb_store_close() and kb_hits_estimate() fail in ways of their own and
 * keep one handler each.  Every message is built by format_message(),
 * which never throws, so that a handler cannot itself leak an exception.
 * The few calls that cannot throw at all (the _free functions, plain
 * setters and kb_store_errmsg) are declared KB_STORE_NOEXCEPT and have no
 * handler.
 */
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <xapian.h>

/* The library is built with -fvisibility=hidden, so that none of Xapian's
 * inline templates or our helpers leak out of it; the kb_ API declared in
 * the header is the exception.  Declarations seen under this pragma keep
 * default visibility, and the definitions below inherit it. */
#pragma GCC visibility push(default)
#include "kb_store.h"
#include "../util/kb_schema.h"
#pragma GCC visibility pop

/* The longest term we accept.  Xapian's glass backend refuses terms over
 * 245 bytes, but only when the change is committed, far from the call that
 * added the term; checking at every call that takes a term puts the error
 * next to its cause.  240 is the limit kb_store.h promises. */
#define MAX_TERM 240

/* Error messages quote at most this many bytes of an input (a term, a key,
 * a path) and of a Xapian message or query description, so that a message
 * stays one readable line however large its input was. */
#define MAX_QUOTE 64
#define MAX_DETAIL 300

struct kb_store {
	Xapian::Database *db = nullptr;          /* the database; == wdb for a
	                                            writer */
	Xapian::WritableDatabase *wdb = nullptr; /* NULL when read-only */
	std::string path;                        /* as opened, for messages */
	std::string errmsg;                      /* details of the last failure;
	                                            empty means use the status
	                                            string */
	kb_status_t err = KB_OK;                 /* status of the last call */
	bool in_txn = false;                     /* between txn_begin and its
	                                            commit or cancel */
	dev_t dev = 0;                           /* what path named when a */
	ino_t ino = 0;                           /* reader opened it */

	/* Xapian's destructors never throw; a writer's commits what is
	 * still pending and cancels an open transaction. */
	~kb_store()
	{
		delete db;
	}
};

struct kb_doc {
	Xapian::Document doc; /* built in memory, never in a database */
};

struct kb_query {
	Xapian::Query q; /* never modified once built, so copies
	                    (which share their tree) are safe */
};

struct kb_hits {
	kb_store *store;         /* owner; failures are recorded there */
	Xapian::Enquire enquire; /* the search that produced mset */
	Xapian::MSet mset;       /* the requested page of hits */
	Xapian::MSetIterator it; /* the current hit, once valid */
	bool started = false;    /* kb_hits_next() has succeeded once */
	bool current = false;    /* it points at a hit handed out */
	bool want_data = true;   /* read each hit's document data */
	kb_hit_t hit;            /* what kb_hits_next() hands out */
	std::string data;        /* hit.data points here */
	std::string value;       /* kb_hits_value() points here */
	/* With opts.facet_slot: each value of that slot among all the
	 * matches, and how many matches hold it. */
	std::vector<std::pair<std::string, Xapian::doccount>> facets;

	kb_hits(kb_store *st, const Xapian::Database &db)
	    : store(st), enquire(db), hit()
	{
	}
};

/* ---- errors ------------------------------------------------------- */

/* What a failed call was working on, named in its message.  It holds only
 * borrowed pointers, so building one never allocates or throws; the text
 * is produced later, by format_message(), only if something failed. */
struct subject {
	const char *label;          /* "term", "search", ...; NULL for a
	                               path, which is shown bare */
	const char *bytes;          /* the input itself, or NULL */
	size_t len;                 /* its length */
	const Xapian::Query *query; /* a query to describe, or NULL */
};

/* Appends at most max bytes of s[0..len) to out on one line: control
 * bytes, backslashes and (when quoted) quotes become \xNN escapes, and a
 * cut is made at a UTF-8 character boundary and marked with "...".  May
 * throw std::bad_alloc. */
static void
append_bytes(std::string &out, const char *s, size_t len, size_t max,
             bool quoted)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = len;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (quoted)
		out += '\'';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '\\' ||
		    (quoted && c == '\'')) {
			out += "\\x";
			out += hex[c >> 4];
			out += hex[c & 15];
		} else {
			out += (char)c;
		}
	}
	if (n < len)
		out += "...";
	if (quoted)
		out += '\'';
	if (n < len && quoted)
		out += " (" + std::to_string(len) + " bytes)";
}

/* Writes "subject: summary (Type: message)" into out.  Never throws: if
 * memory runs out, out is left empty and kb_store_errmsg() falls back to
 * the status string. */
static void
format_message(std::string &out, const subject &s, const char *summary,
               const Xapian::Error *e) noexcept
{
	try {
		out.clear();
		if (s.label)
			out += s.label;
		if (s.query) {
			std::string d = s.query->get_description();

			out += ' ';
			append_bytes(out, d.data(), d.size(), MAX_DETAIL,
			             false);
		} else if (s.bytes) {
			if (s.label)
				out += ' ';
			append_bytes(out, s.bytes, s.len, MAX_QUOTE,
			             s.label != nullptr);
		}
		out += ": ";
		out += summary;
		if (e) {
			const std::string &m = e->get_msg();
			const char *why = e->get_error_string();

			out += " (";
			out += e->get_type();
			out += ": ";
			append_bytes(out, m.data(), m.size(), MAX_DETAIL,
			             false);
			if (why) {
				out += ": ";
				out += why;
			}
			out += ')';
		}
	} catch (...) {
		out.clear();
	}
}

/* True when something (anything) exists at path. */
static bool
path_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* Sorts the Xapian::Error being handled into a status, by its most
 * specific type.  Call it only from inside a handler that caught one: it
 * rethrows the exception and catches it again.  path is as for
 * classify_current().  Never throws. */
/* The system error behind e, when it names one: its errno string, or a
 * permission or read-only failure that Xapian wrote into the message only
 * ("Couldn't open lockfile: Permission denied").  NULL otherwise. */
static const char *
system_cause(const Xapian::Error &e) noexcept
{
	static const int causes[] = {EACCES, EPERM, EROFS, ENOSPC};
	const char *why = e.get_error_string();

	if (why != nullptr && why[0] != '\0')
		return why;
	for (int c : causes)
		if (e.get_msg().find(strerror(c)) != std::string::npos)
			return strerror(c);
	return nullptr;
}

static kb_status_t
xapian_status(const char *path) noexcept
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		/* Only another writer is a lock; a lock file that cannot
		 * be made (permission, read-only file system) is an I/O
		 * failure, named by its cause (see summary_of()). */
		return system_cause(e) ? KB_ERR_IO : KB_ERR_LOCKED;
	} catch (const Xapian::DatabaseModifiedError &) {
		return KB_ERR_RETRY;
	} catch (const Xapian::DatabaseNotFoundError &) {
		return KB_ERR_NOT_FOUND;
	} catch (const Xapian::DatabaseOpeningError &) {
		return path && !path_exists(path) ? KB_ERR_NOT_FOUND
		                                  : KB_ERR_IO;
	} catch (const Xapian::DatabaseCorruptError &) {
		return KB_ERR_CORRUPT;
	} catch (const Xapian::DatabaseError &) {
		return KB_ERR_IO;
	} catch (const Xapian::NetworkError &) {
		return KB_ERR_IO;
	} catch (const Xapian::DocNotFoundError &) {
		return KB_ERR_NOT_FOUND;
	} catch (const Xapian::InvalidArgumentError &) {
		return KB_ERR_ARG;
	} catch (const Xapian::InvalidOperationError &) {
		return KB_ERR_ARG;
	} catch (const Xapian::QueryParserError &) {
		return KB_ERR_QUERY_SYNTAX;
	} catch (...) {
		/* Any other Xapian::Error: the only thing the caller
		 * rethrows here. */
		return KB_ERR_XAPIAN;
	}
}

/* Sorts the exception being handled into a status: the one place where
 * exceptions become statuses.  Call it only from inside a catch handler
 * (guarded()'s catch (...), or kb_store_open()'s): it rethrows the
 * current exception and catches it again by type.  A Xapian::Error is
 * sorted further by xapian_status(); std::bad_alloc is KB_ERR_NOMEM and
 * anything else, other std::exceptions included, KB_ERR_INTERNAL.
 *
 * path, when not NULL, is the database being opened: a generic opening
 * error there means "not found" if nothing exists at path.  xe, when not
 * NULL, receives the Xapian::Error for the message, or NULL for any other
 * exception; it points at the exception object itself, which lives until
 * the caller's handler ends, so use it only inside that handler.  Never
 * throws. */
static kb_status_t
classify_current(const char *path = nullptr,
                 const Xapian::Error **xe = nullptr) noexcept
{
	if (xe)
		*xe = nullptr;
	try {
		throw;
	} catch (const Xapian::Error &e) {
		if (xe)
			*xe = &e;
		return xapian_status(path);
	} catch (const std::bad_alloc &) {
		return KB_ERR_NOMEM;
	} catch (...) {
		return KB_ERR_INTERNAL;
	}
}

/* What a failure is called: an I/O failure that Xapian traced to a system
 * error by that error ("permission denied", "read-only file system"),
 * anything else by its status string. */
static const char *
summary_of(kb_status_t status, const Xapian::Error *e, std::string &buf)
{
	const char *why = e ? system_cause(*e) : nullptr;

	if (status != KB_ERR_IO || why == nullptr)
		return kb_status_str(status);
	buf = why;
	if (buf[0] >= 'A' && buf[0] <= 'Z' &&
	    (buf.size() < 2 || (buf[1] >= 'a' && buf[1] <= 'z')))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf.c_str();
}

/* Records a failure of status on st and returns status.  summary NULL
 * means the status string.  st may be NULL (documents and queries have no
 * handle to carry a message); then only the status is returned. */
static kb_status_t
fail(kb_store *st, kb_status_t status, const subject &s,
     const char *summary = nullptr, const Xapian::Error *e = nullptr) noexcept
{
	if (st) {
		std::string buf;

		st->err = status;
		format_message(st->errmsg, s,
		               summary ? summary : summary_of(status, e, buf), e);
	}
	return status;
}

/* The body of guarded()'s catch (...): classifies the exception being
 * handled and, when st is not NULL, records it on st as "s: status
 * string", followed by Xapian's type and message when it is a
 * Xapian::Error.  Returns the status.  Never throws. */
static kb_status_t
fail_current(kb_store *st, const subject &s) noexcept
{
	const Xapian::Error *e;
	kb_status_t status = classify_current(nullptr, &e);

	return fail(st, status, s, nullptr, e);
}

/* Starts a call on st: the previous call's message is dropped, so that
 * kb_store_errmsg() always describes the last call. */
static void
begin(kb_store *st) noexcept
{
	st->err = KB_OK;
	st->errmsg.clear();
}

/* Checks that st may be written to; on failure records why. */
static kb_status_t
check_writable(kb_store *st, const char *op) noexcept
{
	if (st->wdb)
		return KB_OK;
	subject s = {op, st->path.data(), st->path.size(), nullptr};
	return fail(st, KB_ERR_ARG, s, "database is open read-only");
}

/* Checks a term passed in by the caller (see MAX_TERM); on failure records
 * why on st, which may be NULL. */
static kb_status_t
check_term(kb_store *st, const subject &s)
{
	if (s.bytes == nullptr)
		return fail(st, KB_ERR_ARG, s, "NULL term");
	if (s.len == 0)
		return fail(st, KB_ERR_ARG, s, "empty term");
	if (s.len > MAX_TERM)
		return fail(st, KB_ERR_ARG, s, "longer than 240 bytes");
	return KB_OK;
}

/* Bytes as a std::string; a NULL pointer with length 0 is the empty
 * string.  May throw std::bad_alloc. */
static std::string
bytes(const char *s, size_t len)
{
	return len ? std::string(s, len) : std::string();
}

/* Hands the caller a malloc'd, NUL-terminated copy of s.  out_len may be
 * NULL.  Returns KB_OK or KB_ERR_NOMEM (*out NULL), recorded on st as a
 * failure of subject a when st is not NULL. */
static kb_status_t
copy_out(kb_store *st, const subject &a, const std::string &s, char **out,
         size_t *out_len) noexcept
{
	char *p = (char *)malloc(s.size() + 1);

	if (!p)
		return fail(st, KB_ERR_NOMEM, a);
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*out = p;
	if (out_len)
		*out_len = s.size();
	return KB_OK;
}

/* kb_store_open() has no handle yet, so its message goes to *errmsg as a
 * malloc'd string (or stays NULL if even that cannot be allocated). */
static kb_status_t
open_failed(char **errmsg, kb_status_t status, const subject &s,
            const char *summary, const Xapian::Error *e) noexcept
{
	if (errmsg) {
		std::string msg, buf;

		if (!summary)
			summary = status == KB_ERR_NOT_FOUND
			              ? "no database here"
			              : summary_of(status, e, buf);
		format_message(msg, s, summary, e);
		*errmsg =
		    strdup(msg.empty() ? kb_status_str(status) : msg.c_str());
	}
	return status;
}

/* Copies a document term by term.  Xapian::Document is a reference-counted
 * handle, so a plain copy shares its contents: adding the id term to one
 * would change the caller's const document too.  May throw. */
static Xapian::Document
clone_document(const Xapian::Document &src)
{
	Xapian::Document d;

	d.set_data(src.get_data());
	for (Xapian::ValueIterator v = src.values_begin();
	     v != src.values_end(); ++v)
		d.add_value(v.get_valueno(), *v);
	for (Xapian::TermIterator t = src.termlist_begin();
	     t != src.termlist_end(); ++t) {
		const std::string term = *t;

		/* The wdf first, then the positions with no increment, so
		 * that both come out as they were (and a boolean term keeps
		 * its wdf of 0). */
		d.add_term(term, t.get_wdf());
		for (Xapian::PositionIterator p = t.positionlist_begin();
		     p != t.positionlist_end(); ++p)
			d.add_posting(term, *p, 0);
	}
	return d;
}

/* ---- the firewall ------------------------------------------------- */

/* Inside guarded()'s handler: true when the exception says a writer's
 * commits overwrote the revision a reader was reading
 * (DatabaseModifiedError), tries < retries, and the handle could be
 * reopened at the newest revision.  Never throws. */
#define KB_STORE_RETRIES 3
static bool
reopened_after_change(kb_store *st, int tries, int retries) noexcept
{
	if (st == nullptr || st->wdb != nullptr || tries >= retries ||
	    classify_current() != KB_ERR_RETRY)
		return false;
	try {
		st->db->reopen();
		return true;
	} catch (...) {
		return false;
	}
}

/* Runs body(), which returns a kb_status_t, as the whole of an entry
 * point: the one handler that every guarded call shares.  An exception
 * from body is classified and, when st is not NULL, recorded on st as
 * "s: status string" followed by Xapian's type and message (see
 * fail_current()); its status is returned.  With retries > 0 (readers,
 * see on_reader()), a DatabaseModifiedError reopens the handle and runs
 * body again, up to retries times: the one place where readers retry.
 * s is read only after body has thrown, so body may still fill it in (to
 * name the hit it reached).  Never throws. */
template <class F>
static kb_status_t
guarded(kb_store *st, const subject &s, F &&body, int retries = 0) noexcept
{
	for (int tries = 0;; tries++) {
		try {
			return body();
		} catch (...) {
			if (!reopened_after_change(st, tries, retries))
				return fail_current(st, s);
		}
	}
}

/* guarded() for documents and queries, which have no handle to carry a
 * message: only the status comes back. */
template <class F>
static kb_status_t
guarded(F &&body) noexcept
{
	return guarded(nullptr, subject{}, body);
}

/* A call on the store handle st: NULL is KB_ERR_ARG, with nowhere to put
 * a message; otherwise the previous call's message is dropped (begin())
 * and body runs guarded, its failures named after s. */
template <class F>
static kb_status_t
on_store(kb_store *st, const subject &s, F &&body) noexcept
{
	if (!st)
		return KB_ERR_ARG;
	begin(st);
	return guarded(st, s, body);
}

/* on_store() for a read that can simply run again: when a writer's
 * commits overwrite the revision it reads, the handle is reopened at the
 * newest revision and body runs again (see guarded(); kb_store_search and
 * every lookup go through it).  body must have no effect that a second
 * run would repeat. */
template <class F>
static kb_status_t
on_reader(kb_store *st, const subject &s, F &&body) noexcept
{
	if (!st)
		return KB_ERR_ARG;
	begin(st);
	return guarded(st, s, body, KB_STORE_RETRIES);
}

/* on_store() for a call that writes: on a read-only handle it fails
 * before body runs, as "op 'path': database is open read-only". */
template <class F>
static kb_status_t
on_writer(kb_store *st, const char *op, const subject &s, F &&body) noexcept
{
	return on_store(st, s, [&] {
		const kb_status_t rc = check_writable(st, op);

		return rc != KB_OK ? rc : body();
	});
}

/* The body of kb_store_commit() and the three transaction calls, each
 * named what: on a writer, fails with refusal unless the handle is inside
 * a transaction exactly when in_txn says, then runs step(). */
template <class F>
static kb_status_t
txn_call(kb_store *st, const char *what, bool in_txn, const char *refusal,
         F &&step) noexcept
{
	const subject s = {what, nullptr, 0, nullptr};

	return on_writer(st, what, s, [&] {
		if (st->in_txn != in_txn)
			return fail(st, KB_ERR_ARG, s, refusal);
		step();
		return KB_OK;
	});
}

/* The body of kb_doc_add_posting(), _add_term() and _add_boolean(): checks
 * doc and the term (see MAX_TERM), then hands the term to add(). */
template <class F>
static kb_status_t
add_to_doc(kb_doc *doc, const char *term, size_t len, F &&add) noexcept
{
	const subject s = {"term", term, len, nullptr};

	if (!doc)
		return KB_ERR_ARG;
	return guarded([&] {
		if (check_term(nullptr, s) != KB_OK)
			return KB_ERR_ARG;
		add(std::string(term, len));
		return KB_OK;
	});
}

/* The body of every query constructor: *out is NULL (out itself must not
 * be) unless build(q) fills in q and returns KB_OK, and then *out is a new
 * node holding q. */
template <class F>
static kb_status_t
new_query(kb_query_t **out, F &&build) noexcept
{
	if (!out)
		return KB_ERR_ARG;
	*out = nullptr;
	return guarded([&] {
		Xapian::Query q;
		const kb_status_t rc = build(q);

		if (rc != KB_OK)
			return rc;
		*out = new (std::nothrow) kb_query{q};
		return *out ? KB_OK : KB_ERR_NOMEM;
	});
}

/* The body of kb_store_get_data() and kb_store_get_value(): hands the
 * caller a copy of what read() takes from document docid, which s names
 * in messages. */
template <class F>
static kb_status_t
read_document(kb_store *st, unsigned docid, const subject &s, char **out,
              size_t *out_len, F &&read) noexcept
{
	if (out)
		*out = nullptr;
	return on_reader(st, s, [&] {
		if (!out)
			return fail(st, KB_ERR_ARG, s, "NULL out");
		return copy_out(st, s, read(st->db->get_document(docid)), out,
		                out_len);
	});
}

extern "C" {

/* ---- the database ------------------------------------------------- */

/* What path names now: its device and inode.  False when it cannot be
 * told (the path is gone for a moment, or is not local). */
static bool
identify(const char *path, dev_t *dev, ino_t *ino) noexcept
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	*dev = sb.st_dev;
	*ino = sb.st_ino;
	return true;
}

kb_status_t
kb_store_open(const char *path, kb_store_mode_t mode, kb_store_t **out,
              char **errmsg)
{
	const subject s = {nullptr, path, path ? strlen(path) : 0, nullptr};
	kb_store *st = nullptr;

	if (errmsg)
		*errmsg = nullptr;
	if (out)
		*out = nullptr;
	if (!path || !out)
		return open_failed(errmsg, KB_ERR_ARG,
		                   {"kb_store_open", nullptr, 0, nullptr},
		                   "NULL path or handle pointer", nullptr);
	if (mode != KB_STORE_READ && mode != KB_STORE_WRITE &&
	    mode != KB_STORE_CREATE)
		return open_failed(errmsg, KB_ERR_ARG, s, "unknown open mode",
		                   nullptr);
	/* Not guarded(): there is no handle yet, so the message goes to
	 * *errmsg, and a generic opening error is sorted by path. */
	try {
		st = new (std::nothrow) kb_store;
		if (!st)
			return open_failed(errmsg, KB_ERR_NOMEM, s, nullptr,
			                   nullptr);
		st->path = path;
		if (mode == KB_STORE_READ) {
			/* The Database constructor also reads stub files
			 * ("auto shard1", "remote ..." lines), which is
			 * how a sharded knowledge base is searched. */
			st->db = new Xapian::Database(path);
			identify(path, &st->dev, &st->ino);
			/* An empty file (or one of comments) reads as a stub
			 * naming no database at all: refuse it here rather
			 * than fail at the first search. */
			if (st->db->size() == 0) {
				delete st;
				return open_failed(errmsg, KB_ERR_CORRUPT, s,
				                   "not a database (a stub file "
				                   "naming no database)",
				                   nullptr);
			}
		} else {
			st->wdb = new Xapian::WritableDatabase(
			    path, mode == KB_STORE_CREATE
			              ? Xapian::DB_CREATE_OR_OPEN
			              : Xapian::DB_OPEN);
			st->db = st->wdb;
		}
		*out = st;
		return KB_OK;
	} catch (...) {
		const Xapian::Error *e;
		kb_status_t status = classify_current(path, &e);

		delete st;
		return open_failed(errmsg, status, s, nullptr, e);
	}
}

void
kb_store_close(kb_store_t *st)
{
	if (!st)
		return;
	try {
		/* Like Xapian's own destructor: an unfinished transaction
		 * is all-or-nothing, so it is dropped, while changes made
		 * outside one are committed. */
		if (st->wdb) {
			if (st->in_txn) {
				st->in_txn = false;
				st->wdb->cancel_transaction();
			}
			st->wdb->commit();
		}
		st->db->close();
	} catch (...) {
		/* Closing cannot report: kb_store.h says a failure of
		 * this final commit is lost.  The handle is freed below
		 * either way. */
	}
	delete st;
}

const char *
kb_store_errmsg(const kb_store_t *st) noexcept
{
	if (!st || st->err == KB_OK)
		return nullptr;
	return st->errmsg.empty() ? kb_status_str(st->err) : st->errmsg.c_str();
}

kb_status_t
kb_store_commit(kb_store_t *st)
{
	return txn_call(st, "commit", false,
	                "inside a transaction; use kb_store_txn_commit",
	                [&] { st->wdb->commit(); });
}

kb_status_t
kb_store_txn_begin(kb_store_t *st)
{
	/* A flushed transaction (the default): Xapian commits what was
	 * pending before it starts, and commit_transaction() writes it to
	 * disk.  So a committed transaction is durable, and cancelling one
	 * can never throw away changes made before it began, which an
	 * unflushed one would. */
	return txn_call(st, "transaction", false,
	                "already in a transaction (they do not nest)", [&] {
		                st->wdb->begin_transaction(true);
		                st->in_txn = true;
	                });
}

/* Xapian ends the transaction even when committing or cancelling it fails
 * (and then none of it is applied), so in_txn is cleared first. */
kb_status_t
kb_store_txn_commit(kb_store_t *st)
{
	return txn_call(st, "transaction commit", true, "no transaction", [&] {
		st->in_txn = false;
		st->wdb->commit_transaction();
	});
}

kb_status_t
kb_store_txn_cancel(kb_store_t *st)
{
	return txn_call(st, "transaction cancel", true, "no transaction", [&] {
		st->in_txn = false;
		st->wdb->cancel_transaction();
	});
}

kb_status_t
kb_store_reopen(kb_store_t *st)
{
	const subject s = {"reopen", nullptr, 0, nullptr};

	return on_store(st, s, [&] {
		/* A writer always sees the latest revision, so this only
		 * does something on a reader. */
		dev_t dev;
		ino_t ino;

		/* A database replaced by another at the same path (the
		 * indexer's compacted copy, a rewritten stub file) is
		 * opened anew: the old handle would keep reading the old
		 * files. */
		if (!st->wdb && identify(st->path.c_str(), &dev, &ino) &&
		    (dev != st->dev || ino != st->ino)) {
			Xapian::Database *fresh = new Xapian::Database(st->path);

			delete st->db;
			st->db = fresh;
			st->dev = dev;
			st->ino = ino;
			return KB_OK;
		}
		st->db->reopen();
		return KB_OK;
	});
}

kb_status_t
kb_store_doc_count(kb_store_t *st, uint64_t *out)
{
	const subject s = {"document count", nullptr, 0, nullptr};

	return on_reader(st, s, [&] {
		if (!out)
			return fail(st, KB_ERR_ARG, s, "NULL out");
		*out = st->db->get_doccount();
		return KB_OK;
	});
}

kb_status_t
kb_store_term_freq(kb_store_t *st, const char *term, size_t len, uint64_t *out)
{
	const subject s = {"term", term, len, nullptr};

	return on_reader(st, s, [&] {
		if (!out)
			return fail(st, KB_ERR_ARG, s, "NULL out");
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		*out = st->db->get_termfreq(std::string(term, len));
		return KB_OK;
	});
}

kb_status_t
kb_store_terms(kb_store_t *st, const char *prefix, size_t prefix_len,
               kb_term_fn fn, void *ctx)
{
	const subject s = {"term prefix", prefix, prefix_len, nullptr};

	return on_store(st, s, [&] {
		if (!fn || (!prefix && prefix_len))
			return fail(st, KB_ERR_ARG, s,
			            "NULL callback or prefix");
		const std::string pfx = bytes(prefix, prefix_len);
		const Xapian::TermIterator end = st->db->allterms_end(pfx);

		for (Xapian::TermIterator t = st->db->allterms_begin(pfx);
		     t != end; ++t) {
			const std::string term = *t;
			kb_status_t rc =
			    fn(ctx, term.data(), term.size(), t.get_termfreq());

			if (rc == KB_DONE)
				break;
			if (rc != KB_OK) {
				subject at = {"callback stopped at term",
				              term.data(), term.size(),
				              nullptr};
				return fail(st, rc, at);
			}
		}
		return KB_OK;
	});
}

kb_status_t
kb_store_get_metadata(kb_store_t *st, const char *key, char **out,
                      size_t *out_len)
{
	const subject s = {"metadata key", key, key ? strlen(key) : 0, nullptr};

	if (out)
		*out = nullptr;
	return on_reader(st, s, [&] {
		if (!key || !out)
			return fail(st, KB_ERR_ARG, s, "NULL key or out");
		/* Xapian gives an empty string for a missing key, and
		 * setting an empty value deletes one, so empty and missing
		 * are the same thing. */
		const std::string v = st->db->get_metadata(key);

		if (v.empty())
			return fail(st, KB_ERR_NOT_FOUND, s);
		return copy_out(st, s, v, out, out_len);
	});
}

kb_status_t
kb_store_set_metadata(kb_store_t *st, const char *key, const char *value,
                      size_t len)
{
	const subject s = {"metadata key", key, key ? strlen(key) : 0, nullptr};

	return on_writer(st, "set metadata", s, [&] {
		if (!key || (!value && len))
			return fail(st, KB_ERR_ARG, s, "NULL key or value");
		st->wdb->set_metadata(key, bytes(value, len));
		return KB_OK;
	});
}

/* ---- spelling ----------------------------------------------------- */

/* Xapian's own default edit distance for spelling suggestions, which
 * kb_store_spelling() uses when it is given 0. */
#define DEFAULT_MAX_EDIT 2

kb_status_t
kb_store_add_spelling(kb_store_t *st, const char *word, size_t len,
                      unsigned freqinc)
{
	const subject s = {"spelling word", word, len, nullptr};

	return on_writer(st, "add spelling", s, [&] {
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		/* Xapian takes an increase of 0, but then records the word's
		 * letter groups without the word itself: it can be suggested,
		 * with no frequency, yet is missing from the word list. */
		if (freqinc == 0)
			return fail(st, KB_ERR_ARG, s,
			            "frequency increase of 0");
		st->wdb->add_spelling(std::string(word, len), freqinc);
		return KB_OK;
	});
}

kb_status_t
kb_store_spelling(kb_store_t *st, const char *word, size_t len,
                  unsigned max_edit, char **out)
{
	const subject s = {"spelling word", word, len, nullptr};

	if (out)
		*out = nullptr;
	return on_reader(st, s, [&] {
		if (!out)
			return fail(st, KB_ERR_ARG, s, "NULL out");
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		/* Xapian answers "" both when nothing is near enough and for
		 * a word already in the dictionary with no more frequent
		 * neighbour (it never suggests the word itself).  On a stub
		 * database it merges the shards' candidates and adds up
		 * their frequencies. */
		const std::string sug = st->db->get_spelling_suggestion(
		    std::string(word, len),
		    max_edit ? max_edit : DEFAULT_MAX_EDIT);

		if (sug.empty())
			return fail(st, KB_ERR_NOT_FOUND, s,
			            "no spelling suggestion");
		return copy_out(st, s, sug, out, nullptr);
	});
}

/* ---- compaction --------------------------------------------------- */

/* A single-file glass database starts with its version header: the
 * 14-byte magic, a 2-byte format version, then the database's 16-byte
 * UUID (see kb_store.h, kb_store_compact). */
static const char GLASS_MAGIC[] = "\x0f\x0dXapian Glass";
#define GLASS_MAGIC_LEN 14
#define GLASS_UUID_AT 16
#define GLASS_UUID_LEN 16

/* Reads the whole file at path into out.  False when it cannot. */
static bool
read_whole(const char *path, std::string &out)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return false;
	out.clear();
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		out.append(buf, n);
	const bool ok = !ferror(f);
	fclose(f);
	return ok;
}

/* Replaces the UUID of the single-file glass database at path by one made
 * from a hash of every other byte of it.  Returns KB_OK, KB_ERR_IO or
 * KB_ERR_CORRUPT (not a glass file), recorded on st.  May throw
 * std::bad_alloc. */
static kb_status_t
stabilise_uuid(kb_store *st, const char *path)
{
	const subject s = {"compact to", path, strlen(path), nullptr};
	std::string file;

	if (!read_whole(path, file))
		return fail(st, KB_ERR_IO, s, "cannot read the compacted file");
	if (file.size() < GLASS_UUID_AT + GLASS_UUID_LEN ||
	    memcmp(file.data(), GLASS_MAGIC, GLASS_MAGIC_LEN) != 0)
		return fail(st, KB_ERR_CORRUPT, s,
		            "not a single-file glass database");
	/* Hash the file with its UUID zeroed, twice (the second time with
	 * one more byte) for 128 bits. */
	memset(&file[GLASS_UUID_AT], 0, GLASS_UUID_LEN);
	unsigned long long h[2];
	h[0] = kb_hash64(file.data(), file.size());
	file.push_back('\x01');
	h[1] = kb_hash64(file.data(), file.size());
	unsigned char uuid[GLASS_UUID_LEN];
	for (int i = 0; i < GLASS_UUID_LEN; i++)
		uuid[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
	/* RFC 9562: version 8 (custom), variant 10. */
	uuid[6] = (unsigned char)((uuid[6] & 0x0f) | 0x80);
	uuid[8] = (unsigned char)((uuid[8] & 0x3f) | 0x80);

	FILE *f = fopen(path, "r+b");
	if (!f)
		return fail(st, KB_ERR_IO, s, "cannot rewrite the UUID");
	bool ok = fseek(f, GLASS_UUID_AT, SEEK_SET) == 0 &&
	          fwrite(uuid, 1, GLASS_UUID_LEN, f) == GLASS_UUID_LEN;
	ok = (fclose(f) == 0) && ok;
	if (!ok)
		return fail(st, KB_ERR_IO, s, "cannot rewrite the UUID");
	return KB_OK;
}

kb_status_t
kb_store_compact(kb_store_t *st, const char *dst, unsigned flags)
{
	const subject s = {"compact to", dst, dst ? strlen(dst) : 0, nullptr};
	const unsigned known = KB_COMPACT_SINGLE_FILE | KB_COMPACT_STABLE_UUID;

	return on_store(st, s, [&] {
		if (!dst)
			return fail(st, KB_ERR_ARG, s, "NULL destination");
		if ((flags & ~known) != 0 ||
		    ((flags & KB_COMPACT_STABLE_UUID) &&
		     !(flags & KB_COMPACT_SINGLE_FILE)))
			return fail(st, KB_ERR_ARG, s, "bad compaction flags");
		unsigned xflags = Xapian::DBCOMPACT_NO_RENUMBER;

		if (flags & KB_COMPACT_SINGLE_FILE) {
			xflags |= Xapian::DBCOMPACT_SINGLE_FILE;
			/* Xapian writes into an existing file in place,
			 * keeping any bytes past the new end. */
			if (unlink(dst) != 0 && errno != ENOENT)
				return fail(st, KB_ERR_IO, s,
				            "cannot replace the old file");
		}
		st->db->compact(dst, xflags);
		if (flags & KB_COMPACT_STABLE_UUID) {
			const kb_status_t rc = stabilise_uuid(st, dst);

			if (rc != KB_OK)
				return rc;
			/* Xapian must still read it. */
			Xapian::Database check(dst);
			(void)check.get_doccount();
		}
		return KB_OK;
	});
}

/* ---- documents ---------------------------------------------------- */

/* Allocates with std::nothrow and builds a Xapian::Document, whose
 * constructor only allocates, so it is guarded for std::bad_alloc. */
kb_status_t
kb_doc_new(kb_doc_t **out)
{
	if (!out)
		return KB_ERR_ARG;
	return guarded([&] {
		*out = new (std::nothrow) kb_doc;
		return *out ? KB_OK : KB_ERR_NOMEM;
	});
}

/* Destructors are implicitly noexcept, Xapian's included, so deleting
 * cannot throw. */
void
kb_doc_free(kb_doc_t *doc) noexcept
{
	delete doc;
}

kb_status_t
kb_doc_add_posting(kb_doc_t *doc, const char *term, size_t len, unsigned pos,
                   unsigned wdf_inc)
{
	return add_to_doc(doc, term, len, [&](const std::string &t) {
		doc->doc.add_posting(t, pos, wdf_inc);
	});
}

kb_status_t
kb_doc_add_term(kb_doc_t *doc, const char *term, size_t len, unsigned wdf_inc)
{
	return add_to_doc(doc, term, len, [&](const std::string &t) {
		doc->doc.add_term(t, wdf_inc);
	});
}

kb_status_t
kb_doc_add_boolean(kb_doc_t *doc, const char *term, size_t len)
{
	return add_to_doc(doc, term, len, [&](const std::string &t) {
		doc->doc.add_boolean_term(t);
	});
}

kb_status_t
kb_doc_set_value(kb_doc_t *doc, unsigned slot, const char *v, size_t len)
{
	/* Xapian reserves the highest slot number as BAD_VALUENO. */
	if (!doc || (!v && len) || slot == Xapian::BAD_VALUENO)
		return KB_ERR_ARG;
	return guarded([&] {
		doc->doc.add_value(slot, bytes(v, len));
		return KB_OK;
	});
}

kb_status_t
kb_doc_set_data(kb_doc_t *doc, const char *data, size_t len)
{
	if (!doc || (!data && len))
		return KB_ERR_ARG;
	return guarded([&] {
		doc->doc.set_data(bytes(data, len));
		return KB_OK;
	});
}

kb_status_t
kb_store_replace(kb_store_t *st, const char *idterm, size_t len,
                 const kb_doc_t *doc, unsigned *docid)
{
	const subject s = {"id term", idterm, len, nullptr};

	return on_writer(st, "replace", s, [&] {
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		if (!doc)
			return fail(st, KB_ERR_ARG, s, "NULL document");
		const std::string id(idterm, len);
		Xapian::Document d = clone_document(doc->doc);

		d.add_boolean_term(id);
		Xapian::docid did = st->wdb->replace_document(id, d);

		if (docid)
			*docid = did;
		return KB_OK;
	});
}

kb_status_t
kb_store_add(kb_store_t *st, const kb_doc_t *doc, unsigned *docid)
{
	const subject s = {"a document", nullptr, 0, nullptr};

	return on_writer(st, "add", s, [&] {
		if (!doc)
			return fail(st, KB_ERR_ARG, s, "NULL document");
		const Xapian::docid did = st->wdb->add_document(doc->doc);

		if (docid)
			*docid = did;
		return KB_OK;
	});
}

kb_status_t
kb_store_delete(kb_store_t *st, const char *term, size_t len)
{
	const subject s = {"delete term", term, len, nullptr};

	return on_writer(st, "delete", s, [&] {
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		st->wdb->delete_document(std::string(term, len));
		return KB_OK;
	});
}

kb_status_t
kb_store_find(kb_store_t *st, const char *idterm, size_t len, unsigned *docid)
{
	const subject s = {"id term", idterm, len, nullptr};

	return on_reader(st, s, [&] {
		if (!docid)
			return fail(st, KB_ERR_ARG, s, "NULL docid");
		if (const kb_status_t rc = check_term(st, s); rc != KB_OK)
			return rc;
		const std::string id(idterm, len);
		Xapian::PostingIterator p = st->db->postlist_begin(id);

		if (p == st->db->postlist_end(id))
			return fail(st, KB_ERR_NOT_FOUND, s,
			            "no document has it");
		*docid = *p;
		return KB_OK;
	});
}

kb_status_t
kb_store_get_data(kb_store_t *st, unsigned docid, char **out, size_t *out_len)
{
	char label[40];
	const subject s = {label, nullptr, 0, nullptr};

	snprintf(label, sizeof label, "document %u", docid);
	return read_document(
	    st, docid, s, out, out_len,
	    [](const Xapian::Document &d) { return d.get_data(); });
}

kb_status_t
kb_store_get_value(kb_store_t *st, unsigned docid, unsigned slot, char **out,
                   size_t *out_len)
{
	char label[64];
	const subject s = {label, nullptr, 0, nullptr};

	snprintf(label, sizeof label, "document %u value %u", docid, slot);
	return read_document(
	    st, docid, s, out, out_len,
	    [&](const Xapian::Document &d) { return d.get_value(slot); });
}

/* ---- queries ------------------------------------------------------ */

kb_status_t
kb_query_term(const char *term, size_t len, unsigned wqf, unsigned pos,
              kb_query_t **out)
{
	const subject s = {"term", term, len, nullptr};

	return new_query(out, [&](Xapian::Query &q) {
		/* An empty term matters here: Xapian::Query("") is
		 * MatchAll, which would turn a bug into "everything". */
		if (check_term(nullptr, s) != KB_OK)
			return KB_ERR_ARG;
		q = Xapian::Query(std::string(term, len), wqf ? wqf : 1, pos);
		return KB_OK;
	});
}

/* Xapian's operator for op; false for an op kb_store.h does not have. */
static bool
xapian_op(kb_query_op_t op, Xapian::Query::op *xop) noexcept
{
	switch (op) {
	case KB_QUERY_OR:
		*xop = Xapian::Query::OP_OR;
		return true;
	case KB_QUERY_AND:
		*xop = Xapian::Query::OP_AND;
		return true;
	case KB_QUERY_AND_NOT:
		*xop = Xapian::Query::OP_AND_NOT;
		return true;
	case KB_QUERY_AND_MAYBE:
		*xop = Xapian::Query::OP_AND_MAYBE;
		return true;
	case KB_QUERY_SYNONYM:
		*xop = Xapian::Query::OP_SYNONYM;
		return true;
	case KB_QUERY_PHRASE:
		*xop = Xapian::Query::OP_PHRASE;
		return true;
	case KB_QUERY_NEAR:
		*xop = Xapian::Query::OP_NEAR;
		return true;
	case KB_QUERY_FILTER:
		*xop = Xapian::Query::OP_FILTER;
		return true;
	}
	return false;
}

kb_status_t
kb_query_combine(kb_query_op_t op, kb_query_t *const *subs, size_t n,
                 unsigned window, kb_query_t **out)
{
	/* Sorted here, where op is still the plain argument: a C caller
	 * may pass any int, and reading an out-of-range enum through the
	 * lambda's reference is undefined (UBSan stops on it). */
	Xapian::Query::op xop = Xapian::Query::OP_OR;
	const bool known = xapian_op(op, &xop);

	return new_query(out, [&](Xapian::Query &q) {
		if ((n && !subs) || !known)
			return KB_ERR_ARG;
		std::vector<Xapian::Query> v;

		v.reserve(n);
		for (size_t i = 0; i < n; i++) {
			if (!subs[i])
				return KB_ERR_ARG;
			v.push_back(subs[i]->q);
		}
		/* Xapian ignores the window except for PHRASE and NEAR,
		 * where 0 already means "the number of sub-queries". */
		if (n)
			q = Xapian::Query(xop, v.begin(), v.end(), window);
		return KB_OK;
	});
}

kb_status_t
kb_query_scale(const kb_query_t *q, double factor, kb_query_t **out)
{
	return new_query(out, [&](Xapian::Query &scaled) {
		/* Xapian rejects a negative factor itself, but lets NaN
		 * and infinity through, and those would poison every
		 * weight they touch. */
		if (!q || !std::isfinite(factor) || factor < 0)
			return KB_ERR_ARG;
		scaled =
		    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor);
		return KB_OK;
	});
}

void
kb_query_free(kb_query_t *q) noexcept
{
	delete q;
}

kb_status_t
kb_query_describe(const kb_query_t *q, char **out)
{
	if (!out)
		return KB_ERR_ARG;
	*out = nullptr;
	if (!q)
		return KB_ERR_ARG;
	return guarded([&] {
		return copy_out(nullptr, subject{}, q->q.get_description(), out,
		                nullptr);
	});
}

/* ---- searching ---------------------------------------------------- */

void
kb_bm25_defaults(kb_bm25_t *p) noexcept
{
	if (!p)
		return;
	/* Xapian::BM25Weight's own defaults: k1 1.2 saturates term
	 * frequency early (the 3rd occurrence adds far less than the 1st);
	 * k2 0 turns off the extra document-length correction; k3 1 makes
	 * repeating a word in the query count for a little; b 0.5
	 * normalises for length only halfway, since long help articles are
	 * not just padded short ones; min_normlen 0.5 stops very short
	 * documents from getting huge weights. */
	p->k1 = 1.2;
	p->k2 = 0;
	p->k3 = 1;
	p->b = 0.5;
	p->min_normlen = 0.5;
}

void
kb_search_opts_init(kb_search_opts_t *o) noexcept
{
	if (!o)
		return;
	o->offset = 0;
	o->limit = 10;
	o->bm25 = nullptr;
	o->collapse_slot = -1;
	o->check_at_least = 0;
	o->skip_data = 0;
	o->facet_slot = -1;
}

/* True when the BM25 parameters are usable: finite, not negative, and b
 * at most 1.  Xapian would silently clamp bad values instead; an error
 * shows the caller's mistake. */
static bool
bm25_ok(const kb_bm25_t &p) noexcept
{
	const double v[] = {p.k1, p.k2, p.k3, p.b, p.min_normlen};

	for (double x : v)
		if (!std::isfinite(x) || x < 0)
			return false;
	return p.b <= 1;
}

kb_status_t
kb_store_search(kb_store_t *st, const kb_query_t *q,
                const kb_search_opts_t *opts, kb_hits_t **out)
{
	const subject s = {"search", nullptr, 0, q ? &q->q : nullptr};

	if (out)
		*out = nullptr;
	return on_reader(st, s, [&] {
		if (!q || !out)
			return fail(st, KB_ERR_ARG, s, "NULL query or out");
		kb_search_opts_t o;
		kb_bm25_t p;

		kb_search_opts_init(&o);
		if (opts)
			o = *opts;
		kb_bm25_defaults(&p);
		if (o.bm25)
			p = *o.bm25;
		if (!bm25_ok(p))
			return fail(st, KB_ERR_ARG, s,
			            "BM25 parameters must be finite and >= 0, "
			            "with b <= 1");
		/* Owned here until the search has run, so that a throw
		 * frees it. */
		std::unique_ptr<kb_hits> h(new (std::nothrow)
		                               kb_hits(st, *st->db));
		if (!h)
			return fail(st, KB_ERR_NOMEM, s);
		h->enquire.set_query(q->q);
		h->enquire.set_weighting_scheme(
		    Xapian::BM25Weight(p.k1, p.k2, p.k3, p.b, p.min_normlen));
		if (o.collapse_slot >= 0)
			h->enquire.set_collapse_key(
			    (Xapian::valueno)o.collapse_slot);
		if (o.facet_slot < 0) {
			h->mset = h->enquire.get_mset(
			    o.offset, o.limit ? o.limit : 10, o.check_at_least);
		} else {
			/* The spy sees every match only when the match runs
			 * to the end: check_at_least covers the database. */
			Xapian::ValueCountMatchSpy spy(
			    (Xapian::valueno)o.facet_slot);

			h->enquire.add_matchspy(&spy);
			h->mset = h->enquire.get_mset(
			    o.offset, o.limit ? o.limit : 10,
			    st->db->get_doccount());
			h->enquire.clear_matchspies();
			for (auto v = spy.values_begin(); v != spy.values_end();
			     ++v)
				h->facets.emplace_back(*v, v.get_termfreq());
		}
		h->want_data = !o.skip_data;
		*out = h.release();
		return KB_OK;
	});
}

uint64_t
kb_hits_estimate(const kb_hits_t *h)
{
	if (!h)
		return 0;
	try {
		return h->mset.get_matches_estimated();
	} catch (...) {
		/* The estimate is a stored number, but Xapian does not
		 * promise that reading it cannot throw, so this is not
		 * KB_STORE_NOEXCEPT; there is no status to return, so it
		 * is not guarded() either. */
		return 0;
	}
}

kb_status_t
kb_hits_facet(const kb_hits_t *h, size_t i, const char **value, size_t *len,
              uint64_t *count) noexcept
{
	if (!h || !value || !len || !count)
		return KB_ERR_ARG;
	if (i >= h->facets.size())
		return KB_DONE;
	*value = h->facets[i].first.data();
	*len = h->facets[i].first.size();
	*count = h->facets[i].second;
	return KB_OK;
}

kb_status_t
kb_hits_next(kb_hits_t *h, const kb_hit_t **hit)
{
	char label[48];
	subject s = {"hit", nullptr, 0, nullptr};

	if (hit)
		*hit = nullptr;
	if (!h || !hit)
		return KB_ERR_ARG;
	return on_store(h->store, s, [&] {
		/* No hit is current until this one is read, and none if
		 * reading it throws. */
		h->current = false;
		/* Step a copy, and keep it only once the hit is read: after
		 * a failure the same hit is tried again.  Once at the end,
		 * stay there (stepping past end() is an error in Xapian). */
		Xapian::MSetIterator next = h->mset.begin();

		if (h->started) {
			next = h->it;
			if (next != h->mset.end())
				++next;
		}
		if (next == h->mset.end()) {
			h->it = next;
			h->started = true;
			return KB_DONE;
		}
		snprintf(label, sizeof label, "hit (document %u)", *next);
		s.label = label;
		/* The data is stored compressed: reading it costs, so a
		 * caller that ranks on values can skip it. */
		if (h->want_data)
			h->data = next.get_document().get_data();
		else
			h->data.clear();
		h->it = next;
		h->started = true;
		h->current = true;
		h->hit.docid = *next;
		h->hit.rank = next.get_rank();
		h->hit.weight = next.get_weight();
		h->hit.data = h->want_data ? h->data.c_str() : nullptr;
		h->hit.data_len = h->data.size();
		h->hit.collapse_count = next.get_collapse_count();
		*hit = &h->hit;
		return KB_OK;
	});
}

kb_status_t
kb_hits_value(kb_hits_t *h, unsigned slot, const char **v, size_t *len)
{
	char label[64];
	const subject s = {label, nullptr, 0, nullptr};

	snprintf(label, sizeof label, "hit value %u", slot);
	if (v)
		*v = nullptr;
	if (len)
		*len = 0;
	if (!h || !v)
		return KB_ERR_ARG;
	return on_store(h->store, s, [&] {
		if (!h->current)
			return fail(h->store, KB_ERR_ARG, s, "no current hit");
		h->value = h->it.get_document().get_value(slot);
		*v = h->value.c_str();
		if (len)
			*len = h->value.size();
		return KB_OK;
	});
}

void
kb_hits_free(kb_hits_t *h) noexcept
{
	delete h;
}

} /* extern "C" */
