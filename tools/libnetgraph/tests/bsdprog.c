// SPDX-License-Identifier: GPL-2.0
/*
 * bsdprog: a program written the way FreeBSD's netgraph programs are, with
 * the idioms of FreeBSD's ngctl(8) and of mpd5, built from the installed
 * headers and libnetgraph alone (selftests/vm/check.sh builds it from a
 * staging install; selftests/ng_bsdprog.sh runs it in the guests).
 * Output is TAP.
 *
 *   bsdprog [CASE...]   run the cases (all without arguments)
 *   bsdprog list        the case names
 *
 * What differs from the FreeBSD source is marked "Linux:" -- the whole
 * of it is what netgraph(3), NOTES, says a FreeBSD program changes: a
 * socket address has no sa_len/ss_len (its length is sizeof the address),
 * and a sendto()/recvfrom() on the data socket becomes NgSendData()/
 * NgRecvData().
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netgraph.h>
#include <netgraph/ng_message.h>
#include <netgraph/ng_socket.h>
#include <netgraph/ng_ksocket.h>
#include <netgraph/ng_tee.h>
#include <stddef.h>

/* FreeBSD's flow messages are macros a program may test, as on FreeBSD */
#if !defined(NGM_HIGH_WATER_PASSED) || !defined(NGM_GET_BANDWIDTH)
#error "<netgraph/ng_message.h> lacks FreeBSD's flow-message macros"
#endif
_Static_assert(sizeof(struct ngm_bandwidth) == 32, "struct ngm_bandwidth");
_Static_assert(offsetof(struct ng_ksocket_accept, addr) == 4,
	       "struct ng_ksocket_accept");

static int tap_n, tap_failed;

static void tap(int pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(int pass, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!pass)
		tap_failed++;
}

#define CHECK(cond, ...) ({						\
	int _ok = !!(cond);						\
	tap(_ok, __VA_ARGS__);						\
	if (!_ok)							\
		printf("# %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__, \
		       #cond, errno, strerror(errno));			\
	_ok;								\
})

/* Is something readable on @fd within @ms? */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

/*
 * mpd5's NgGetNodeID(): NGM_NODEINFO, then the reply's id; 0 on error.
 */
static ng_ID_t get_node_id(int cs, const char *path)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + sizeof(struct nodeinfo)];
		struct ng_mesg reply;
	} u;
	struct nodeinfo *const ni = (struct nodeinfo *)(void *)u.reply.data;

	if (NgSendMsg(cs, path, NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0) < 0)
		return 0;
	if (NgRecvMsg(cs, &u.reply, sizeof(u), NULL) < 0)
		return 0;
	return ni->id;
}

/*
 * mpd5's way of waiting for one reply among others: receive until the
 * token NgSendMsg() returned comes back.  The reply goes to @buf; the
 * number of other messages passed over to *@others.
 */
static int recv_token(int cs, int token, struct ng_mesg *buf, size_t len,
		      char *path, int *others)
{
	int n;

	for (;;) {
		if (!readable(cs, 2000)) {
			errno = ETIMEDOUT;
			return -1;
		}
		n = NgRecvMsg(cs, buf, len, path);
		if (n < 0)
			return -1;
		if ((buf->header.flags & NGF_RESP) && buf->header.token == (u_int)token)
			return n;
		(*others)++;
	}
}

/*
 * The graph, as mpd5 builds it: mkpeer, name by message, connect; then
 * what ngctl's "show" reads back (NGM_LISTHOOKS as struct hooklist), and
 * packets through the tee with its binary statistics.
 *
 *   [bsdprog]t --- left[tee "bsdtee"]right --- r[bsdprog]
 */
