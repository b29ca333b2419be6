/* Advisers and the assignment of schools to them. */
#ifndef KI_ASSIGN_H
#define KI_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "ki/err.h"
#include "ki/keys.h"

struct ki_adviser {
	char *id;
	char *name;
	char **districts;	/* NULL-terminated; empty means any */
	char **phases;		/* NULL-terminated; empty means any */
	int64_t capacity;	/* hundredths of a day */
	int64_t load;		/* assigned so far */
};

struct ki_advisers {
	struct ki_adviser *a;	/* sorted by id */
	size_t n;
};

/* Why a job was not placed. */
enum { KI_WHY_PLACED, KI_WHY_NO_ADVISER, KI_WHY_FULL, KI_WHY_NO_CAPACITY };

/*
 * A school to place: 32 bytes, so that a million schools fit in a few
 * tens of megabytes. district and phase are 1 + their index in the names
 * given to ki_assign, 0 when blank.
 */
struct ki_job {
	const char *urn;
	int64_t days;		/* hundredths; 0 or less: not to place */
	uint32_t district;
	uint32_t phase;
	int32_t adviser;	/* index into advisers, or -1 */
	unsigned char near;	/* placed with an adviser of its district, not its phase */
	unsigned char why;	/* KI_WHY_*: why not placed */
};

/*
 * Read the adviser CSV (or NDJSON) at path: columns id, name, districts,
 * phases (each a list split on ';'), capacity (days, up to two decimals).
 * Rejects a duplicate id, a negative or non-numeric capacity, a blank id,
 * and, when districts is not NULL, a district no school has (a typo).
 * Returns 0, or -1 with err at the file and line.
 */
int ki_advisers_load(struct ki_advisers *adv, const char *path,
    const struct ki_keys *districts, struct ki_err *err);

/* Free what ki_advisers_load allocated. */
void ki_advisers_free(struct ki_advisers *adv);

/*
 * Place each job with an adviser: one covering its district and phase with
 * room for its days, the least loaded first; else one covering its
 * district. Never over capacity. Then moves schools while a move to a less
 * loaded adviser of their district and phase makes the loads more even.
 * The result does not depend on the order of jobs or advisers (jobs with
 * the same urn and days are taken in their order). A job with no days (0
 * or less) is not placed. districts and phases hold the names the jobs'
 * ids count in; an adviser's name not among them covers no job. Sets each job's
 * adviser (or why), and each adviser's load. Returns 0, or -1 on
 * allocation failure (or more than 2^32 - 1 jobs).
 */
int ki_assign(struct ki_advisers *adv, const struct ki_keys *districts,
    const struct ki_keys *phases, struct ki_job *jobs, size_t n);

/*
 * Why job j was not placed, in words, into buf: district is the name of
 * its district (NULL when blank).
 */
void ki_assign_why(const struct ki_job *j, const char *district, char *buf,
    size_t size);

#endif
