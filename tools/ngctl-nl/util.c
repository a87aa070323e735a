// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: helpers shared by the command modules.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <netgraph.h>

#include "ngctl.h"

struct ngnl *ngctl_nl(struct ngctl *ctx)
{
	const char *fam = ctx->family ? ctx->family : NETGRAPH_GENL_NAME;
	int r;

	if (ctx->nl)
		return ctx->nl;
	r = ngnl_open(&ctx->nl, ctx->family,
		      ctx->dryrun ? NGNL_F_DRYRUN : 0);
	if (r == -ENOENT) {
		ngctl_warnx("%s family not found: is netgraph.ko loaded?", fam);
		return NULL;
	}
	if (r) {
		ngctl_warnx("cannot open the %s generic netlink family: %s",
			    fam, strerror(-r));
		return NULL;
	}
	ngnl_set_debug(ctx->nl, ctx->debug);
	/* keep traces apart from the command's own output */
	ngnl_set_trace(ctx->nl, ctx->dryrun ? stdout : stderr);
	return ctx->nl;
}

int ngctl_self(struct ngctl *ctx)
{
	char name[NG_NODESIZ], path[NG_NODESIZ + 1];
	struct ngnl_node n;
	struct ngnl *nl;
	int r;

	if (ctx->cs >= 0)
		return 0;
	if (ctx->dryrun) {
		ctx->self_id = 0;	/* requests show "[0]:" */
		return 0;
	}
	nl = ngctl_nl(ctx);
	if (!nl)
		return -1;
	if (ctx->nodename)
		snprintf(name, sizeof(name), "%s", ctx->nodename);
	else
		snprintf(name, sizeof(name), "ngctl%d", (int)getpid());
	if (NgMkSockNode(name, &ctx->cs, &ctx->ds) < 0) {
		ngctl_warnx("cannot make a node of its own: %s",
			    strerror(errno));
		ctx->cs = ctx->ds = -1;
		return -1;
	}
	snprintf(path, sizeof(path), "%s:", name);
	r = ngnl_get_node(nl, path, &n);
	if (r) {
		ngctl_err(ctx, "own node", r);
		close(ctx->cs);
		close(ctx->ds);
		ctx->cs = ctx->ds = -1;
		return -1;
	}
	ctx->self_id = n.id;
	return 0;
}

const char *ngctl_path(struct ngctl *ctx, const char *path)
{
	if (strncmp(path, ".:", 2) == 0)	/* the own node, absolutely */
		path = path[2] ? path + 2 : ".";
	else if (strchr(path, ':'))
		return path;
	if (ngctl_self(ctx))
		return NULL;
	snprintf(ctx->pathbuf, sizeof(ctx->pathbuf), "[%x]:%s", ctx->self_id,
		 strcmp(path, ".") ? path : "");
	return ctx->pathbuf;
}

void ngctl_print_incoming(struct ngctl *ctx, bool data)
{
	char from[NG_PATHSIZ];
	unsigned char *buf;
	struct ng_mesg *m;
	int n;

	if (data) {
		n = NgAllocRecvData(ctx->ds, &buf, from);
		if (n < 0) {
			ngctl_warnx("data: %s", strerror(errno));
			close(ctx->ds);
			ctx->ds = -1;
			return;
		}
		printf("Rec'd data packet on hook \"%s\":\n", from);
		ngctl_hexdump(stdout, buf, n);
		free(buf);
		return;
	}
	n = NgAllocRecvMsg(ctx->cs, &m, from);
	if (n < 0) {
		ngctl_warnx("messages: %s", strerror(errno));
		close(ctx->cs);
		ctx->cs = -1;
		return;
	}
	ngctl_print_msg(ngctl_nl(ctx), from, from[0] ? from : NULL, m, true);
	free(m);
}