static void t_graph(void)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + sizeof(struct hooklist) +
			   4 * sizeof(struct linkinfo)];
		struct ng_mesg reply;
	} u;
	struct hooklist *const hl = (struct hooklist *)(void *)u.reply.data;
	struct ng_tee_stats *const st = (struct ng_tee_stats *)(void *)u.reply.data;
	struct ngm_mkpeer mkp;
	struct ngm_connect con;
	struct ngm_name nm;
	char path[NG_PATHSIZ], hook[NG_HOOKSIZ];
	u_char pkt[64];
	ng_ID_t tee_id, self_id;
	int cs, ds, n, tok, others = 0, seen_t = 0, seen_r = 0;
	u_int k;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "graph: NgMkSockNode"))
		return;
	(void)fcntl(cs, F_SETFD, 1);	/* mpd5: close-on-exec */
	(void)fcntl(ds, F_SETFD, 1);
	CHECK(NgNameNode(cs, ".", "bsdprog%d", (int)getpid()) == 0,
	      "graph: NgNameNode with a format");

	memset(&mkp, 0, sizeof(mkp));
	strcpy(mkp.type, NG_TEE_NODE_TYPE);
	strcpy(mkp.ourhook, "t");
	strcpy(mkp.peerhook, NG_TEE_HOOK_LEFT);
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp,
			sizeof(mkp)) >= 0, "graph: NGM_MKPEER a tee on hook t");
	memset(&nm, 0, sizeof(nm));
	snprintf(nm.name, sizeof(nm.name), "bsdtee");
	CHECK(NgSendMsg(cs, "t", NGM_GENERIC_COOKIE, NGM_NAME, &nm,
			sizeof(nm)) >= 0, "graph: NGM_NAME it through the hook");
	memset(&con, 0, sizeof(con));
	snprintf(con.path, sizeof(con.path), "bsdtee:");
	strcpy(con.ourhook, "r");
	strcpy(con.peerhook, NG_TEE_HOOK_RIGHT);
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_CONNECT, &con,
			sizeof(con)) >= 0, "graph: NGM_CONNECT hook r to its right");

	tee_id = get_node_id(cs, "bsdtee:");
	self_id = get_node_id(cs, ".");
	CHECK(tee_id != 0 && self_id != 0 && tee_id != self_id,
	      "graph: node IDs as ng_ID_t (tee %08x, self %08x)", tee_id, self_id);
	snprintf(path, sizeof(path), "[%x]:", tee_id);
	CHECK(get_node_id(cs, path) == tee_id, "graph: the tee answers at %s", path);

	/* ngctl's "show": the hook list */
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_LISTHOOKS, NULL, 0) >= 0 &&
	      (n = NgRecvMsg(cs, &u.reply, sizeof(u), NULL)) >= (int)sizeof(u.reply),
	      "graph: NGM_LISTHOOKS of ourselves");
	CHECK(hl->nodeinfo.id == self_id && hl->nodeinfo.hooks == 2 &&
	      !strcmp(hl->nodeinfo.type, NG_SOCKET_NODE_TYPE) &&
	      !strncmp(hl->nodeinfo.name, "bsdprog", 7) &&
	      u.reply.header.arglen == sizeof(*hl) + 2 * sizeof(struct linkinfo),
	      "graph: struct hooklist: our node, type socket, two links");
	for (k = 0; k < hl->nodeinfo.hooks && k < 2; k++) {
		const struct linkinfo *const link = &hl->link[k];

		if (link->nodeinfo.id != tee_id ||
		    strcmp(link->nodeinfo.type, NG_TEE_NODE_TYPE) ||
		    strcmp(link->nodeinfo.name, "bsdtee") || link->nodeinfo.hooks != 2)
			continue;
		seen_t += !strcmp(link->ourhook, "t") &&
			  !strcmp(link->peerhook, NG_TEE_HOOK_LEFT);
		seen_r += !strcmp(link->ourhook, "r") &&
			  !strcmp(link->peerhook, NG_TEE_HOOK_RIGHT);
	}
	CHECK(seen_t == 1 && seen_r == 1,
	      "graph: struct linkinfo: t-left and r-right to tee bsdtee");

	/* packets through the tee, left to right and back */
	CHECK(NgSendData(ds, "t", (const u_char *)"through", 7) == 0 &&
	      readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 7 &&
	      !memcmp(pkt, "through", 7) && !strcmp(hook, "r"),
	      "graph: a packet out of t comes back in on r");
	CHECK(NgSendData(ds, "r", (const u_char *)"back", 4) == 0 &&
	      readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 4 && !strcmp(hook, "t"),
	      "graph: and one out of r on t");

	/* mpd5: a burst of requests, the one reply wanted found by token */
	NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0);
	NgSendMsg(cs, "bsdtee:", NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0);
	tok = NgSendMsg(cs, "bsdtee:", NGM_TEE_COOKIE, NGM_TEE_GET_STATS, NULL, 0);
	NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_LISTHOOKS, NULL, 0);
	n = tok < 0 ? -1 : recv_token(cs, tok, &u.reply, sizeof(u), path, &others);
	CHECK(n == (int)(sizeof(u.reply) + sizeof(*st)) &&
	      u.reply.header.typecookie == NGM_TEE_COOKIE &&
	      u.reply.header.cmd == NGM_TEE_GET_STATS && others == 2,
	      "graph: the NGM_TEE_GET_STATS reply found by its token %d after %d others",
	      tok, others);
	snprintf(hook, sizeof(hook), "[%x]:", tee_id);
	CHECK(!strcmp(path, hook), "graph: ... from the tee, %s (%s)", hook, path);
	CHECK(st->left.inFrames == 1 && st->left.inOctets == 7 &&
	      st->right.outFrames == 1 && st->right.inFrames == 1 &&
	      st->left.outOctets == 4 && st->left2right.inFrames == 0,
	      "graph: struct ng_tee_stats counts both packets (left in %llu, right in %llu)",
	      (unsigned long long)st->left.inFrames,
	      (unsigned long long)st->right.inFrames);
	/* the LISTHOOKS reply still waits */
	CHECK(readable(cs, 2000) && NgRecvMsg(cs, &u.reply, sizeof(u), NULL) > 0 &&
	      u.reply.header.cmd == NGM_LISTHOOKS && !readable(cs, 0),
	      "graph: the reply after it is the last one queued");

	NgSendMsg(cs, "bsdtee:", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/*
 * ngctl's "msg": an ASCII request; the binary reply made text again with
 * NGM_BINARY2ASCII sent to whoever replied (ngctl's MsgRead()); and the
 * same reply through NgRecvAsciiMsg(), which converts by itself.
 */
static void t_ascii(void)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + NG_TEXTRESPONSE];
		struct ng_mesg m;
	} a;
	struct ng_mesg *reply = NULL, *text = NULL;
	char from[NG_PATHSIZ];
	int cs, ds, n;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "ascii: NgMkSockNode"))
		return;
	CHECK(NgSendAsciiMsg(cs, ".", "mkpeer { type=\"tee\" ourhook=\"a\" peerhook=\"left\" }") >= 0,
	      "ascii: NgSendAsciiMsg mkpeer with a struct argument");
	CHECK(NgSendAsciiMsg(cs, "a", "name { name=\"%s\" }", "bsdtee2") >= 0,
	      "ascii: NgSendAsciiMsg name, a printf format");
	CHECK(NgSendAsciiMsg(cs, ".", "connect { path=\"bsdtee2:\" ourhook=\"b\" peerhook=\"right\" }") >= 0,
	      "ascii: NgSendAsciiMsg connect");
	CHECK(NgSendData(ds, "a", (const u_char *)"12345", 5) == 0 &&
	      readable(ds, 2000) && NgRecvData(ds, a.buf, sizeof(a.buf), NULL) == 5,
	      "ascii: a packet through the tee");

	/* ngctl: send, read the binary reply, ask its sender for the text */
	CHECK(NgSendAsciiMsg(cs, "bsdtee2:", "getstats") >= 0 &&
	      readable(cs, 2000) && (n = NgAllocRecvMsg(cs, &reply, from)) > 0,
	      "ascii: getstats, the reply read in binary");
	if (!reply)
		goto out;
	CHECK(reply->header.typecookie == NGM_TEE_COOKIE &&
	      reply->header.cmd == NGM_TEE_GET_STATS &&
	      reply->header.arglen == sizeof(struct ng_tee_stats),
	      "ascii: it is the tee's binary struct ng_tee_stats");
	CHECK(NgSendMsg(cs, from, NGM_GENERIC_COOKIE, NGM_BINARY2ASCII, reply,
			sizeof(*reply) + reply->header.arglen) >= 0 &&
	      readable(cs, 2000) && NgAllocRecvMsg(cs, &text, NULL) > 0 && text,
	      "ascii: NGM_BINARY2ASCII of it, sent to %s", from);
	if (text) {
		const struct ng_mesg *const t = (const struct ng_mesg *)(void *)text->data;

		printf("# %s %s\n", t->header.cmdstr, t->data);
		CHECK(text->header.arglen > sizeof(*t) && !strcmp(t->header.cmdstr, "getstats") &&
		      strstr(t->data, "inOctets=5") && strstr(t->data, "inFrames=1"),
		      "ascii: the text names the command and counts 5 octets in one frame");
		/* the library's own conversion says the same */
		CHECK(NgSendAsciiMsg(cs, "bsdtee2:", "getstats") >= 0 &&
		      readable(cs, 2000) &&
		      NgRecvAsciiMsg(cs, &a.m, sizeof(a), from) >= 0 &&
		      !strcmp(a.m.header.cmdstr, "getstats") &&
		      !strcmp(a.m.data, t->data),
		      "ascii: NgRecvAsciiMsg gives the same text");
	}
	free(text);
	free(reply);
	CHECK(NgSendAsciiMsg(cs, "bsdtee2:", "nosuchcmd") < 0 && errno == ENOSYS,
	      "ascii: an unknown command fails with ENOSYS (FreeBSD's ascii2binary)");
	CHECK(!readable(cs, 200), "ascii: ... and no reply waits");
