// SPDX-License-Identifier: GPL-2.0
/*
 * ngbench: traffic sources, sinks and userland relays for the benchmarks
 * (selftests/ng_bench_*.sh).  Each must cost less than what it measures:
 * UDP goes through recvmmsg/sendmmsg in batches, TCP through large
 * buffers (or splice), and nothing looks at the bytes in the timed path
 * unless asked to (-v).
 *
 *   ngbench udp-sink     -l ADDR:PORT [-t SECS] [-w WAIT]
 *   ngbench udp-source   -d ADDR:PORT [-s SIZE] [-t SECS]
 *   ngbench udp-relay    -l ADDR:PORT -d ADDR:PORT [-t SECS] [-w WAIT]
 *   ngbench tcp-sink     -l ADDR:PORT [-v] [-w WAIT]
 *   ngbench tcp-source   -d ADDR:PORT -n BYTES
 *   ngbench splice-proxy -l ADDR:PORT -d ADDR:PORT [-w WAIT]
 *   ngbench tcp-relay    -l ADDR:PORT -d ADDR:PORT [-w WAIT]
 *
 * Results go to stdout as one line of key=value pairs, e.g.
 * "packets=123456 secs=3.000 pps=41152"; errors to stderr, exit status 1.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define BATCH		64		/* datagrams per recvmmsg/sendmmsg */
#define DGRAM_MAX	2048		/* receive buffer per datagram */
#define CHUNK		(1 << 20)	/* TCP read/write/splice size */
/* The TCP pattern repeats every PATLEN bytes: not a multiple of any
 * read or write size, so a lost, doubled or reordered chunk shows. */
#define PATLEN		(CHUNK + 13)

static const char *prog = "ngbench";

static void die(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (fmt[strlen(fmt) - 1] == ':')
		fprintf(stderr, " %s", strerror(e));
	fputc('\n', stderr);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct opts {
	struct sockaddr_in laddr, daddr;
	int have_l, have_d;
	double secs;		/* -t: measuring window / run time */
	double wait;		/* -w: how long to wait for the first data */
	long size;		/* -s: datagram size */
	unsigned long long bytes;	/* -n: bytes to send */
	int verify;		/* -v: check the TCP pattern, number datagrams */
};

static void parse_addr(const char *s, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		die("%s: not ADDR:PORT", s);
	memcpy(host, s, colon - s);
	host[colon - s] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		die("%s: bad port", s);
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sin->sin_addr) != 1)
		die("%s: not an IPv4 address", host);
}

static double parse_num(const char *s, const char *what)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		die("%s: bad %s", s, what);
	/* k, M, G suffixes (powers of 1024), for byte counts */
	switch (*end) {
	case 'k': case 'K': v *= 1024; end++; break;
	case 'm': case 'M': v *= 1024 * 1024; end++; break;
	case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
	}
	if (*end)
		die("%s: bad %s", s, what);
	return v;
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->secs = 3;
	o->wait = 30;
	o->size = 64;
	while ((c = getopt(argc, argv, "l:d:t:w:s:n:v")) != -1) {
		switch (c) {
		case 'l': parse_addr(optarg, &o->laddr); o->have_l = 1; break;
		case 'd': parse_addr(optarg, &o->daddr); o->have_d = 1; break;
		case 't': o->secs = parse_num(optarg, "time"); break;
		case 'w': o->wait = parse_num(optarg, "time"); break;
		case 's': o->size = parse_num(optarg, "size"); break;
		case 'n': o->bytes = parse_num(optarg, "byte count"); break;
		case 'v': o->verify = 1; break;
		default: exit(2);
		}
	}
	if (optind != argc)
		die("%s: unexpected argument", argv[optind]);
}

static void need(int have, const char *opt)
{
	if (!have)
		die("%s is required", opt);
}

static void set_timeout(int fd, double secs)
{
	struct timeval tv = {
		.tv_sec = (time_t)secs,
		.tv_usec = (suseconds_t)((secs - (time_t)secs) * 1e6),
	};

	if (!tv.tv_sec && !tv.tv_usec)
		tv.tv_usec = 1000;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO:");
}

/* A big socket buffer: beyond rmem_max/wmem_max with CAP_NET_ADMIN. */
static void set_buf(int fd, int opt, int force, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof(bytes)))
		setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof(bytes));
}

static int udp_socket(const struct sockaddr_in *bind_to,
		      const struct sockaddr_in *connect_to)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0), one = 1;

	if (fd < 0)
		die("socket:");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	set_buf(fd, SO_RCVBUF, SO_RCVBUFFORCE, 8 << 20);
	set_buf(fd, SO_SNDBUF, SO_SNDBUFFORCE, 4 << 20);
	if (bind_to && bind(fd, (const struct sockaddr *)bind_to, sizeof(*bind_to)))
		die("bind:");
	if (connect_to &&
	    connect(fd, (const struct sockaddr *)connect_to, sizeof(*connect_to)))
		die("connect:");
	return fd;
}

