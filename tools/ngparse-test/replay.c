// SPDX-License-Identifier: GPL-2.0
/*
 * ngparse-replay: replay fuzz inputs through the kernel's conversion
 * messages (NGM_ASCII2BINARY / NGM_BINARY2ASCII), to find in the running
 * kernel what the host fuzzer finds in userland: memory errors (KASAN
 * reports on the console) and broken round trips.
 *
 * Usage: ngparse-replay [-n MAX] FILE|DIR...
 *
 * Every input (a file; its first byte is ignored, as the host fuzzer uses
 * it to pick a type) goes to every target below: a command of a node type
 * in the graph selftests/ng_parse_replay.sh builds (hub "h", hole "ho",
 * tee "te", one2many "o2"), as request or reply arguments.  Per input and
 * target:
 *   text:   ascii2binary must succeed or fail with a parser errno (EINVAL,
 *           ENOENT, EALREADY, E2BIG, ERANGE); on success binary2ascii of
 *           the result must succeed, and that text must convert to the
 *           same bytes and print the same text again;
 *   binary: the input's bytes as the binary arguments: binary2ascii must
 *           succeed or fail with a parser errno; printed text must parse
 *           and print back to itself.
 * TAP, one line per target, on stdout; exit 1 on any violation.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ngnl.h"
#include "ng_hole.h"
#include "ng_one2many.h"
#include "ng_tee.h"

#define REPLAY_MAX_INPUT	4096

struct target {
	const char *path;
	const char *cmdstr;
	uint32_t cookie;
	uint32_t cmd;
	uint32_t flags;		/* NGF_RESP: the reply's arguments */
	/* results */
	unsigned long a2b_ok, a2b_refused, b2a_ok, b2a_refused, bad;
};

#define T(p, c, k, n, f) \
	{ .path = (p), .cmdstr = (c), .cookie = (k), .cmd = (n), .flags = (f) }
static struct target targets[] = {
	T("h:", "mkpeer", NGM_GENERIC_COOKIE, NGM_MKPEER, 0),
	T("h:", "connect", NGM_GENERIC_COOKIE, NGM_CONNECT, 0),
	T("h:", "name", NGM_GENERIC_COOKIE, NGM_NAME, 0),
	T("h:", "rmhook", NGM_GENERIC_COOKIE, NGM_RMHOOK, 0),
	T("h:", "nodeinfo", NGM_GENERIC_COOKIE, NGM_NODEINFO, NGF_RESP),
	T("h:", "listhooks", NGM_GENERIC_COOKIE, NGM_LISTHOOKS, NGF_RESP),
	T("h:", "listnodes", NGM_GENERIC_COOKIE, NGM_LISTNODES, NGF_RESP),
	T("h:", "listtypes", NGM_GENERIC_COOKIE, NGM_LISTTYPES, NGF_RESP),
	T("h:", "textstatus", NGM_GENERIC_COOKIE, NGM_TEXT_STATUS, NGF_RESP),
	T("h:", "ascii2binary", NGM_GENERIC_COOKIE, NGM_ASCII2BINARY, 0),
	T("ho:", "getstats", NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, 0),
	T("ho:", "getstats", NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, NGF_RESP),
	T("te:", "getstats", NGM_TEE_COOKIE, NGM_TEE_GET_STATS, NGF_RESP),
	T("o2:", "setconfig", NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG, 0),
	T("o2:", "getconfig", NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_CONFIG,
	  NGF_RESP),
	T("o2:", "getstats", NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS, 0),
	T("o2:", "getstats", NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS,
	  NGF_RESP),
};
#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

static struct ngnl *nl;
static unsigned long requests;

/* The errnos a conversion may fail with (Documentation/ng_parse.rst). */
static int parser_errno(int err)
{
	switch (-err) {
	case EINVAL: case ENOENT: case EALREADY: case E2BIG: case ERANGE:
		return 1;
	}
	return 0;
}

static void violation(struct target *t, const char *input, const char *what,
		      int err)
{
	const char *ext = ngnl_extack(nl);

	if (++t->bad > 5)
		return;
	printf("# %s %s%s: %s: %s: %s%s%s\n", t->path, t->cmdstr,
	       (t->flags & NGF_RESP) ? " (reply)" : "", input, what,
	       err ? strerror(-err) : "wrong result",
	       ext && err ? " - kernel: " : "", ext && err ? ext : "");
}