out:
	NgSendMsg(cs, "bsdtee2:", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/* A loopback IPv4 address in a struct sockaddr_storage, as mpd5's
 * u_addrtosockaddr() makes one.  Linux: no ss_len to set. */
static void sockaddr_lo(struct sockaddr_storage *ss, in_port_t port)
{
	struct sockaddr_in *const sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin->sin_port = htons(port);
}

/* NGM_KSOCKET_GETNAME of @path, in binary, by token: the port, or -1 */
static int ks_port(int cs, const char *path, int getpeer)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + sizeof(struct sockaddr_storage)];
		struct ng_mesg m;
	} u;
	const struct sockaddr_in *const sin = (const struct sockaddr_in *)(void *)u.m.data;
	int tok, others = 0;

	tok = NgSendMsg(cs, path, NGM_KSOCKET_COOKIE,
			getpeer ? NGM_KSOCKET_GETPEERNAME : NGM_KSOCKET_GETNAME, NULL, 0);
	if (tok < 0 || recv_token(cs, tok, &u.m, sizeof(u), NULL, &others) < 0)
		return -1;
	if (u.m.header.arglen < sizeof(*sin) || sin->sin_family != AF_INET) {
		errno = EPROTO;
		return -1;
	}
	return ntohs(sin->sin_port);
}

