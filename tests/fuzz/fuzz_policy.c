/*
 * Fuzz target: standards, schemes and allocation tables (the first byte
 * picks which), loaded, bound to a header and applied to a row.
 */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "ki/alloc.h"
#include "ki/hdr.h"
#include "ki/scheme.h"
#include "ki/std.h"

static const char *const cols[] = { "urn", "year", "phase", "funding",
	"category", "below_floor", "ks2_rwm_exp", "ks2_read_prog",
	"ks2_read_prog_upper", "ks2_cohort", "ofsted_grade", "min_days" };
static const char *const row[] = { "1", "2019", "primary", "maintained",
	"Red", "yes", "60", "-6", "-1", "30", "4", "20" };
#define NCOL (sizeof(cols) / sizeof(cols[0]))

static const char *
hist(void *arg, long col, int year)
{
	(void)arg;
	return year % 2 ? row[col] : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ki_cond_ctx ctx = { row, 2019, hist, NULL, NULL };
	struct ki_err err;
	struct ki_hdr *h;
	const char *path;
	size_t i;

	if (size < 1 || (h = ki_hdr_new()) == NULL)
		return 0;
	for (i = 0; i < NCOL; i++)
		ki_hdr_add(h, cols[i]);
	if ((path = fuzz_file(data + 1, size - 1, ".json")) == NULL) {
		ki_hdr_free(h);
		return 0;
	}
	switch (data[0] % 3) {
	case 0: {
		struct ki_std *s = ki_std_load(path, &err);
		struct ki_verdict v;

		memset(&v, 0, sizeof(v));
		if (s != NULL && ki_std_bind(s, h, NULL, path, &err) == 0) {
			ki_std_judge(s, "floor", row, 2019, &v, &err);
			ki_std_judge(s, "coasting", row, 2019, &v, &err);
		}
		ki_verdict_free(&v);
		ki_std_free(s);
		break;
	}
	case 1: {
		struct ki_scheme *s = ki_scheme_load(path, &err);
		struct ki_choice ch;

		memset(&ch, 0, sizeof(ch));
		if (s != NULL && ki_scheme_bind(s, h, NULL, path, &err) == 0)
			ki_scheme_choose(s, &ctx, &ch, &err);
		ki_choice_free(&ch);
		ki_scheme_free(s);
		break;
	}
	default: {
		struct ki_table *t = ki_table_load(path, &err);
		struct ki_alloc a;

		memset(&a, 0, sizeof(a));
		if (t != NULL && ki_table_bind(t, h, path, &err) == 0)
			ki_table_apply(t, &ctx, "Red", &a, &err);
		ki_alloc_free(&a);
		ki_table_free(t);
		break;
	}
	}
	unlink(path);
	ki_hdr_free(h);
	return 0;
}
