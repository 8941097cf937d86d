/* cplusplus.cc - checks that every public header compiles as C++.
 *
 * The headers promise extern "C" guards and no C-only constructs, so a
 * C++ program (a future front end, or a test written with a C++ tool) can
 * use the library.  Compiling this file is most of the test; the calls
 * below also prove that the names link without C++ mangling.  (The idea
 * is cmark's api_test/cplusplus.cpp.)
 */
#include <cstdio>
#include <cstring>

#include "../util/kb_buf.h"
#include "../util/kb_array.h"
#include "../util/kb_errmsg.h"
#include "../util/kb_escape.h"
#include "../util/kb_hash.h"
#include "../util/kb_lexfile.h"
#include "../util/kb_regex.h"
#include "../util/kb_schema.h"
#include "../util/kb_status.h"
#include "../util/kb_strset.h"
#include "../util/kb_time.h"
#include "../text/kb_text.h"
#include "../store/kb_store.h"
#include "../clean/kb_clean.h"
#include "../indexer/kb_indexer.h"
#include "../snippet/kb_snippet.h"
#include "../eval/kb_eval.h"
#include "../query/kb_query.h"
#include "../faq/kb_faq.h"

/* The calls kb_store.h marks KB_STORE_NOEXCEPT are noexcept to C++. */
static_assert(noexcept(kb_store_errmsg(nullptr)), "kb_store_errmsg");
static_assert(noexcept(kb_doc_free(nullptr)), "kb_doc_free");
static_assert(noexcept(kb_query_free(nullptr)), "kb_query_free");
static_assert(noexcept(kb_hits_free(nullptr)), "kb_hits_free");
static_assert(noexcept(kb_bm25_defaults(nullptr)), "kb_bm25_defaults");
static_assert(noexcept(kb_search_opts_init(nullptr)), "kb_search_opts_init");

int
main()
{
	kb_bm25_t p;
	kb_search_opts_t o;
	kb_buf_t b;

	kb_bm25_defaults(&p);
	kb_search_opts_init(&o);
	kb_buf_init(&b);
	kb_buf_puts(&b, kb_status_str(KB_ERR_LOCKED));
	bool ok = p.k1 == 1.2 && o.limit == 10 && o.collapse_slot == -1 &&
	          b.err == KB_OK &&
	          std::strcmp(b.data, "database is locked") == 0;
	kb_buf_free(&b);
	if (!ok) {
		std::printf("cplusplus: unexpected values from the C API\n");
		return 1;
	}
	std::printf("cplusplus: headers compile as C++\n");
	return 0;
}