/* mpd5's SO_REUSEPORT through NGM_KSOCKET_SETOPT */
static int ks_reuseport(int cs, const char *path)
{
	union {
		u_char buf[sizeof(struct ng_ksocket_sockopt) + sizeof(int)];
		struct ng_ksocket_sockopt ksso;
	} u;
	struct ng_ksocket_sockopt *const ksso = &u.ksso;
	int one = 1;

	ksso->level = SOL_SOCKET;
	ksso->name = SO_REUSEPORT;
	memcpy(ksso->value, &one, sizeof(one));
	return NgSendMsg(cs, path, NGM_KSOCKET_COOKIE, NGM_KSOCKET_SETOPT, &u,
			 sizeof(u));
}

/* A plain socket of @type bound to 127.0.0.1 and its port in *@port */
static int plain_socket(int type, int *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int s = socket(AF_INET, type, 0);

	sockaddr_lo(&ss, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&ss, sizeof(struct sockaddr_in)) ||
	    getsockname(s, (struct sockaddr *)&ss, &len)) {
		if (s >= 0)
			close(s);
		return -1;
	}
	*port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return s;
}

/*
 * mpd5's udp.c: a ksocket "inet/dgram/udp" on a hook, SO_REUSEPORT, bind
 * and connect with struct sockaddr_storage, then the link's packets on
 * the hook with NgSendData()/NgRecvData().
 */
