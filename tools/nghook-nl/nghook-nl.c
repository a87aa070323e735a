// SPDX-License-Identifier: GPL-2.0
/*
 * nghook-nl: FreeBSD's nghook(8) for netgraph on Linux, on libnetgraph.
 *
 * Makes a socket node, connects its hook "hook" to hook HOOKNAME (default
 * "debug") of the node at PATH, and relays: packets arriving on the hook
 * go to standard output, what is read from standard input goes out of the
 * hook, one read() per packet.
 *
 *   nghook-nl [-adlnsS] [-m msg]... path [hookname]
 *   nghook-nl -e [-n] [-m msg]... path hookname prog [args...]
 *
 * -e runs prog with the hook as its standard input and output.  FreeBSD
 * hands prog the data socket itself; a netlink socket does not carry raw
 * packets, so here prog gets one end of a SOCK_SEQPACKET socket pair (one
 * packet per read and write, as on the data socket) and nghook-nl relays.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include <netgraph.h>

#define DEFAULT_HOOKNAME	"debug"
#define OUR_HOOK		"hook"
#define BUF_SIZE		(64 * 1024)

static int outfd = STDOUT_FILENO;
static int infd = STDIN_FILENO;

static void usage(void)
{
	fprintf(stderr, "usage: nghook-nl [-adlnsS] [-m msg] path [hookname]\n"
		"   or: nghook-nl -e [-n] [-m msg]* path hookname prog [args...]\n");
	exit(EX_USAGE);
}

/* A hex and ASCII dump, 16 bytes a line, then an empty line. */
static void write_ascii(const unsigned char *buf, int len)
{
	char line[100];
	int off, k, n;

	for (off = 0; off < len; off += 16) {
		n = snprintf(line, sizeof(line), "%04x:  ", off);
		for (k = 0; k < 16; k++)
			n += snprintf(line + n, sizeof(line) - n,
				      off + k < len ? "%02x " : "   ",
				      off + k < len ? buf[off + k] : 0);
		n += snprintf(line + n, sizeof(line) - n, " ");
		for (k = 0; k < 16 && off + k < len; k++)
			line[n++] = isprint(buf[off + k]) ? buf[off + k] : '.';
		line[n++] = '\n';
		if (write(outfd, line, n) != n)
			err(EX_OSERR, "write(stdout)");
	}
	if (write(outfd, "\n", 1) != 1)
		err(EX_OSERR, "write(stdout)");
}

static void send_msgs(int cs, const char *path, char **msgs, int nmsgs)
{
	int i;

	for (i = 0; i < nmsgs; i++)
		if (NgSendAsciiMsg(cs, path, "%s", msgs[i]) < 0)
			err(EX_OSERR, "sending message '%s'", msgs[i]);
}

/* -e: run @argv on one end of a packet socket pair; return the other. */
static int spawn(char **argv, int no_input, pid_t *pidp)
{
	int sp[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		err(EX_OSERR, "socketpair");
	pid = fork();
	if (pid < 0)
		err(EX_OSERR, "fork");
	if (pid == 0) {
		if (no_input) {
			int null = open("/dev/null", O_RDONLY);

			if (null >= 0 && null != 0) {
				dup2(null, 0);
				close(null);
			}
		} else {
			dup2(sp[1], 0);
		}
		dup2(sp[1], 1);
		execvp(argv[0], argv);
		err(EX_OSERR, "%s", argv[0]);
	}
	close(sp[1]);
	*pidp = pid;
	return sp[0];
}

int main(int argc, char **argv)
{
	struct ngm_connect ngc;
	const char *path = NULL, *hook = DEFAULT_HOOKNAME;
	int ascii = 0, loop = 0, no_input = 0, exec_prog = 0;
	char **msgs = NULL;
	int nmsgs = 0, cs, ds, ch;
	unsigned char *buf;
	pid_t child = -1;

	while ((ch = getopt(argc, argv, "+aedlm:nsS")) != -1) {
		switch (ch) {
		case 'a':
			ascii = 1;
			break;
		case 'd':
			NgSetDebug(NgSetDebug(-1) + 1);
			break;
		case 'e':
			exec_prog = 1;
			break;
		case 'l':
			loop = 1;
			break;
		case 'm':
			msgs = realloc(msgs, (nmsgs + 1) * sizeof(*msgs));
			if (!msgs)
				err(EX_OSERR, NULL);
			msgs[nmsgs++] = optarg;
			break;
		case 'n':
			no_input = 1;
			break;
		case 's':
			outfd = STDIN_FILENO;
			break;
		case 'S':
			infd = STDOUT_FILENO;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (exec_prog) {
		if (ascii || loop) {
			fprintf(stderr, "conflicting options\n");
			usage();
		}
		if (argc < 3)
			usage();
		path = argv[0];
		hook = argv[1];
		argv += 2;
		argc -= 2;
	} else if (argc == 1 || argc == 2) {
		path = argv[0];
		if (argc == 2)
			hook = argv[1];
	} else {
		usage();
	}

	buf = malloc(BUF_SIZE);
	if (!buf)
		err(EX_OSERR, NULL);
	if (NgMkSockNode(NULL, &cs, &ds) < 0)
		err(EX_OSERR, "can't get sockets");
	memset(&ngc, 0, sizeof(ngc));
	snprintf(ngc.path, sizeof(ngc.path), "%s", path);
	snprintf(ngc.ourhook, sizeof(ngc.ourhook), "%s", OUR_HOOK);
	snprintf(ngc.peerhook, sizeof(ngc.peerhook), "%s", hook);
	if (NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_CONNECT, &ngc,
		      sizeof(ngc)) < 0)
		err(EX_OSERR, "can't connect to node");
	send_msgs(cs, path, msgs, nmsgs);

	if (exec_prog) {
		signal(SIGPIPE, SIG_IGN);
		infd = outfd = spawn(argv, no_input, &child);
		no_input = 0;	/* the relay reads what the program writes */
	} else if (no_input) {
		fclose(stdin);
	}

	for (;;) {
		fd_set rfds;
		int rl, wl;

		FD_ZERO(&rfds);
		if (!no_input)
			FD_SET(infd, &rfds);
		FD_SET(ds, &rfds);
		if (select(FD_SETSIZE, &rfds, NULL, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			err(EX_OSERR, "select");
		}
		if (FD_ISSET(ds, &rfds)) {
			rl = NgRecvData(ds, buf, BUF_SIZE, NULL);
			if (rl < 0)
				err(EX_OSERR, "read(hook)");
			if (rl == 0)
				errx(EX_OSERR, "read EOF from hook?!");
			if (ascii) {
				write_ascii(buf, rl);
			} else if ((wl = write(outfd, buf, rl)) != rl) {
				if (wl < 0)
					err(EX_OSERR, "write(stdout)");
				errx(EX_OSERR, "stdout: read %d, wrote %d", rl, wl);
			}
			if (loop && NgSendData(ds, OUR_HOOK, buf, rl) < 0)
				err(EX_OSERR, "write(hook)");
		}
		if (!no_input && FD_ISSET(infd, &rfds)) {
			rl = read(infd, buf, BUF_SIZE);
			if (rl < 0)
				err(EX_OSERR, "read(stdin)");
			if (rl == 0) {
				if (child > 0) {
					int st;

					waitpid(child, &st, 0);
					exit(WIFEXITED(st) ? WEXITSTATUS(st) : EX_OSERR);
				}
				errx(EX_OSERR, "EOF(stdin)");
			}
			if (NgSendData(ds, OUR_HOOK, buf, rl) < 0)
				err(EX_OSERR, "write(hook)");
		}
	}
}
