// SPDX-License-Identifier: GPL-2.0
/*
 * ngctl-nl: FreeBSD's ngctl for netgraph on Linux, speaking the "netgraph"
 * generic-netlink family.
 *
 * This file holds the command table, command lookup, the generated help,
 * the one-shot / file / interactive drivers and the commands that do not
 * talk to the kernel (help, read, debug, quit).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <wchar.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef NG_LIBEDIT
#include <histedit.h>
#endif

#include "ngctl.h"

#define EX_USAGE	64
#define EX_NOINPUT	66
#define EX_OSERR	71

#define PROMPT		"+ "
#define HELP_WIDTH	64

static const struct ngctl_cmd help_cmd, read_cmd, debug_cmd, quit_cmd;

/* In "help" order: alphabetical, quit last. */
const struct ngctl_cmd *const ngctl_commands[] = {
	&config_cmd,  &connect_cmd, &debug_cmd,	  &dot_cmd,	 &help_cmd,
	&inject_cmd,  &list_cmd,    &mkpeer_cmd,  &monitor_cmd,	 &msg_cmd,
	&name_cmd,    &rawmsg_cmd,  &read_cmd,    &rmhook_cmd,  &show_cmd,	 &shutdown_cmd,
	&stats_cmd,   &status_cmd,  &types_cmd,	  &write_cmd,	 &quit_cmd,
	NULL,
};

/* ---------------------------------------------------------------- */
/* lookup                                                            */

static bool prefix_of(const char *s, const char *word)
{
	size_t n = strlen(s);

	return n <= strlen(word) && strncasecmp(s, word, n) == 0;
}

/*
 * An exact name or alias wins; otherwise @s must be a prefix of the name
 * or of an alias of exactly one command (case-insensitive).  Prints the
 * problem and returns NULL otherwise.
 */
static const struct ngctl_cmd *find_command(const char *s)
{
	const struct ngctl_cmd *found = NULL;
	int i, a, n = 0;

	for (i = 0; ngctl_commands[i]; i++) {
		const struct ngctl_cmd *c = ngctl_commands[i];

		if (strcasecmp(s, c->name) == 0)
			return c;
		for (a = 0; a < NGCTL_MAX_ALIASES && c->aliases[a]; a++)
			if (strcasecmp(s, c->aliases[a]) == 0)
				return c;
	}
	for (i = 0; ngctl_commands[i]; i++) {
		const struct ngctl_cmd *c = ngctl_commands[i];
		bool match = prefix_of(s, c->name);

		for (a = 0; !match && a < NGCTL_MAX_ALIASES && c->aliases[a];
		     a++)
			match = prefix_of(s, c->aliases[a]);
		if (match) {
			found = c;
			n++;
		}
	}
	if (n == 1)
		return found;
	ngctl_warnx("\"%s\": %s command", s, n ? "ambiguous" : "unknown");
	return NULL;
}

static void print_usage(const struct ngctl_cmd *c, FILE *fp,
			const char *prefix)
{
	fprintf(fp, "%s%s%s%s\n", prefix, c->name, *c->usage ? " " : "",
		c->usage);
}

/* ---------------------------------------------------------------- */
/* help                                                              */

static void print_wrapped(const char *text)
{
	const char *line = text;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len == 0) {
			printf("\n");
		} else if (line[0] == ' ') {
			printf("  %.*s\n", (int)len, line);
		} else {
			const char *p = line, *stop = line + len;

			while (p < stop) {
				const char *brk = NULL, *q;

				while (p < stop && *p == ' ')
					p++;
				if (p >= stop)
					break;
				if ((size_t)(stop - p) <= HELP_WIDTH) {
					printf("  %.*s\n", (int)(stop - p), p);
					break;
				}
				for (q = p; q <= p + HELP_WIDTH; q++)
					if (*q == ' ')
						brk = q;
				if (!brk) /* one long word */
					for (brk = p + HELP_WIDTH;
					     brk < stop && *brk != ' '; brk++)
						;
				printf("  %.*s\n", (int)(brk - p), p);
				p = brk;
			}
		}
		if (!end)
			break;
		line = end + 1;
	}
}