static void t_udp(void)
{
	struct sockaddr_storage addr, from;
	socklen_t fromlen = sizeof(from);
	struct ngm_mkpeer mkp;
	u_char pkt[64];
	char hook[NG_HOOKSIZ];
	int cs, ds, u = -1, uport = 0, kport, n;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "udp: NgMkSockNode"))
		return;
	memset(&mkp, 0, sizeof(mkp));
	strcpy(mkp.type, NG_KSOCKET_NODE_TYPE);
	snprintf(mkp.ourhook, sizeof(mkp.ourhook), "k");
	snprintf(mkp.peerhook, sizeof(mkp.peerhook), "inet/dgram/udp");
	if (!CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp,
			     sizeof(mkp)) >= 0, "udp: mkpeer ksocket inet/dgram/udp"))
		goto out;
	CHECK(ks_reuseport(cs, "k") >= 0, "udp: NGM_KSOCKET_SETOPT SO_REUSEPORT");
	/* Linux: sizeof(addr) where mpd5 has addr.ss_len */
	sockaddr_lo(&addr, 0);
	CHECK(NgSendMsg(cs, "k", NGM_KSOCKET_COOKIE, NGM_KSOCKET_BIND, &addr,
			sizeof(addr)) >= 0,
	      "udp: NGM_KSOCKET_BIND a whole struct sockaddr_storage");
	kport = ks_port(cs, "k", 0);
	CHECK(kport > 0, "udp: NGM_KSOCKET_GETNAME: bound to port %d", kport);

	u = plain_socket(SOCK_DGRAM, &uport);
	if (!CHECK(u >= 0, "udp: a plain UDP socket on port %d", uport))
		goto out;
	sockaddr_lo(&addr, uport);
	CHECK(NgSendMsg(cs, "k", NGM_KSOCKET_COOKIE, NGM_KSOCKET_CONNECT, &addr,
			sizeof(struct sockaddr_in)) >= 0,
	      "udp: NGM_KSOCKET_CONNECT to it (a sockaddr_in's length)");
	CHECK(ks_port(cs, "k", 1) == uport, "udp: NGM_KSOCKET_GETPEERNAME is that port");
	CHECK(!readable(cs, 100), "udp: a UDP connect has no late reply");

	CHECK(NgSendData(ds, "k", (const u_char *)"to-peer", 7) == 0 &&
	      readable(u, 2000) &&
	      recvfrom(u, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fromlen) == 7 &&
	      !memcmp(pkt, "to-peer", 7) &&
	      ntohs(((struct sockaddr_in *)&from)->sin_port) == kport,
	      "udp: NgSendData on k: the peer gets the datagram from port %d", kport);
	sockaddr_lo(&addr, kport);
	n = sendto(u, "to-link", 7, 0, (struct sockaddr *)&addr, sizeof(struct sockaddr_in));
	CHECK(n == 7 && readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 7 &&
	      !memcmp(pkt, "to-link", 7) && !strcmp(hook, "k"),
	      "udp: the peer's datagram comes in on hook k (NgRecvData)");
out:
	if (u >= 0)
		close(u);
	NgSendMsg(cs, "k", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/* Read @len bytes from stream @fd within 2 s */
static int read_full(int fd, u_char *buf, int len)
{
	int got = 0, n;

	while (got < len && readable(fd, 2000)) {
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

/*
 * mpd5's tcp.c, outgoing: NGM_KSOCKET_CONNECT answers EINPROGRESS and the
 * result comes later as a NGM_KSOCKET_CONNECT reply holding an errno.
 */
static void t_tcp_connect(void)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + 64];
		struct ng_mesg m;
	} r;
	struct sockaddr_storage addr;
	struct ngm_mkpeer mkp;
	u_char pkt[64];
	char hook[NG_HOOKSIZ];
	int cs, ds, l = -1, c = -1, lport = 0, rc, err = -1;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "tcp_connect: NgMkSockNode"))
		return;
	memset(&mkp, 0, sizeof(mkp));
	strcpy(mkp.type, NG_KSOCKET_NODE_TYPE);
	strcpy(mkp.ourhook, "c");
	strcpy(mkp.peerhook, "inet/stream/tcp");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp,
			sizeof(mkp)) >= 0, "tcp_connect: mkpeer ksocket inet/stream/tcp");
	l = plain_socket(SOCK_STREAM, &lport);
	if (!CHECK(l >= 0 && listen(l, 4) == 0, "tcp_connect: a plain listener on %d", lport))
		goto out;
	sockaddr_lo(&addr, lport);
	rc = NgSendMsg(cs, "c", NGM_KSOCKET_COOKIE, NGM_KSOCKET_CONNECT, &addr,
		       sizeof(struct sockaddr_in));
	CHECK(rc < 0 && errno == EINPROGRESS,
	      "tcp_connect: NGM_KSOCKET_CONNECT: EINPROGRESS, as mpd5 expects");
	/* mpd5 waits for the control socket, then reads the late reply */
	if (CHECK(readable(cs, 3000) && NgRecvMsg(cs, &r.m, sizeof(r), NULL) ==
		  (int)(sizeof(r.m) + sizeof(int)),
		  "tcp_connect: the late reply arrives"))
		memcpy(&err, r.m.data, sizeof(err));
	CHECK(r.m.header.typecookie == NGM_KSOCKET_COOKIE &&
	      r.m.header.cmd == NGM_KSOCKET_CONNECT && (r.m.header.flags & NGF_RESP) &&
	      err == 0, "tcp_connect: it is NGM_KSOCKET_CONNECT with errno 0 (%d)", err);
	c = accept(l, NULL, NULL);
	CHECK(c >= 0, "tcp_connect: the listener accepts");
	CHECK(NgSendData(ds, "c", (const u_char *)"hello-tcp", 9) == 0 &&
	      read_full(c, pkt, 9) == 9 && !memcmp(pkt, "hello-tcp", 9),
	      "tcp_connect: bytes out of hook c reach the peer");
	CHECK(write(c, "reply", 5) == 5 && readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 5 &&
	      !memcmp(pkt, "reply", 5) && !strcmp(hook, "c"),
	      "tcp_connect: the peer's bytes come in on c");