void ngctl_warnx(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ngctl_err(struct ngctl *ctx, const char *cmd, int err)
{
	const char *ext = ctx->nl ? ngnl_extack(ctx->nl) : NULL;

	if (err < 0)
		err = -err;
	fflush(stdout);
	if (ext)
		fprintf(stderr, "%s: %s: %s (kernel: %s)\n", PROGNAME, cmd,
			strerror(err), ext);
	else
		fprintf(stderr, "%s: %s: %s\n", PROGNAME, cmd, strerror(err));
}

/* A handler's last step: report @err (if any) for @cmd, map to CMD_*. */
int ngctl_done(struct ngctl *ctx, const char *cmd, int err)
{
	if (!err)
		return CMD_OK;
	ngctl_err(ctx, cmd, err);
	return CMD_ERROR;
}

int ngctl_getopts(int argc, char **argv, const char *letters,
		  unsigned int *set)
{
	int i;

	*set = 0;
	for (i = 1; i < argc; i++) {
		const char *p = argv[i];

		if (p[0] != '-' || p[1] == '\0')
			break;
		if (strcmp(p, "--") == 0)
			return i + 1;
		for (p++; *p; p++) {
			if (*p < 'a' || *p > 'z' || !strchr(letters, *p))
				return -1;
			*set |= OPT(*p);
		}
	}
	return i;
}

/* ---- words ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode one escape sequence starting after the backslash at @in.
 * Returns the number of input bytes used and the byte in *@c, or -1.
 */
static int escape(const char *in, size_t avail, unsigned char *c,
		  const char **errmsg)
{
	static const char from[] = "abfnrtv\\\"'?";
	static const char to[] = "\a\b\f\n\r\t\v\\\"'?";
	const char *p;
	unsigned int v;
	size_t i;

	if (avail == 0) {
		*errmsg = "backslash at the end of a string";
		return -1;
	}
	if ((p = strchr(from, in[0])) != NULL && in[0]) {
		*c = to[p - from];
		return 1;
	}
	if (in[0] >= '0' && in[0] <= '7') {
		v = 0;
		for (i = 0; i < 3 && i < avail && in[i] >= '0' && in[i] <= '7';
		     i++)
			v = v * 8 + (in[i] - '0');
		if (v > 255) {
			*errmsg = "octal escape out of range";
			return -1;
		}
		*c = v;
		goto check_nul;
	}
	if (in[0] == 'x') {
		v = 0;
		for (i = 1; i < 3 && i < avail && hexval(in[i]) >= 0; i++)
			v = v * 16 + hexval(in[i]);
		if (i == 1) {
			*errmsg = "\\x without hex digits";
			return -1;
		}
		*c = v;
		goto check_nul;
	}
	*errmsg = "unknown escape sequence";
	return -1;
check_nul:
	if (*c == 0) {
		*errmsg = "NUL bytes cannot appear in strings";
		return -1;
	}
	return i;
}

int ngctl_unescape(const char *in, size_t inlen, char *out,
		   const char **errmsg)
{
	size_t i = 0, o = 0;

	while (i < inlen) {
		unsigned char c;
		int n;

		if (in[i] != '\\') {
			out[o++] = in[i++];
			continue;
		}
		i++;
		n = escape(in + i, inlen - i, &c, errmsg);
		if (n < 0)
			return -1;
		out[o++] = c;
		i += n;
	}
	out[o] = '\0';
	return o;
}

int ngctl_split(const char *line, int *argcp, char ***argvp, bool **argqp,
		const char **errmsg)
{
	size_t len = strlen(line);
	char *buf = malloc(len + 1), *o = buf;
	char **argv = NULL;
	bool *argq = NULL;
	int argc = 0, cap = 0;
	const char *p = line;

	if (!buf) {
		*errmsg = strerror(ENOMEM);
		return -1;
	}
	for (;;) {
		bool quoted = false;
		char *start;

		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		start = o;
		while (*p && !isspace((unsigned char)*p)) {
			if (*p != '"') {
				*o++ = *p++;
				continue;
			}
			quoted = true;
			for (p++; *p != '"'; p++) {
				unsigned char c;
				int n;

				if (!*p) {
					*errmsg = "unterminated quoted string";
					goto fail;
				}
				if (*p != '\\') {
					*o++ = *p;
					continue;
				}
				n = escape(p + 1, strlen(p + 1), &c, errmsg);
				if (n < 0)
					goto fail;
				*o++ = c;
				p += n;
			}
			p++;
		}
		*o++ = '\0';
		if (argc + 2 > cap) {
			int ncap = cap ? cap * 2 : 16;
			char **nv = realloc(argv, ncap * sizeof(*nv));
			bool *nq;

			if (!nv)
				goto nomem;
			argv = nv;
			nq = realloc(argq, ncap * sizeof(*nq));
			if (!nq)
				goto nomem;
			argq = nq;
			cap = ncap;
		}
		argv[argc] = start;
		argq[argc] = quoted;
		argc++;
	}
	if (!argv) {
		argv = calloc(1, sizeof(*argv));
		argq = calloc(1, sizeof(*argq));
		if (!argv || !argq)
			goto nomem;
	}
	argv[argc] = NULL;
	argq[argc] = false;
	/* argv[0] (if any) points at buf; keep buf reachable when empty */
	if (argc == 0)
		free(buf);
	*argcp = argc;
	*argvp = argv;
	*argqp = argq;
	return 0;
nomem:
	*errmsg = strerror(ENOMEM);
fail:
	free(buf);
	free(argv);
	free(argq);
	return -1;
}

const char *ngctl_line_from_word(const char *line, int n)
{
	const char *p = line;

	while (*p && isspace((unsigned char)*p))
		p++;
	for (; n > 0 && *p; n--) {
		while (*p && !isspace((unsigned char)*p)) {
			if (*p++ != '"')
				continue;
			while (*p && *p != '"')
				p += (p[0] == '\\' && p[1]) ? 2 : 1;
			if (*p)
				p++;
		}
		while (*p && isspace((unsigned char)*p))
			p++;
	}
	return p;
}

void ngctl_free_words(char **argv, bool *argq)
{
	if (argv)
		free(argv[0]);
	free(argv);
	free(argq);
}

/* ---- numbers ---- */

static int parse_long(const char *s, long long *v)
{
	const char *p = s;
	bool neg = false;
	unsigned long long acc = 0;
	int base = 10, d;

	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return -1;
	for (; *p; p++) {
		d = hexval(*p);
		if (d < 0 || d >= base)
			return -1;
		acc = acc * base + d;
		if (acc > 0xffffffffull)
			return -1;
	}
	*v = neg ? -(long long)acc : (long long)acc;
	return 0;
}

int ngctl_parse_byte(const char *s, uint8_t *out)
{
	long long v;

	if (parse_long(s, &v) || v < -128 || v > 255)
		return -1;
	*out = (uint8_t)(v & 0xff);
	return 0;
}

int ngctl_parse_u32(const char *s, uint32_t *out)
{
	long long v;

	if (*s == '-' || *s == '+' || parse_long(s, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* ---- output ---- */

void ngctl_hexdump(FILE *fp, const void *buf, size_t len)
{
	const unsigned char *b = buf;
	size_t off, k;

	for (off = 0; off < len; off += 16) {
		fprintf(fp, "%04zx:  ", off);
		for (k = 0; k < 16; k++) {
			if (off + k < len)
				fprintf(fp, "%02x ", b[off + k]);
			else
				fputs("   ", fp);
		}
		fputc(' ', fp);
		for (k = 0; k < 16; k++) {
			if (off + k < len)
				fputc(b[off + k] >= 0x20 && b[off + k] < 0x7f ?
					      b[off + k] :
					      '.',
				      fp);
			else
				fputc(' ', fp);
		}
		fputc('\n', fp);
	}
}

void ngctl_print_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, fp);
		else
			fprintf(fp, "\\x%02x", c);
	}
	fputc('"', fp);
}

void ngctl_json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);	/* UTF-8 passes as it is */
	}
	fputc('"', fp);
}

void ngctl_json_node(FILE *fp, const struct ngnl_node *n)
{
	fprintf(fp, "\"id\":%u,", n->id);
	if (n->name[0]) {
		fputs("\"name\":", fp);
		ngctl_json_str(fp, n->name);
		fputc(',', fp);
	}
	fputs("\"type\":", fp);
	ngctl_json_str(fp, n->type);
	fprintf(fp, ",\"numhooks\":%u", n->numhooks);
}