/* Datagram buffers for a batch; @len is each one's size. */
struct batch {
	struct mmsghdr msg[BATCH];
	struct iovec iov[BATCH];
	char *buf;
};

static void batch_init(struct batch *b, size_t len, int shared)
{
	int i;

	b->buf = calloc(shared ? 1 : BATCH, len);
	if (!b->buf)
		die("out of memory");
	memset(b->msg, 0, sizeof(b->msg));
	for (i = 0; i < BATCH; i++) {
		b->iov[i].iov_base = b->buf + (shared ? 0 : i * len);
		b->iov[i].iov_len = len;
		b->msg[i].msg_hdr.msg_iov = &b->iov[i];
		b->msg[i].msg_hdr.msg_iovlen = 1;
	}
}

static int soft_error(int e)
{
	return e == EINTR || e == EAGAIN || e == ECONNREFUSED ||
	       e == ENOBUFS || e == EHOSTUNREACH;
}

/* udp-sink: count the datagrams of SECS seconds from the first one. */
static int udp_sink(struct opts *o)
{
	struct batch b;
	unsigned long long pkts = 0, bytes = 0, late = 0, top = 0, seq;
	double t0 = 0, t, end;
	int fd, n, i;

	need(o->have_l, "-l");
	fd = udp_socket(&o->laddr, NULL);
	batch_init(&b, DGRAM_MAX, 0);
	set_timeout(fd, o->wait);
	for (;;) {	/* the first batch starts the clock */
		n = recvmmsg(fd, b.msg, BATCH, MSG_WAITFORONE, NULL);
		if (n > 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			die("no datagram within %g s", o->wait);
		die("recvmmsg:");
	}
	t0 = now();
	end = t0 + o->secs;
	set_timeout(fd, 0.05);
	for (t = t0; t < end; t = now()) {
		n = recvmmsg(fd, b.msg, BATCH, MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (soft_error(errno))
				continue;
			die("recvmmsg:");
		}
		pkts += n;
		for (i = 0; i < n; i++) {
			bytes += b.msg[i].msg_len;
			if (!o->verify || b.msg[i].msg_len < sizeof(seq))
				continue;
			/* -v: a number below one seen before came late */
			memcpy(&seq, b.iov[i].iov_base, sizeof(seq));
			if (seq < top)
				late++;
			else
				top = seq;
		}
	}
	t -= t0;
	printf("packets=%llu bytes=%llu secs=%.3f pps=%.0f mbps=%.1f",
	       pkts, bytes, t, pkts / t, bytes / t / 1e6);
	if (o->verify)
		printf(" reordered=%llu", late);
	printf("\n");
	return 0;
}

/* udp-source: batches of SIZE-byte datagrams for SECS seconds. */
static int udp_source(struct opts *o)
{
	struct batch b;
	unsigned long long pkts = 0, calls = 0, seq;
	double t0, end, t;
	int fd, n, i;

	need(o->have_d, "-d");
	if (o->size < 1 || o->size > 65507)
		die("-s %ld: a datagram holds 1 to 65507 bytes", o->size);
	if (o->verify && o->size < (long)sizeof(seq))
		die("-v: datagrams of at least %zu bytes", sizeof(seq));
	fd = udp_socket(NULL, &o->daddr);
	/* -v: each datagram of a batch its own buffer, numbered */
	batch_init(&b, o->size, !o->verify);
	memset(b.buf, 'n', o->verify ? BATCH * o->size : o->size);
	t0 = now();
	end = t0 + o->secs;
	for (t = t0; t < end; ) {
		for (i = 0; o->verify && i < BATCH; i++) {
			seq = pkts + i;
			memcpy(b.iov[i].iov_base, &seq, sizeof(seq));
		}
		n = sendmmsg(fd, b.msg, BATCH, 0);
		if (n < 0) {
			if (!soft_error(errno))
				die("sendmmsg:");
		} else {
			pkts += n;
		}
		/* the clock every few batches: it is a system call under TCG */
		if (!(++calls & 7))
			t = now();
	}
	t = now() - t0;
	printf("packets=%llu secs=%.3f pps=%.0f\n", pkts, t, pkts / t);
	return 0;
}

/* udp-relay: recvmmsg from -l, sendmmsg to -d, for SECS seconds (or
 * until nothing arrived for WAIT seconds). */
static int udp_relay(struct opts *o)
{
	struct batch b;
	unsigned long long in = 0, out = 0;
	double t0, end, last;
	int rfd, sfd, n, m, i;

	need(o->have_l, "-l");
	need(o->have_d, "-d");
	rfd = udp_socket(&o->laddr, NULL);
	sfd = udp_socket(NULL, &o->daddr);
	batch_init(&b, DGRAM_MAX, 0);
	set_timeout(rfd, 0.2);
	t0 = last = now();
	end = o->secs > 0 ? t0 + o->secs : 0;
	for (;;) {
		double t;

		for (i = 0; i < BATCH; i++)
			b.iov[i].iov_len = DGRAM_MAX;
		n = recvmmsg(rfd, b.msg, BATCH, MSG_WAITFORONE, NULL);
		t = now();
		if ((end && t >= end) || t - last > o->wait)
			break;
		if (n < 0) {
			if (soft_error(errno))
				continue;
			die("recvmmsg:");
		}
		last = t;
		in += n;
		for (i = 0; i < n; i++)
			b.iov[i].iov_len = b.msg[i].msg_len;
		for (i = 0; i < n; i += m) {
			m = sendmmsg(sfd, b.msg + i, n - i, 0);
			if (m < 0) {
				if (!soft_error(errno))
					die("sendmmsg:");
				break;	/* dropped, as a router would */
			}
			out += m;
		}
	}
	printf("received=%llu sent=%llu\n", in, out);
	return 0;
}

/* ------------------------------------------------------------- TCP */

static char *pattern;	/* 2 * PATLEN bytes: any PATLEN window from 0..PATLEN */

static void pattern_init(void)
{
	uint64_t x = 0x6e67626e63680001ull;	/* xorshift64 */
	size_t i;

	pattern = malloc(2 * (size_t)PATLEN);
	if (!pattern)
		die("out of memory");
	for (i = 0; i < PATLEN; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		pattern[i] = (char)(x >> 24);
	}
	memcpy(pattern + PATLEN, pattern, PATLEN);
}

static int tcp_listen(const struct sockaddr_in *sin)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		die("socket:");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)sin, sizeof(*sin)))
		die("bind:");
	if (listen(fd, 4))
		die("listen:");
	return fd;
}