out:
	if (c >= 0)
		close(c);
	if (l >= 0)
		close(l);
	NgSendMsg(cs, "c", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/*
 * mpd5's tcp.c, incoming: a listening ksocket, NGM_KSOCKET_ACCEPT
 * answered (late) with struct ng_ksocket_accept, and the new node
 * connected by its ID.
 */
static void t_tcp_accept(void)
{
	union {
		u_char buf[sizeof(struct ng_mesg) + sizeof(struct ng_ksocket_accept) +
			   sizeof(struct sockaddr_storage)];
		struct ng_mesg m;
	} r;
	const struct ng_ksocket_accept *const ac =
		(const struct ng_ksocket_accept *)(void *)r.m.data;
	const struct sockaddr_in *const sin =
		(const struct sockaddr_in *)(const void *)&ac->addr;
	struct sockaddr_storage addr;
	struct sockaddr_in me;
	socklen_t melen = sizeof(me);
	struct ngm_mkpeer mkp;
	struct ngm_connect cn;
	char path[NG_PATHSIZ], hook[NG_HOOKSIZ];
	u_char pkt[64];
	int cs, ds, c = -1, kport, backlog = 4, n = -1;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "tcp_accept: NgMkSockNode"))
		return;
	memset(&mkp, 0, sizeof(mkp));
	strcpy(mkp.type, NG_KSOCKET_NODE_TYPE);
	strcpy(mkp.ourhook, "listen");
	strcpy(mkp.peerhook, "inet/stream/tcp");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp,
			sizeof(mkp)) >= 0, "tcp_accept: mkpeer ksocket inet/stream/tcp");
	CHECK(ks_reuseport(cs, "listen") >= 0, "tcp_accept: SO_REUSEPORT");
	sockaddr_lo(&addr, 0);
	CHECK(NgSendMsg(cs, "listen", NGM_KSOCKET_COOKIE, NGM_KSOCKET_BIND, &addr,
			sizeof(struct sockaddr_in)) >= 0 &&
	      NgSendMsg(cs, "listen", NGM_KSOCKET_COOKIE, NGM_KSOCKET_LISTEN,
			&backlog, sizeof(backlog)) >= 0,
	      "tcp_accept: NGM_KSOCKET_BIND, NGM_KSOCKET_LISTEN");
	kport = ks_port(cs, "listen", 0);
	CHECK(kport > 0, "tcp_accept: listening on port %d", kport);
	CHECK(NgSendMsg(cs, "listen", NGM_KSOCKET_COOKIE, NGM_KSOCKET_ACCEPT,
			NULL, 0) >= 0 && !readable(cs, 100),
	      "tcp_accept: NGM_KSOCKET_ACCEPT with nothing pending: no reply yet");

	c = socket(AF_INET, SOCK_STREAM, 0);
	sockaddr_lo(&addr, kport);
	if (!CHECK(c >= 0 && connect(c, (struct sockaddr *)&addr, sizeof(struct sockaddr_in)) == 0 &&
		   getsockname(c, (struct sockaddr *)&me, &melen) == 0,
		   "tcp_accept: a plain client connects"))
		goto out;
	CHECK(readable(cs, 3000) && (n = NgRecvMsg(cs, &r.m, sizeof(r), NULL)) > 0 &&
	      r.m.header.typecookie == NGM_KSOCKET_COOKIE &&
	      r.m.header.cmd == NGM_KSOCKET_ACCEPT &&
	      r.m.header.arglen >= offsetof(struct ng_ksocket_accept, addr) +
				   sizeof(*sin),
	      "tcp_accept: the late NGM_KSOCKET_ACCEPT reply arrives");
	if (n <= 0)
		goto out;
	CHECK(ac->nodeid != 0 && ac->addr.sa_family == AF_INET &&
	      sin->sin_port == me.sin_port,
	      "tcp_accept: struct ng_ksocket_accept: node [%x], the client's port %d",
	      ac->nodeid, ntohs(sin->sin_port));
	/* mpd5 connects to the new node by its ID */
	memset(&cn, 0, sizeof(cn));
	snprintf(path, sizeof(path), "[%x]:", ac->nodeid);
	snprintf(cn.path, sizeof(cn.path), "%s", path);
	strcpy(cn.ourhook, "conn");
	strcpy(cn.peerhook, "data");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_CONNECT, &cn, sizeof(cn)) >= 0,
	      "tcp_accept: NGM_CONNECT hook conn to %s", path);
	CHECK(write(c, "from-client", 11) == 11 && readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 11 &&
	      !memcmp(pkt, "from-client", 11) && !strcmp(hook, "conn"),
	      "tcp_accept: the client's bytes come in on conn");
	CHECK(NgSendData(ds, "conn", (const u_char *)"from-node", 9) == 0 &&
	      read_full(c, pkt, 9) == 9 && !memcmp(pkt, "from-node", 9),
	      "tcp_accept: bytes out of conn reach the client");
	NgSendMsg(cs, "conn", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
out:
	if (c >= 0)
		close(c);
	NgSendMsg(cs, "listen", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/*
 * The descriptors as FreeBSD programs use them: select() on both, non-
 * blocking reads (mpd5 sets O_NONBLOCK), and what a sendto()/recvfrom()
 * on the data socket does here.
 */
static void t_sockets(void)
{
	u_char sagbuf[sizeof(struct sockaddr_ng) + NG_HOOKSIZ];
	struct sockaddr_ng *const sag = (struct sockaddr_ng *)(void *)sagbuf;
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	struct ngm_connect cn;
	struct ng_mesg m;
	struct timeval tv;
	fd_set rfds;
	u_char pkt[64];
	char hook[NG_HOOKSIZ];
	int cs, ds, n;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "sockets: NgMkSockNode"))
		return;
	memset(&cn, 0, sizeof(cn));
	strcpy(cn.path, ".");
	strcpy(cn.ourhook, "x");
	strcpy(cn.peerhook, "y");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_CONNECT, &cn, sizeof(cn)) >= 0,
	      "sockets: hooks x and y of our node connected");
	CHECK(fcntl(cs, F_SETFL, fcntl(cs, F_GETFL) | O_NONBLOCK) == 0 &&
	      fcntl(ds, F_SETFL, fcntl(ds, F_GETFL) | O_NONBLOCK) == 0,
	      "sockets: O_NONBLOCK on both descriptors");
	CHECK(NgRecvMsg(cs, &m, sizeof(m), NULL) < 0 && errno == EAGAIN,
	      "sockets: NgRecvMsg with nothing queued: EAGAIN");
	CHECK(NgRecvData(ds, pkt, sizeof(pkt), hook) < 0 && errno == EAGAIN,
	      "sockets: NgRecvData with nothing queued: EAGAIN");

	/* an event loop's select() */
	CHECK(NgSendData(ds, "x", (const u_char *)"sel", 3) == 0,
	      "sockets: a packet out of x");
	FD_ZERO(&rfds);
	FD_SET(cs, &rfds);
	FD_SET(ds, &rfds);
	tv.tv_sec = 2;
	tv.tv_usec = 0;
	n = select((cs > ds ? cs : ds) + 1, &rfds, NULL, NULL, &tv);
	CHECK(n == 1 && FD_ISSET(ds, &rfds) && !FD_ISSET(cs, &rfds),
	      "sockets: select() finds the data socket readable, not the control one");
	CHECK(NgRecvData(ds, pkt, sizeof(pkt), hook) == 3 && !strcmp(hook, "y"),
	      "sockets: the packet, on y");

	/* FreeBSD ngctl's "write": fails here, and sends nothing */
	memset(sagbuf, 0, sizeof(sagbuf));
	sag->sg_family = AF_NETGRAPH;
	strcpy(sag->sg_data, "x");
	sag->sg_len = 3 + strlen(sag->sg_data);
	CHECK(sendto(ds, "w", 1, 0, (struct sockaddr *)sag, sag->sg_len) < 0 &&
	      errno == EINVAL, "sockets: sendto() of a struct sockaddr_ng on ds: EINVAL");
	CHECK(!readable(ds, 200), "sockets: ... and nothing was sent");
	/* a FreeBSD program's recvfrom() on ds gets no sockaddr_ng here */
	CHECK(NgSendData(ds, "x", (const u_char *)"rf", 2) == 0 && readable(ds, 2000) &&
	      (n = recvfrom(ds, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fromlen)) > 2 &&
	      from.ss_family != AF_NETGRAPH,
	      "sockets: recvfrom() on ds reads a netlink message (%d bytes, family %d), not a sockaddr_ng",
	      n, from.ss_family);
	CHECK(NgSendData(ds, "x", (const u_char *)"rd", 2) == 0 && readable(ds, 2000) &&
	      NgRecvData(ds, pkt, sizeof(pkt), hook) == 2 && !memcmp(pkt, "rd", 2) &&
	      !strcmp(hook, "y"), "sockets: NgRecvData() is the call that replaces it");
	close(ds);
	close(cs);
}

