/* kb_status.c - status strings. */
#include "kb_status.h"

const char *
kb_status_str(kb_status_t status)
{
	switch (status) {
	case KB_OK:
		return "success";
	case KB_DONE:
		return "done";
	case KB_ERR_NOMEM:
		return "out of memory";
	case KB_ERR_IO:
		return "input/output error";
	case KB_ERR_ARG:
		return "invalid argument";
	case KB_ERR_RANGE:
		return "value out of range";
	case KB_ERR_NOT_FOUND:
		return "not found";
	case KB_ERR_QUERY_SYNTAX:
		return "query syntax error";
	case KB_ERR_CORRUPT:
		return "corrupt data";
	case KB_ERR_LOCKED:
		return "database is locked";
	case KB_ERR_RETRY:
		return "database modified, retry";
	case KB_ERR_XAPIAN:
		return "Xapian error";
	case KB_ERR_INTERNAL:
		return "internal error";
	}
	return "unknown status";
}