/* accept_one: the first connection within WAIT seconds */
static int accept_one(int lfd, double wait)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	int fd, r;

	do
		r = poll(&p, 1, (int)(wait * 1000));
	while (r < 0 && errno == EINTR);
	if (r < 0)
		die("poll:");
	if (!r)
		die("no connection within %g s", wait);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("accept:");
	close(lfd);
	return fd;
}

static int tcp_connect(const struct sockaddr_in *sin)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket:");
	if (connect(fd, (const struct sockaddr *)sin, sizeof(*sin)))
		die("connect %s:%d:", inet_ntoa(sin->sin_addr), ntohs(sin->sin_port));
	return fd;
}

/* tcp-sink: one connection, read to EOF; MB/s from the first byte. */
static int tcp_sink(struct opts *o)
{
	unsigned long long bytes = 0;
	size_t off = 0;		/* where the stream is in the pattern */
	double t0 = 0, t;
	char *buf;
	ssize_t n;
	int fd;

	need(o->have_l, "-l");
	if (o->verify)
		pattern_init();
	buf = malloc(CHUNK);
	if (!buf)
		die("out of memory");
	fd = accept_one(tcp_listen(&o->laddr), o->wait);
	for (;;) {
		n = read(fd, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("read:");
		if (!n)
			break;
		if (!bytes)
			t0 = now();
		if (o->verify) {
			if (memcmp(buf, pattern + off, n))
				die("wrong content in bytes %llu to %llu",
				    bytes, bytes + n);
			off = (off + n) % PATLEN;
		}
		bytes += n;
	}
	t = now() - t0;
	if (!bytes)
		t = 0;
	printf("bytes=%llu secs=%.3f mbps=%.1f%s\n", bytes, t,
	       t > 0 ? bytes / t / 1e6 : 0.0, o->verify ? " verified=1" : "");
	return 0;
}

/* tcp-source: BYTES of the pattern in CHUNK writes, then EOF. */
static int tcp_source(struct opts *o)
{
	unsigned long long left = o->bytes;
	size_t off = 0;
	double t0, t;
	int fd;

	need(o->have_d, "-d");
	pattern_init();
	fd = tcp_connect(&o->daddr);
	t0 = now();
	while (left) {
		size_t len = left < CHUNK ? left : CHUNK;
		ssize_t n = write(fd, pattern + off, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("write:");
		left -= n;
		off = (off + n) % PATLEN;
	}
	if (shutdown(fd, SHUT_WR))
		die("shutdown:");
	/* (the figure that counts is the sink's: this one ends with the
	 * last write into the socket buffer) */
	t = now() - t0;
	printf("bytes=%llu secs=%.3f mbps=%.1f\n", o->bytes, t,
	       t > 0 ? o->bytes / t / 1e6 : 0.0);
	return 0;
}

/* One direction of a TCP proxy: from->to until EOF, then half-close. */
struct pump {
	int from, to, use_splice;
	unsigned long long bytes;
	const char *err;
	int err_no;
};

static void *pump_run(void *arg)
{
	struct pump *p = arg;
	int pfd[2] = { -1, -1 };
	char *buf = NULL;
	ssize_t n, m;

	if (p->use_splice) {
		if (pipe(pfd)) {
			p->err = "pipe";
			goto fail;
		}
		fcntl(pfd[1], F_SETPIPE_SZ, CHUNK);
	} else if (!(buf = malloc(CHUNK))) {
		p->err = "malloc";
		goto fail;
	}
	for (;;) {
		if (p->use_splice)
			n = splice(p->from, NULL, pfd[1], NULL, CHUNK,
				   SPLICE_F_MOVE | SPLICE_F_MORE);
		else
			n = read(p->from, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			p->err = p->use_splice ? "splice from socket" : "read";
			goto fail;
		}
		if (!n)
			break;
		for (m = 0; m < n; ) {
			ssize_t w = p->use_splice ?
				splice(pfd[0], NULL, p->to, NULL, n - m,
				       SPLICE_F_MOVE | SPLICE_F_MORE) :
				write(p->to, buf + m, n - m);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				p->err = p->use_splice ? "splice to socket" : "write";
				goto fail;
			}
			m += w;
		}
		p->bytes += n;
	}
	shutdown(p->to, SHUT_WR);
	goto out;
fail:
	p->err_no = errno;
	shutdown(p->to, SHUT_RDWR);
	shutdown(p->from, SHUT_RDWR);
out:
	free(buf);
	if (pfd[0] >= 0) {
		close(pfd[0]);
		close(pfd[1]);
	}
	return NULL;
}

/* splice-proxy / tcp-relay: one connection in, one out, both ways. */
static int tcp_proxy(struct opts *o, int use_splice)
{
	struct pump up = { .use_splice = use_splice };
	struct pump down = { .use_splice = use_splice };
	pthread_t th;
	int c, s;

	need(o->have_l, "-l");
	need(o->have_d, "-d");
	c = accept_one(tcp_listen(&o->laddr), o->wait);
	s = tcp_connect(&o->daddr);
	up.from = c, up.to = s;
	down.from = s, down.to = c;
	if (pthread_create(&th, NULL, pump_run, &down))
		die("pthread_create failed");
	pump_run(&up);
	pthread_join(th, NULL);
	if (up.err || down.err) {
		struct pump *p = up.err ? &up : &down;

		errno = p->err_no;
		die("%s:", p->err);
	}
	printf("bytes=%llu back=%llu\n", up.bytes, down.bytes);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s COMMAND OPTIONS\n"
		"  udp-sink     -l ADDR:PORT [-t SECS] [-w WAIT] [-v]\n"
		"  udp-source   -d ADDR:PORT [-s SIZE] [-t SECS] [-v]\n"
		"  udp-relay    -l ADDR:PORT -d ADDR:PORT [-t SECS] [-w WAIT]\n"
		"  tcp-sink     -l ADDR:PORT [-v] [-w WAIT]\n"
		"  tcp-source   -d ADDR:PORT -n BYTES\n"
		"  splice-proxy -l ADDR:PORT -d ADDR:PORT [-w WAIT]\n"
		"  tcp-relay    -l ADDR:PORT -d ADDR:PORT [-w WAIT]\n"
		"SECS: the sink's window from its first datagram (default 3),\n"
		"the source's and relay's run time; WAIT: how long to wait for\n"
		"the first datagram or connection (default 30); -v: the sink\n"
		"checks the bytes against tcp-source's pattern, or counts the\n"
		"datagrams that arrive after a later one of udp-source's\n"
		"(which numbers them).\n",
		prog);
}

int main(int argc, char **argv)
{
	struct opts o;
	const char *cmd;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	cmd = argv[1];
	parse_opts(argc - 1, argv + 1, &o);
	if (!strcmp(cmd, "udp-sink"))
		return udp_sink(&o);
	if (!strcmp(cmd, "udp-source"))
		return udp_source(&o);
	if (!strcmp(cmd, "udp-relay"))
		return udp_relay(&o);
	if (!strcmp(cmd, "tcp-sink"))
		return tcp_sink(&o);
	if (!strcmp(cmd, "tcp-source"))
		return tcp_source(&o);
	if (!strcmp(cmd, "splice-proxy"))
		return tcp_proxy(&o, 1);
	if (!strcmp(cmd, "tcp-relay"))
		return tcp_proxy(&o, 0);
	fprintf(stderr, "%s: %s: unknown command\n", prog, cmd);
	usage(stderr);
	return 2;
}
