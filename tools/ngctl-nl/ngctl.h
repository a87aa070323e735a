/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ngctl-nl: shared declarations of the command modules.
 */
#ifndef NGCTL_H
#define NGCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ngnl.h"

#define PROGNAME		"ngctl-nl"
#define NGCTL_MAX_ALIASES	4

/* Command results; main() turns them into exit codes. */
enum {
	CMD_OK = 0,		/* exit 0 */
	CMD_USAGE,		/* bad arguments: usage printed; exit 64 */
	CMD_ERROR,		/* the operation failed; exit 71 */
	CMD_QUIT,		/* "quit": stop reading commands; exit 0 */
	CMD_UNKNOWN,		/* unknown or ambiguous command; exit 64 */
};

struct ngctl;

/*
 * One entry of the command table.  help, help <cmd> and <cmd> --help are
 * generated from these fields.
 */
struct ngctl_cmd {
	const char *name;
	const char *aliases[NGCTL_MAX_ALIASES];	/* NULL-terminated */
	const char *usage;	/* the arguments, after the name */
	const char *summary;	/* one line */
	/*
	 * Long help: text is word-wrapped; a line starting with a space is
	 * printed as is; "\n" ends a paragraph.
	 */
	const char *help;
	int (*handler)(struct ngctl *ctx, int argc, char **argv);
};

struct ngctl {
	struct ngnl *nl;	/* opened on first use */
	int debug;
	bool dryrun;		/* NGCTL_NL_DRYRUN: print requests only */
	const char *family;	/* NGCTL_NL_FAMILY: test override */
	const bool *argq;	/* argq[i]: argv[i] was (partly) quoted */
	const char *line;	/* the line argv came from; NULL for argv */
	/* ngctl-nl's own node ("."), made on first use */
	const char *nodename;	/* -n; default "ngctl<pid>" as FreeBSD */
	int cs, ds;		/* its control and data sockets, or -1 */
	uint32_t self_id;
	bool interactive;	/* at the prompt: print what arrives */
	bool json;		/* -j: list, show, types, status, stats in JSON */
	char pathbuf[NG_PATHSIZ + 16];
	int depth;		/* nesting of "read" */
};

/* the command table (main.c) */
extern const struct ngctl_cmd *const ngctl_commands[];

extern const struct ngctl_cmd mkpeer_cmd, connect_cmd, name_cmd, rmhook_cmd,
	shutdown_cmd;
extern const struct ngctl_cmd list_cmd, show_cmd, types_cmd, dot_cmd;
extern const struct ngctl_cmd msg_cmd, status_cmd, config_cmd;
extern const struct ngctl_cmd inject_cmd, rawmsg_cmd, stats_cmd, monitor_cmd;
extern const struct ngctl_cmd write_cmd;

/* main.c */
int ngctl_run_line(struct ngctl *ctx, const char *line);
int ngctl_read_file(struct ngctl *ctx, FILE *fp);

/* util.c */
/* The kernel connection, opened on first use; NULL after printing why. */
struct ngnl *ngctl_nl(struct ngctl *ctx);
/* "ngctl-nl: <cmd>: <strerror(-err)>[ (kernel: <extack>)]" on stderr */
void ngctl_err(struct ngctl *ctx, const char *cmd, int err);
int ngctl_done(struct ngctl *ctx, const char *cmd, int err);
/*
 * A path as FreeBSD's ngctl takes it: one without ':' (".", "hook",
 * "hook.hook"), or starting with ".:", is relative to ngctl-nl's own node, which is made on first
 * use; it becomes "[id]:..." (valid until the next call).  Absolute paths
 * come back as they are.  NULL after printing why the node cannot be made.
 */
const char *ngctl_path(struct ngctl *ctx, const char *path);
/* Make ngctl-nl's own node if it does not exist yet; 0 or -1 (printed). */
int ngctl_self(struct ngctl *ctx);
/* Print a message that came to (or back from) the node at @path. */
void ngctl_print_msg(struct ngnl *nl, const char *path, const char *from,
		     const struct ng_mesg *m, bool text);
/* Print what arrived on the own node's sockets (interactive mode). */
void ngctl_print_incoming(struct ngctl *ctx, bool data);
/* "ngctl-nl: <formatted>" on stderr */
void ngctl_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Parse leading options of argv[1..] (letters of @letters, combinable as
 * in -ln, "--" ends them).  Sets bit (c - 'a') of *@set for each option
 * seen and returns the index of the first operand, or -1 on an unknown
 * option.
 */
int ngctl_getopts(int argc, char **argv, const char *letters,
		  unsigned int *set);
#define OPT(c) (1u << ((c) - 'a'))

/*
 * Split @line into words: whitespace separates; double quotes group and
 * take C escapes (\a \b \f \n \r \t \v \\ \" \' \? \ooo \xHH); quoted and
 * unquoted parts of one word join.  On success returns 0 with malloc()ed
 * *@argvp (NULL-terminated; free with ngctl_free_words) and *@argqp.  On a
 * syntax error returns -1 and sets *@errmsg.
 */
int ngctl_split(const char *line, int *argcp, char ***argvp, bool **argqp,
		const char **errmsg);
void ngctl_free_words(char **argv, bool *argq);
/*
 * The text of @line from its word @n (0-based) on, as typed: quotes and
 * escapes are kept, so ASCII message arguments reach the parser intact.
 */
const char *ngctl_line_from_word(const char *line, int n);

/*
 * Decode a C string literal body (between the quotes) into @out (at least
 * strlen(@in) + 1 bytes).  Returns the byte count, or -1 with *@errmsg.
 */
int ngctl_unescape(const char *in, size_t inlen, char *out,
		   const char **errmsg);

/* Parse a byte value: decimal or 0x hex, -128..255. */
int ngctl_parse_byte(const char *s, uint8_t *out);
/* Parse a u32: decimal or 0x hex. */
int ngctl_parse_u32(const char *s, uint32_t *out);

/* Hex dump, 16 bytes a line: "%04x:  " 16 x "%02x " " " ASCII ('.'). */
void ngctl_hexdump(FILE *fp, const void *buf, size_t len);
/* Print @s in double quotes with C escapes for '"', '\\', non-printables. */
void ngctl_print_quoted(FILE *fp, const char *s);
/* @s as a JSON string (RFC 8259 escapes), quotes included */
void ngctl_json_str(FILE *fp, const char *s);
/* a node's members, no braces: "id":1,"name":"h","type":"hub","numhooks":2
 * ("name" only for a named node) */
void ngctl_json_node(FILE *fp, const struct ngnl_node *n);

#endif /* NGCTL_H */