static void help_summary(void)
{
	int i;

	printf("Available commands:\n");
	for (i = 0; ngctl_commands[i]; i++)
		printf("  %-10s %s\n", ngctl_commands[i]->name,
		       ngctl_commands[i]->summary);
}

static void help_command(const struct ngctl_cmd *c)
{
	int a;

	print_usage(c, stdout, "usage:    ");
	if (c->aliases[0]) {
		printf("Aliases:  ");
		for (a = 0; a < NGCTL_MAX_ALIASES && c->aliases[a]; a++)
			printf("%s%s", a ? ", " : "", c->aliases[a]);
		printf("\n");
	}
	printf("Summary:  %s\n", c->summary);
	if (c->help) {
		printf("Description:\n");
		print_wrapped(c->help);
	}
}

static int help_handler(struct ngctl *ctx, int argc, char **argv)
{
	const struct ngctl_cmd *c;

	(void)ctx;
	switch (argc) {
	case 1:
		help_summary();
		return CMD_OK;
	case 2:
		c = find_command(argv[1]);
		if (!c)
			return CMD_UNKNOWN;
		help_command(c);
		return CMD_OK;
	default:
		return CMD_USAGE;
	}
}

static const struct ngctl_cmd help_cmd = {
	.name = "help",
	.aliases = { "?" },
	.usage = "[command]",
	.summary = "List the commands, or explain one",
	.help = "Without an argument, lists every command. With one, shows "
		"the usage, aliases and description of that command; "
		"\"<command> --help\" does the same.\n"
		"Commands may be abbreviated to any unique prefix of their name "
		"or of an alias, in any letter case.",
	.handler = help_handler,
};

/* ---------------------------------------------------------------- */
/* dispatch                                                          */

static int do_command(struct ngctl *ctx, int argc, char **argv,
		      const bool *argq)
{
	const struct ngctl_cmd *c;
	int r;

	if (argc == 0 || argv[0][0] == '\0')
		return CMD_OK;
	c = find_command(argv[0]);
	if (!c)
		return CMD_UNKNOWN;
	if (argc == 2 && strcmp(argv[1], "--help") == 0 &&
	    !(argq && argq[1])) {
		help_command(c);
		return CMD_OK;
	}
	ctx->argq = argq;
	r = c->handler(ctx, argc, argv);
	ctx->argq = NULL;
	if (r == CMD_USAGE) {
		fflush(stdout);
		fprintf(stderr, "%s: ", PROGNAME);
		print_usage(c, stderr, "usage: ");
	}
	fflush(stdout);
	return r;
}

int ngctl_run_line(struct ngctl *ctx, const char *line)
{
	const char *errmsg = NULL, *saved;
	char **argv;
	bool *argq;
	int argc, r;

	if (ngctl_split(line, &argc, &argv, &argq, &errmsg) < 0) {
		ngctl_warnx("%s", errmsg);
		return CMD_USAGE;
	}
	saved = ctx->line;	/* "read" nests lines */
	ctx->line = line;
	r = do_command(ctx, argc, argv, argq);
	ctx->line = saved;
	ngctl_free_words(argv, argq);
	return r;
}

static bool skip_line(const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	return *line == '\0' || *line == '#';
}

/*
 * Print what is waiting on the own node's sockets (if it exists): data
 * that came back on its hooks, messages sent to it.  In a file, this runs
 * after every command, so "write" on a hook to an echo shows the echo.
 */
static void drain(struct ngctl *ctx)
{
	struct pollfd pfd[2];
	int i;

	for (i = 0; i < 1000 && ctx->cs >= 0; i++) {
		pfd[0].fd = ctx->cs;
		pfd[1].fd = ctx->ds;
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, 0) <= 0)
			break;
		if (pfd[0].revents)
			ngctl_print_incoming(ctx, false);
		if (pfd[1].revents && ctx->ds >= 0)
			ngctl_print_incoming(ctx, true);
	}
}

/*
 * Run every line of @fp.  Blank lines and lines whose first non-blank
 * character is '#' are skipped.  The first failing line stops the file
 * with "line N: error in file" and CMD_ERROR; "quit" stops it with
 * CMD_QUIT.
 */
