/* Checks on what every record must be: a URN of digits, a clean header. */
#include <stdio.h>
#include <string.h>

#include "ki/urn.h"

#define BOM	"\xEF\xBB\xBF"

int
ki_urn_check(const char *v, const char *file, long line, struct ki_err *err)
{
	const char *p, *d, *bom;
	char clean[64];
	size_t n = 0;

	/* Ofsted's early years settings: EY and digits (EY900041). */
	p = strncmp(v, "EY", 2) == 0 ? v + 2 : v;
	for (d = p; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0' && p != d)
		return 0;
	/* The digits without the BOM, to show what the row meant. */
	if ((bom = strstr(v, BOM)) != NULL) {
		for (p = v; *p != '\0' && n + 1 < sizeof(clean); p++)
			if (strncmp(p, BOM, 3) == 0)
				p += 2;
			else
				clean[n++] = *p;
		clean[n] = '\0';
		return ki_err_set(err, file, line, "urn", "a byte-order mark "
		    "(U+FEFF) %s \"%s\": a URN is digits only",
		    bom == v ? "before" : "in", clean);
	}
	if (*p == ' ' || *p == '\t')
		return ki_err_set(err, file, line, "urn", "\"%s\" has %s: a "
		    "URN is digits only", v, *p == ' ' ? "a space" : "a tab");
	return ki_err_set(err, file, line, "urn", "\"%s\" is not a URN "
	    "(digits, or EY and digits)", v);
}

int
ki_urn_rec(const struct ki_hdr *h, const struct ki_rec *rec,
    const char *file, struct ki_err *err)
{
	long k = ki_hdr_index(h, "urn");

	if (k < 0 || (size_t)k >= rec->n || rec->v[k] == NULL ||
	    rec->v[k][0] == '\0')
		return 0;
	return ki_urn_check(rec->v[k], file, rec->line, err);
}

int
ki_urn_hdr_name(const char *name, const char *file, long line,
    struct ki_err *err)
{
	char clean[128];
	const char *p;
	size_t n = 0;

	if (strstr(name, BOM) == NULL)
		return 0;
	for (p = name; *p != '\0' && n + 1 < sizeof(clean); p++)
		if (strncmp(p, BOM, 3) == 0)
			p += 2;
		else
			clean[n++] = *p;
	clean[n] = '\0';
	return ki_err_set(err, file, line, clean, "a byte-order mark (U+FEFF) "
	    "in a column name: only the very start of a file may have one");
}