/*
 * Send @inner (a whole ng_mesg) to @t's node inside conversion message
 * @ngm; on success *@out is the ng_mesg of the reply (malloc()ed, free
 * *@outer) and *@outlen its length.
 */
static int convert(struct target *t, uint32_t ngm, const char *ngmstr,
		   const struct ng_mesg *inner, size_t innerlen,
		   struct ng_mesg **outer, const struct ng_mesg **out)
{
	struct ng_mesg *req;
	size_t len, rlen;
	int r;

	*outer = NULL;
	req = ngnl_mesg_build(NGM_GENERIC_COOKIE, ngm, ngmstr, inner,
			      innerlen, &len);
	if (!req)
		return -ENOMEM;
	requests++;
	r = ngnl_msg(nl, t->path, req, len, outer, &rlen);
	free(req);
	if (r)
		return r;
	if (!*outer)
		return -ENOMSG;
	*out = (const struct ng_mesg *)(*outer)->data;
	if ((*outer)->header.arglen < sizeof(**out) ||
	    (*outer)->header.arglen - sizeof(**out) < (*out)->header.arglen) {
		free(*outer);
		*outer = NULL;
		return -EBADMSG;
	}
	return 0;
}

/* text -> binary for @t; *@bin/@binlen: the binary ng_mesg (malloc()ed) */
static int a2b(struct target *t, const char *text, struct ng_mesg **bin,
	       size_t *binlen)
{
	struct ng_mesg *inner, *outer;
	const struct ng_mesg *out;
	size_t ilen;
	int r;

	inner = ngnl_mesg_build(0, 0, t->cmdstr, text, strlen(text) + 1,
				&ilen);
	if (!inner)
		return -ENOMEM;
	inner->header.flags = t->flags;
	r = convert(t, NGM_ASCII2BINARY, "ascii2binary", inner, ilen, &outer,
		    &out);
	free(inner);
	if (r)
		return r;
	*binlen = sizeof(*out) + out->header.arglen;
	*bin = malloc(*binlen);
	if (*bin)
		memcpy(*bin, out, *binlen);
	free(outer);
	return *bin ? 0 : -ENOMEM;
}

/* binary -> text; *@text malloc()ed */
static int b2a(struct target *t, const struct ng_mesg *bin, size_t binlen,
	       char **text)
{
	struct ng_mesg *outer;
	const struct ng_mesg *out;
	int r;

	r = convert(t, NGM_BINARY2ASCII, "binary2ascii", bin, binlen, &outer,
		    &out);
	if (r)
		return r;
	if (!out->header.arglen ||
	    !memchr(out->data, '\0', out->header.arglen)) {
		free(outer);
		return -EBADMSG;
	}
	*text = strdup(out->data);
	free(outer);
	return *text ? 0 : -ENOMEM;
}

/* printed text must parse, and print again to itself */
static void check_canonical(struct target *t, const char *name,
			    const char *text)
{
	struct ng_mesg *bin;
	char *again;
	size_t len;
	int r;

	r = a2b(t, text, &bin, &len);
	if (r) {
		violation(t, name, "printed text does not parse", r);
		return;
	}
	r = b2a(t, bin, len, &again);
	free(bin);
	if (r) {
		violation(t, name, "reprinting failed", r);
		return;
	}
	if (strcmp(again, text))
		violation(t, name, "printed text is not canonical", 0);
	free(again);
}

static void replay_text(struct target *t, const char *name, const char *text)
{
	struct ng_mesg *bin, *bin2;
	size_t len, len2;
	char *printed;
	int r;

	r = a2b(t, text, &bin, &len);
	if (r) {
		if (parser_errno(r))
			t->a2b_refused++;
		else
			violation(t, name, "ascii2binary", r);
		return;
	}
	t->a2b_ok++;
	r = b2a(t, bin, len, &printed);
	if (r) {
		violation(t, name, "binary2ascii of a parsed message", r);
		free(bin);
		return;
	}
	r = a2b(t, printed, &bin2, &len2);
	if (r) {
		violation(t, name, "printed text does not parse", r);
	} else {
		/* the token and flags are ours; the rest must be identical */
		if (len2 != len || memcmp(bin2->data, bin->data,
					  bin->header.arglen) ||
		    bin2->header.cmd != bin->header.cmd ||
		    bin2->header.typecookie != bin->header.typecookie)
			violation(t, name, "binary -> text -> binary differs", 0);
		free(bin2);
	}
	check_canonical(t, name, printed);
	free(printed);
	free(bin);
}

