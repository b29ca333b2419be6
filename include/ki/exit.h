/* Exit statuses shared by every ki binary. */
#ifndef KI_EXIT_H
#define KI_EXIT_H

enum {
	KI_EXIT_OK = 0,		/* success */
	KI_EXIT_DATA = 1,	/* bad data, or a failed read or write */
	KI_EXIT_USAGE = 2	/* bad usage */
};

#endif