/*
 * FreeBSD ngctl's "msg": right after NgSendAsciiMsg() returns, one
 * select() with a zero timeout; a synchronous reply must already be
 * queued, or ngctl prints nothing.  Asked of a ksocket whose peer keeps
 * it busy with datagrams, and of our own node.
 */
static void t_sync(void)
{
	struct ngm_mkpeer mkp;
	struct sockaddr_storage addr;
	struct ng_mesg *reply = NULL;
	struct timeval tv;
	fd_set rfds;
	pid_t pid = -1;
	int cs, ds, u, uport = 0, kport = 0, i, got = 0;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "sync: NgMkSockNode"))
		return;
	memset(&mkp, 0, sizeof(mkp));
	strcpy(mkp.type, NG_KSOCKET_NODE_TYPE);
	strcpy(mkp.ourhook, "k");
	strcpy(mkp.peerhook, "inet/dgram/udp");
	sockaddr_lo(&addr, 0);
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_MKPEER, &mkp, sizeof(mkp)) >= 0 &&
	      NgSendMsg(cs, "k", NGM_KSOCKET_COOKIE, NGM_KSOCKET_BIND, &addr,
			sizeof(struct sockaddr_in)) >= 0 &&
	      (kport = ks_port(cs, "k", 0)) > 0,
	      "sync: a bound UDP ksocket");
	u = plain_socket(SOCK_DGRAM, &uport);
	if (u >= 0 && kport > 0) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {	/* the busy peer, until killed */
			sockaddr_lo(&addr, kport);
			for (;;)
				(void)sendto(u, "busy", 4, 0, (struct sockaddr *)&addr,
					     sizeof(struct sockaddr_in));
		}
	}
	CHECK(pid > 0, "sync: a peer sends datagrams to it without pause");
	for (i = 0; i < 200; i++) {
		const char *cmd = i & 1 ? "getname" : "nodeinfo";
		int ready;

		if (NgSendAsciiMsg(cs, i & 1 ? "k" : ".", "%s", cmd) < 0)
			break;
		FD_ZERO(&rfds);
		FD_SET(cs, &rfds);
		memset(&tv, 0, sizeof(tv));
		ready = select(cs + 1, &rfds, NULL, NULL, &tv) == 1;
		if (!readable(cs, 2000) || NgAllocRecvMsg(cs, &reply, NULL) < 0)
			break;
		free(reply);
		if (!ready) {
			printf("# round %d: the %s reply came after the send returned\n",
			       i, cmd);
			break;
		}
		got++;
	}
	CHECK(got == 200, "sync: 200 replies (getname, nodeinfo) queued when the send returns (%d)",
	      got);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	if (u >= 0)
		close(u);
	NgSendMsg(cs, "k", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

struct tcase {
	const char *name;
	void (*fn)(void);
};

static const struct tcase cases[] = {
	{ "graph", t_graph },
	{ "ascii", t_ascii },
	{ "udp", t_udp },
	{ "tcp_connect", t_tcp_connect },
	{ "tcp_accept", t_tcp_accept },
	{ "sockets", t_sockets },
	{ "sync", t_sync },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

int main(int argc, char **argv)
{
	size_t i;
	int a;

	if (argc > 1 && !strcmp(argv[1], "list")) {
		for (i = 0; i < NCASES; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	if (argc == 1)
		for (i = 0; i < NCASES; i++)
			cases[i].fn();
	for (a = 1; a < argc; a++) {
		for (i = 0; i < NCASES; i++)
			if (!strcmp(argv[a], cases[i].name))
				break;
		if (i == NCASES) {
			fprintf(stderr, "bsdprog: no case %s\n", argv[a]);
			return 2;
		}
		cases[i].fn();
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