static void replay_binary(struct target *t, const char *name,
			  const unsigned char *data, size_t len)
{
	struct ng_mesg *bin;
	char *printed;
	int r;

	bin = calloc(1, sizeof(*bin) + len);
	if (!bin) {
		violation(t, name, "allocation", -ENOMEM);
		return;
	}
	bin->header.version = NG_VERSION;
	bin->header.arglen = len;
	bin->header.cmd = t->cmd;
	bin->header.flags = t->flags;
	bin->header.typecookie = t->cookie;
	memcpy(bin->data, data, len);
	r = b2a(t, bin, sizeof(*bin) + len, &printed);
	free(bin);
	if (r) {
		if (parser_errno(r))
			t->b2a_refused++;
		else
			violation(t, name, "binary2ascii of raw bytes", r);
		return;
	}
	t->b2a_ok++;
	check_canonical(t, name, printed);
	free(printed);
}

static void replay_file(const char *file)
{
	unsigned char buf[REPLAY_MAX_INPUT + 1];
	char *text;
	size_t n, i;
	FILE *fp;

	fp = fopen(file, "rb");
	if (!fp) {
		fprintf(stderr, "ngparse-replay: %s: %s\n", file,
			strerror(errno));
		return;
	}
	n = fread(buf, 1, REPLAY_MAX_INPUT, fp);
	fclose(fp);
	if (n < 1)
		return;
	/* text: after the fuzzer's type byte, up to the first NUL */
	text = strndup((const char *)buf + 1, n - 1);
	if (!text)
		return;
	for (i = 0; i < NTARGETS; i++) {
		replay_text(&targets[i], file, text);
		replay_binary(&targets[i], file, buf + 1, n - 1);
	}
	free(text);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of @dir in name order, or @dir itself; at most @max in all. */
static unsigned long replay_path(const char *path, unsigned long max)
{
	char **names = NULL, full[4096];
	unsigned long done = 0;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		replay_file(path);
		return 1;
	}
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 256;
			nn = realloc(names, cap * sizeof(*nn));
			if (!nn)
				break;
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmpstr);
	for (i = 0; i < n; i++) {
		if (done < max) {
			snprintf(full, sizeof(full), "%s/%s", path, names[i]);
			replay_file(full);
			done++;
		}
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	unsigned long max = ~0UL, inputs = 0;
	struct timespec t0, t1;
	int i, opt, failed = 0;
	double secs;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n') {
			fprintf(stderr, "usage: ngparse-replay [-n MAX] FILE|DIR...\n");
			return 2;
		}
		max = strtoul(optarg, NULL, 0);
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: ngparse-replay [-n MAX] FILE|DIR...\n");
		return 2;
	}
	i = ngnl_open(&nl, NETGRAPH_GENL_NAME, 0);
	if (i) {
		printf("1..1\nnot ok 1 - open the netgraph family: %s\n",
		       strerror(-i));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = optind; i < argc && inputs < max; i++)
		inputs += replay_path(argv[i], max - inputs);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	for (i = 0; i < (int)NTARGETS; i++) {
		struct target *t = &targets[i];
		int ok = !t->bad && inputs > 0 && t->a2b_ok + t->b2a_ok > 0;

		printf("%s %d - replay %s %s%s: %lu inputs; text: %lu parsed, "
		       "%lu refused; binary: %lu printed, %lu refused; "
		       "%lu violations\n",
		       ok ? "ok" : "not ok", i + 1, t->path, t->cmdstr,
		       (t->flags & NGF_RESP) ? " (reply)" : "", inputs,
		       t->a2b_ok, t->a2b_refused, t->b2a_ok, t->b2a_refused,
		       t->bad);
		if (!ok && !t->bad)
			printf("# no input converted at all: is the graph "
			       "there and the corpus non-empty?\n");
		failed |= !ok;
	}
	printf("# %lu inputs, %lu requests in %.1f s (%.0f/s)\n", inputs,
	       requests, secs, secs > 0 ? requests / secs : 0.0);
	printf("1..%d\n", (int)NTARGETS);
	ngnl_close(nl);
	return failed;
}