int ngctl_read_file(struct ngctl *ctx, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	long num = 0;
	int r = CMD_OK;

	while (getline(&line, &cap, fp) >= 0) {
		num++;
		if (skip_line(line))
			continue;
		r = ngctl_run_line(ctx, line);
		drain(ctx);
		if (r == CMD_QUIT)
			break;
		if (r != CMD_OK) {
			ngctl_warnx("line %ld: error in file", num);
			r = CMD_ERROR;
			break;
		}
	}
	free(line);
	return r;
}

/*
 * The prompt.  As FreeBSD's ngctl, it has a node of its own from the start
 * and prints what arrives on it while waiting for a line: messages (replies
 * to "msg", late replies such as ksocket's connect, anything sent to ".")
 * and data packets on its hooks.
 *
 * wait_stdin() waits for input on stdin, printing on a line of their own
 * whatever messages and packets come meanwhile, then calling @redraw to
 * show the prompt (and what was typed so far) again.
 */
static void wait_stdin(struct ngctl *ctx, void (*redraw)(void *), void *arg)
{
	struct pollfd pfd[3] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = ctx->cs, .events = POLLIN },
		{ .fd = ctx->ds, .events = POLLIN },
	};

	for (;;) {
		pfd[1].fd = ctx->cs;
		pfd[2].fd = ctx->ds;
		if (poll(pfd, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (pfd[1].revents & (POLLIN | POLLERR)) {
			printf("\n");
			ngctl_print_incoming(ctx, false);
			redraw(arg);
		}
		if (pfd[2].revents & (POLLIN | POLLERR)) {
			printf("\n");
			ngctl_print_incoming(ctx, true);
			redraw(arg);
		}
		if (pfd[0].revents)
			return;
	}
}

static void plain_redraw(void *arg)
{
	(void)arg;
	printf("%s", PROMPT);
	fflush(stdout);
}

/* The prompt without line editing: a line at a time from stdin. */
static int interactive_plain(struct ngctl *ctx)
{
	char *line = NULL;
	size_t cap = 0;

	for (;;) {
		plain_redraw(NULL);
		wait_stdin(ctx, plain_redraw, NULL);
		if (getline(&line, &cap, stdin) < 0) {
			printf("\n");
			break;
		}
		if (ngctl_run_line(ctx, line) == CMD_QUIT)
			break;
	}
	free(line);
	return CMD_OK;
}

#ifdef NG_LIBEDIT
/*
 * Line editing and history with libedit, as FreeBSD's ngctl: emacs keys,
 * ~/.editrc, 100 lines of history (a line repeating the one before is
 * kept once), kept in ~/.ngctl_history from one session to the next.
 * libedit reads the keys through edit_getc(), which waits as wait_stdin()
 * does (libedit's own reader cannot be called from ours).
 */
#define HISTORY_FILE	".ngctl_history"
#define HISTORY_SIZE	100

static struct ngctl *edit_ctx;

static char *edit_prompt(EditLine *el)
{
	(void)el;
	return PROMPT;
}

static void edit_redraw(void *el)
{
	fflush(stdout);
	el_wset(el, EL_REFRESH);
}

/* One character from stdin, its bytes decoded as libedit's reader does:
 * 1, 0 at end of input, -1 on error. */
static int edit_getc(EditLine *el, wchar_t *wc)
{
	char buf[MB_LEN_MAX];
	mbstate_t mbs;
	size_t n = 0, r;
	ssize_t got;

	for (;;) {
		wait_stdin(edit_ctx, edit_redraw, el);
		got = read(STDIN_FILENO, buf + n, 1);
		if (got < 0 && errno == EINTR)
			continue;	/* libedit's handler saw the signal */
		if (got <= 0) {
			*wc = L'\0';
			return got < 0 ? -1 : 0;
		}
		n++;
		memset(&mbs, 0, sizeof(mbs));
		r = mbrtowc(wc, buf, n, &mbs);
		if (r == (size_t)-2 && n < sizeof(buf))
			continue;	/* more bytes of the character */
		if (r == (size_t)-1 || r == (size_t)-2) {
			n = 0;		/* not a character: dropped */
			continue;
		}
		return 1;
	}
}

/* $HOME/.ngctl_history, or NULL without a HOME */
static char *history_file(void)
{
	const char *home = getenv("HOME");
	char *path;

	if (!home || !*home)
		return NULL;
	if (asprintf(&path, "%s/%s", home, HISTORY_FILE) < 0)
		return NULL;
	return path;
}

/* -1 when libedit cannot run here (the caller falls back to the plain one) */
static int interactive_edit(struct ngctl *ctx)
{
	EditLine *el = el_init(PROGNAME, stdin, stdout, stderr);
	History *hist = history_init();
	char *hfile = NULL;
	const char *line;
	HistEvent ev;
	int n = 0;

	if (!el || !hist) {
		if (hist)
			history_end(hist);
		if (el)
			el_end(el);
		return -1;
	}
	edit_ctx = ctx;
	el_set(el, EL_GETCFN, edit_getc);
	el_set(el, EL_PROMPT, edit_prompt);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_SIGNAL, 1);
	history(hist, &ev, H_SETSIZE, HISTORY_SIZE);
	history(hist, &ev, H_SETUNIQUE, 1);
	el_set(el, EL_HIST, history, hist);
	el_source(el, NULL);	/* ~/.editrc */
	hfile = history_file();
	if (hfile)
		history(hist, &ev, H_LOAD, hfile);	/* none yet: fine */

	while ((line = el_gets(el, &n)) != NULL && n > 0) {
		if (!skip_line(line))
			history(hist, &ev, H_ENTER, line);
		if (ngctl_run_line(ctx, line) == CMD_QUIT)
			break;
	}
	if (!line || n <= 0)
		printf("\n");
	if (hfile && history(hist, &ev, H_SAVE, hfile) < 0)
		ngctl_warnx("history: %s: cannot save", hfile);
	free(hfile);
	history_end(hist);
	el_end(el);
	return CMD_OK;
}
#endif

static int interactive(struct ngctl *ctx)
{
	help_summary();
	ctx->interactive = true;
	if (!ctx->dryrun)
		ngctl_self(ctx);	/* without it, the prompt still works */
#ifdef NG_LIBEDIT
	if (interactive_edit(ctx) == 0)
		return CMD_OK;
#endif
	return interactive_plain(ctx);
}

/* ---------------------------------------------------------------- */
/* read, debug, quit                                                 */

#define MAX_READ_DEPTH	16

static int read_handler(struct ngctl *ctx, int argc, char **argv)
{
	FILE *fp;
	int r;

	if (argc != 2)
		return CMD_USAGE;
	if (ctx->depth >= MAX_READ_DEPTH) {
		ngctl_warnx("read: %s: files nested too deeply", argv[1]);
		return CMD_ERROR;
	}
	fp = fopen(argv[1], "r");
	if (!fp) {
		ngctl_warnx("read: %s: %s", argv[1], strerror(errno));
		return CMD_ERROR;
	}
	ctx->depth++;
	r = ngctl_read_file(ctx, fp);
	ctx->depth--;
	fclose(fp);
	return r;
}

static const struct ngctl_cmd read_cmd = {
	.name = "read",
	.aliases = { "source", "." },
	.usage = "<filename>",
	.summary = "Run the commands listed in a file",
	.help = "Runs each line of the file as a command. Blank lines and "
		"lines starting with \"#\" are skipped. The first failing "
		"command stops the file with \"line N: error in file\"; "
		"\"quit\" in the file ends the program.",
	.handler = read_handler,
};

static int debug_handler(struct ngctl *ctx, int argc, char **argv)
{
	int level;
	char *end;

	switch (argc) {
	case 1:
		printf("Current debug level is %d\n", ctx->debug);
		return CMD_OK;
	case 2:
		if (strcmp(argv[1], "+") == 0) {
			level = ctx->debug + 1;
		} else if (strcmp(argv[1], "-") == 0) {
			level = ctx->debug > 0 ? ctx->debug - 1 : 0;
		} else {
			errno = 0;
			level = (int)strtol(argv[1], &end, 10);
			if (errno || *end || end == argv[1] || level < 0)
				return CMD_USAGE;
		}
		ctx->debug = level;
		if (ctx->nl)
			ngnl_set_debug(ctx->nl, level);
		return CMD_OK;
	default:
		return CMD_USAGE;
	}
}

static const struct ngctl_cmd debug_cmd = {
	.name = "debug",
	.aliases = { NULL },
	.usage = "[level]",
	.summary = "Print or change the tool's debug level",
	.help = "Without an argument, shows the current level. \"+\" and "
		"\"-\" raise and lower it; a number sets it. At level 1 every "
		"netlink request and its result are traced on stderr (and "
		"mkpeer reports the node it made); at level 2 replies and "
		"events are traced as well. The -d option raises the "
		"starting level.",
	.handler = debug_handler,
};

static int quit_handler(struct ngctl *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argv;
	return argc == 1 ? CMD_QUIT : CMD_USAGE;
}

static const struct ngctl_cmd quit_cmd = {
	.name = "quit",
	.aliases = { "exit" },
	.usage = "",
	.summary = "Leave ngctl-nl",
	.help = NULL,
	.handler = quit_handler,
};

/* ---------------------------------------------------------------- */
/* main                                                              */

static void usage(void)
{
	fprintf(stderr,
		"usage: %s [-dj] [-f file|-] [-n name] [-N netns] [command ...]\n",
		PROGNAME);
	exit(EX_USAGE);
}

/*
 * -N: work in another network namespace, as "ip -n": a name is one of
 * "ip netns" (/run/netns/<name>), anything with a '/' a path such as
 * /proc/<pid>/ns/net.  Before any socket is opened, since a netlink
 * socket talks to the graph of the namespace it was made in.
 */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, r = 0;

	if (snprintf(path, sizeof(path), strchr(name, '/') ? "%s" : "/run/netns/%s",
		     name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (setns(fd, CLONE_NEWNET))
		r = -errno;
	close(fd);
	return r;
}

static int exit_code(int r)
{
	switch (r) {
	case CMD_OK:
	case CMD_QUIT:
		return 0;
	case CMD_USAGE:
	case CMD_UNKNOWN:
		return EX_USAGE;
	default:
		return EX_OSERR;
	}
}

int main(int argc, char **argv)
{
	struct ngctl ctx;
	FILE *fp = NULL;
	const char *env, *netns = NULL;
	int ch, r;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cs = ctx.ds = -1;
	env = getenv("NGCTL_NL_DRYRUN");
	ctx.dryrun = env && *env && strcmp(env, "0") != 0;
	env = getenv("NGCTL_NL_FAMILY");
	if (env && *env)
		ctx.family = env;

	/* "+": stop at the first operand, so "msg p: 1:2 -1" stays intact */
	while ((ch = getopt(argc, argv, "+df:jn:N:")) != -1) {
		switch (ch) {
		case 'd':
			ctx.debug++;
			break;
		case 'j':
			ctx.json = true;	/* iproute2's -j */
			break;
		case 'f':
			if (fp && fp != stdin)
				fclose(fp);
			if (strcmp(optarg, "-") == 0) {
				fp = stdin;
			} else if (!(fp = fopen(optarg, "r"))) {
				ngctl_warnx("%s: %s", optarg, strerror(errno));
				return EX_NOINPUT;
			}
			break;
		case 'n':
			ctx.nodename = optarg;	/* the own node's name */
			break;
		case 'N':
			netns = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (netns) {
		r = enter_netns(netns);
		if (r) {
			ngctl_warnx("netns \"%s\": %s", netns, strerror(-r));
			if (fp && fp != stdin)
				fclose(fp);
			return EX_OSERR;
		}
	}

	if (argc > 0)
		r = do_command(&ctx, argc, argv, NULL);
	else if (fp)
		r = ngctl_read_file(&ctx, fp);
	else if (isatty(STDIN_FILENO))
		r = interactive(&ctx);
	else
		r = ngctl_read_file(&ctx, stdin);

	if (fp && fp != stdin)
		fclose(fp);
	if (ctx.cs >= 0)
		close(ctx.cs);	/* the own node goes with it */
	if (ctx.ds >= 0)
		close(ctx.ds);
	ngnl_close(ctx.nl);
	if (fflush(stdout) != 0 && r == CMD_OK) {
		ngctl_warnx("stdout: %s", strerror(errno));
		r = CMD_ERROR;
	}
	return exit_code(r);
}
